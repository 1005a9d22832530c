"""Frozen through the models: save() and delete() on the signed plan and pledge of the
Mjölby seed and on their rows are refused, and leave the rows and their history exactly as
before. Only what a signed document may still do is let through: be superseded, and (a
pledge) be extended.
"""

from datetime import date

import pytest
from django.db import transaction

from actionplans.models import ActionPlan, FocusArea, Measure
from pledges.models import Promise
from safety_partnership.models import DecisionBasis, FrozenDocument, Signature
from safety_partnership.signing import services as signing
from tests.safety_partnership.frozen_helpers import (
    REFUSED,
    first_measure,
    first_promise,
    register_state,
    signed_plan,
    signed_pledge,
    tillgrepp,
)
from tests.safety_partnership.signing_helpers import sign_on_paper
from tests.seed_content import PLEDGE_2018_HASH


@pytest.mark.django_db
def test_saving_a_changed_title_of_the_signed_plan_is_refused(mjolby):
    before = register_state()
    plan = signed_plan()
    plan.title = "Handlingsplan för 2018-2020 (ändrad)"

    with pytest.raises(FrozenDocument, match="är undertecknad och kan inte ändras"):
        plan.save()

    assert register_state() == before


@pytest.mark.django_db
def test_saving_a_changed_situation_of_the_signed_pledge_is_refused(mjolby):
    before = register_state()
    pledge = signed_pledge()
    pledge.situation = "Ingen skadegörelse vid resecentrum."

    with pytest.raises(FrozenDocument):
        pledge.save()

    assert register_state() == before


@pytest.mark.django_db
def test_changing_a_focus_area_of_the_signed_plan_is_refused(mjolby):
    before = register_state()
    area = tillgrepp(signed_plan())
    area.effect_goal = "Inga tillgreppsbrott alls"

    with pytest.raises(FrozenDocument):
        area.save()

    assert register_state() == before


@pytest.mark.django_db
def test_changing_a_measure_of_the_signed_plan_is_refused(mjolby):
    before = register_state()
    measure = first_measure(signed_plan())
    measure.description = "Något helt annat"

    with pytest.raises(FrozenDocument):
        measure.save()

    assert register_state() == before


@pytest.mark.django_db
def test_changing_a_promise_of_the_signed_pledge_is_refused(mjolby):
    before = register_state()
    promise = first_promise(signed_pledge())
    promise.text = "Polisen lovar ingenting"

    with pytest.raises(FrozenDocument):
        promise.save()

    assert register_state() == before


@pytest.mark.django_db
def test_adding_a_measure_to_the_signed_plan_is_refused(mjolby):
    before = register_state()
    area = tillgrepp(signed_plan())

    with pytest.raises(FrozenDocument):
        Measure.objects.create(focus_area=area, position=99, description="Ny", responsible="joint")

    assert register_state() == before


@pytest.mark.django_db
def test_adding_a_focus_area_to_the_signed_plan_is_refused(mjolby):
    before = register_state()

    with pytest.raises(FrozenDocument):
        FocusArea.objects.create(plan=signed_plan(), position=99, title="Nytt fokusområde")

    assert register_state() == before


@pytest.mark.django_db
def test_adding_a_promise_to_the_signed_pledge_is_refused(mjolby):
    before = register_state()

    with pytest.raises(FrozenDocument):
        Promise.objects.create(
            pledge=signed_pledge(), position=4, text="Ett fjärde löfte", responsible="police"
        )

    assert register_state() == before


@pytest.mark.django_db
def test_moving_a_measure_out_of_the_signed_plan_into_a_draft_is_refused(mjolby, draft_plan):
    before = register_state()
    measure = first_measure(signed_plan())
    measure.focus_area = tillgrepp(draft_plan)
    measure.position = 99

    with pytest.raises(FrozenDocument):
        measure.save()

    assert register_state() == before


@pytest.mark.django_db
def test_moving_a_draft_measure_into_the_signed_plan_is_refused(mjolby, draft_plan):
    before = register_state()
    measure = first_measure(draft_plan)
    measure.focus_area = tillgrepp(signed_plan())
    measure.position = 99

    with pytest.raises(FrozenDocument):
        measure.save()

    assert register_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row",
    [
        signed_plan,
        signed_pledge,
        lambda: tillgrepp(signed_plan()),
        lambda: first_measure(signed_plan()),
        lambda: first_promise(signed_pledge()),
        lambda: signed_pledge().signatures.first(),
    ],
    ids=["plan", "pledge", "focus area", "measure", "promise", "signature"],
)
def test_deleting_a_signed_document_or_a_row_of_one_is_refused(mjolby, row):
    DecisionBasis.objects.all().delete()  # no council case protects the documents here
    before = register_state()
    obj = row()

    with pytest.raises(FrozenDocument), transaction.atomic():
        obj.delete()

    assert register_state() == before


@pytest.mark.django_db
def test_changing_a_signature_of_the_signed_pledge_is_refused(mjolby):
    before = register_state()
    signature = signed_pledge().signatures.order_by("position").first()
    signature.name = "Någon annan"

    with pytest.raises(FrozenDocument):
        signature.save()

    assert register_state() == before


@pytest.mark.django_db
def test_adding_a_signature_to_the_signed_pledge_is_refused(mjolby):
    before = register_state()

    with pytest.raises(FrozenDocument):
        Signature.objects.create(document=signed_pledge(), position=3, name="En tredje part")

    assert register_state() == before


@pytest.mark.django_db
def test_a_signed_plan_does_not_go_back_to_draft(mjolby):
    before = register_state()
    plan = signed_plan()
    plan.status = "draft"

    with pytest.raises(FrozenDocument):
        plan.save()

    assert register_state() == before


@pytest.mark.django_db
def test_a_signed_pledge_may_be_superseded(mjolby):
    pledge = signed_pledge()
    history = pledge.history.count()

    pledge.status = "superseded"
    pledge.save()

    pledge.refresh_from_db()
    assert pledge.status == "superseded"
    assert pledge.history.count() == history + 1


@pytest.mark.django_db
def test_a_signed_pledge_cannot_be_extended_by_a_save(mjolby):
    pledge = signed_pledge()
    before = register_state()

    pledge.extended_to = date(2019, 12, 31)
    pledge.extension_note = "Förlängt oförändrat enligt beslut i KS."
    with pytest.raises(FrozenDocument):
        pledge.save()

    assert register_state() == before
    assert signing.content_hash(pledge, form=1) == PLEDGE_2018_HASH  # what was signed verifies


@pytest.mark.django_db
def test_a_superseded_plan_is_as_frozen_as_a_signed_one(mjolby):
    ActionPlan.objects.filter(status="signed").update(status="superseded")
    before = register_state()
    measure = first_measure(ActionPlan.objects.get())
    measure.description = "Ändrad i efterhand"

    with pytest.raises(FrozenDocument):
        measure.save()

    assert register_state() == before


@pytest.mark.django_db
def test_a_measure_added_through_a_plan_loaded_before_it_was_signed_is_refused(mjolby, draft_plan):
    area = FocusArea.objects.select_related("plan").get(plan=draft_plan, title="Tillgreppsbrott")
    sign_on_paper(ActionPlan.objects.get(pk=draft_plan.pk))
    before = register_state()

    with pytest.raises(REFUSED), transaction.atomic():
        Measure.objects.create(
            focus_area=area, position=99, description="Sent", responsible="joint"
        )

    assert register_state() == before


@pytest.mark.django_db
def test_a_superseded_plan_is_not_signed_again(mjolby):
    ActionPlan.objects.filter(status="signed").update(status="superseded")
    before = register_state()
    plan = ActionPlan.objects.get()
    plan.status = "signed"

    with pytest.raises(REFUSED), transaction.atomic():
        plan.save()

    assert register_state() == before
