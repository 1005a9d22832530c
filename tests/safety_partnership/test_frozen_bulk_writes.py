"""Frozen through bulk writes: queryset update() and delete(), bulk_update() and
bulk_create() that touch the signed plan or pledge of the Mjölby seed, or a row of one, are
refused and change nothing; superseding the plan and extending the pledge in bulk are not.
"""

from datetime import date

import pytest
from django.db import transaction

from actionplans.models import ActionPlan, FocusArea, Measure
from pledges.models import Pledge, Promise
from safety_partnership.models import FrozenDocument, Signature
from tests.safety_partnership.frozen_helpers import (
    REFUSED,
    first_measure,
    register_state,
    signed_plan,
    signed_pledge,
    tillgrepp,
)


@pytest.mark.django_db
def test_a_bulk_update_of_the_signed_plans_text_is_refused(mjolby):
    before = register_state()

    with pytest.raises(FrozenDocument):
        ActionPlan.objects.filter(status="signed").update(purpose="Inget syfte")

    assert register_state() == before


@pytest.mark.django_db
def test_a_bulk_update_of_the_signed_pledges_title_and_status_together_is_refused(mjolby):
    before = register_state()

    with pytest.raises(FrozenDocument):
        Pledge.objects.all().update(status="superseded", title="Ett annat löfte")

    assert register_state() == before


@pytest.mark.django_db
def test_a_bulk_update_of_the_signed_plans_measures_is_refused(mjolby):
    before = register_state()

    with pytest.raises(FrozenDocument):
        Measure.objects.filter(focus_area__plan=signed_plan()).update(description="x")

    assert register_state() == before


@pytest.mark.django_db
def test_a_bulk_update_of_the_signed_pledges_promises_is_refused(mjolby):
    before = register_state()

    with pytest.raises(FrozenDocument):
        Promise.objects.filter(pledge=signed_pledge()).update(responsible="police")

    assert register_state() == before


@pytest.mark.django_db
def test_a_bulk_update_of_the_signed_pledges_signatures_is_refused(mjolby):
    before = register_state()

    with pytest.raises(FrozenDocument):
        Signature.objects.filter(object_id=signed_pledge().pk).update(title="Ingen titel")

    assert register_state() == before


@pytest.mark.django_db
def test_a_bulk_update_mixing_draft_and_signed_measures_changes_neither(mjolby, draft_plan):
    before = register_state()

    with pytest.raises(FrozenDocument):
        Measure.objects.filter(description__icontains="a").update(responsible_note="Ändrad")

    assert register_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rows",
    [
        lambda: Measure.objects.filter(focus_area__plan__status="signed"),
        lambda: FocusArea.objects.filter(plan__status="signed"),
        lambda: Promise.objects.all(),
        lambda: Signature.objects.all(),
        lambda: ActionPlan.objects.all(),
        lambda: Pledge.objects.all(),
    ],
    ids=["measures", "focus areas", "promises", "signatures", "plans", "pledges"],
)
def test_a_bulk_delete_touching_signed_content_is_refused(mjolby, rows):
    before = register_state()

    with pytest.raises(FrozenDocument), transaction.atomic():
        rows().delete()

    assert register_state() == before


@pytest.mark.django_db
def test_bulk_update_of_the_signed_plans_measures_is_refused(mjolby):
    before = register_state()
    measures = list(Measure.objects.filter(focus_area__plan=signed_plan()))
    for measure in measures:
        measure.description = measure.description.upper()

    with pytest.raises(FrozenDocument), transaction.atomic():
        Measure.objects.bulk_update(measures, ["description"])

    assert register_state() == before


@pytest.mark.django_db
def test_bulk_update_of_the_signed_pledges_text_is_refused(mjolby):
    before = register_state()
    pledge = signed_pledge()
    pledge.focus_place = "Hela Mjölby"

    with pytest.raises(FrozenDocument), transaction.atomic():
        Pledge.objects.bulk_update([pledge], ["focus_place"])

    assert register_state() == before


@pytest.mark.django_db
def test_a_bulk_update_may_supersede_the_signed_plan(mjolby):
    plan = signed_plan()

    ActionPlan.objects.filter(pk=plan.pk).update(status="superseded")

    plan.refresh_from_db()
    assert plan.status == "superseded"


@pytest.mark.django_db
def test_a_bulk_update_cannot_extend_the_signed_pledge(mjolby):
    pledge = signed_pledge()
    before = register_state()

    with pytest.raises(FrozenDocument), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(extended_to=date(2019, 12, 31))

    assert register_state() == before


@pytest.mark.django_db
def test_a_bulk_update_does_not_take_the_signed_plan_back_to_draft(mjolby):
    before = register_state()

    with pytest.raises(REFUSED), transaction.atomic():
        ActionPlan.objects.filter(status="signed").update(status="draft")

    assert register_state() == before


@pytest.mark.django_db
def test_bulk_update_does_not_take_the_signed_pledge_back_to_draft(mjolby):
    before = register_state()
    pledge = signed_pledge()
    pledge.status = "draft"

    with pytest.raises(REFUSED), transaction.atomic():
        Pledge.objects.bulk_update([pledge], ["status"])

    assert register_state() == before


@pytest.mark.django_db
def test_a_bulk_update_does_not_move_a_draft_measure_into_the_signed_plan(mjolby, draft_plan):
    before = register_state()
    measure = first_measure(draft_plan)

    with pytest.raises(REFUSED), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(
            focus_area=tillgrepp(signed_plan()), position=99
        )

    assert register_state() == before


@pytest.mark.django_db
def test_bulk_create_does_not_add_a_promise_to_the_signed_pledge(mjolby):
    before = register_state()
    promise = Promise(pledge=signed_pledge(), position=4, text="Ett fjärde löfte")

    with pytest.raises(REFUSED), transaction.atomic():
        Promise.objects.bulk_create([promise])

    assert register_state() == before


@pytest.mark.django_db
def test_bulk_create_does_not_add_a_signature_to_the_signed_pledge(mjolby):
    before = register_state()
    signature = Signature(document=signed_pledge(), position=3, name="En tredje part")

    with pytest.raises(REFUSED), transaction.atomic():
        Signature.objects.bulk_create([signature])

    assert register_state() == before
