"""Frozen through the paths that skip save(): loaddata over the signed plan, upserts
(bulk_create with update_conflicts), a related manager's add(), and history records saved by
hand. Each is refused with the register's own message where Python can tell, by a trigger
otherwise, and leaves the register, its history and the document as it was shown unchanged.
"""

from datetime import timedelta

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from simple_history.utils import update_change_reason

from actionplans.models import ActionPlan, FocusArea, Measure
from pledges.models import Promise
from safety_partnership.models import FrozenDocument, Signature
from tests.safety_partnership.frozen_helpers import (
    REFUSED,
    first_measure,
    first_promise,
    history_ids,
    register_state,
    signed_plan,
    signed_pledge,
    tillgrepp,
)

FORGED = "En åtgärd som aldrig fanns"


def unchanged(before: dict, history: dict) -> bool:
    return register_state() == before and history_ids() == history


# loaddata -----------------------------------------------------------------------------


def retitled_plan():
    plan = signed_plan()
    plan.title = "Handlingsplan för 2018-2020 (inläst på nytt)"
    return [plan]


def rewritten_measure():
    measure = first_measure(signed_plan())
    measure.description = "Omskriven genom loaddata"
    return [measure]


def new_promise():
    return [Promise(pk=10**6, pledge=signed_pledge(), position=9, text="Ett nytt löfte")]


def renamed_signature():
    signature = signed_pledge().signatures.order_by("position").first()
    signature.name = "Någon annan"
    return [signature]


def rewritten_history():
    record = ActionPlan.history.filter(id=signed_plan().pk).earliest()
    record.title = "Aldrig undertecknad"
    return [record]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "objects",
    [retitled_plan, rewritten_measure, new_promise, renamed_signature, rewritten_history],
    ids=["plan", "measure", "new promise", "signature", "history record"],
)
def test_loaddata_over_signed_content_is_refused(mjolby, tmp_path, objects):
    fixture = tmp_path / "over-signed.json"
    fixture.write_text(serializers.serialize("json", objects()), encoding="utf-8")
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument, match="är undertecknad och kan inte ändras"):
        call_command("loaddata", str(fixture), verbosity=0)

    assert unchanged(before, history)


@pytest.mark.django_db
def test_loaddata_of_the_signed_plan_as_it_is_changes_nothing(mjolby, tmp_path):
    fixture = tmp_path / "as-it-is.json"
    fixture.write_text(serializers.serialize("json", [signed_plan()]), encoding="utf-8")
    before = register_state()

    call_command("loaddata", str(fixture), verbosity=0)

    assert register_state() == before


# Upserts --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_upsert_over_the_signed_plan_is_refused(mjolby):
    plan = signed_plan()
    plan.title = "Omskriven genom upsert"
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        ActionPlan.objects.bulk_create(
            [plan], update_conflicts=True, unique_fields=["id"], update_fields=["title"]
        )

    assert unchanged(before, history)


@pytest.mark.django_db
def test_an_upsert_over_a_measure_of_the_signed_plan_is_refused(mjolby):
    measure = first_measure(signed_plan())
    measure.description = "Omskriven genom upsert"
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        Measure.objects.bulk_create(
            [measure], update_conflicts=True, unique_fields=["id"], update_fields=["description"]
        )

    assert unchanged(before, history)


@pytest.mark.django_db
def test_an_upsert_from_a_draft_row_onto_a_signed_one_is_refused(mjolby, draft_plan):
    """The new row names the draft, but collides with a measure of the signed plan."""
    signed = first_measure(signed_plan())
    measure = first_measure(draft_plan)
    measure.pk = signed.pk
    measure.description = "Omskriven genom upsert"
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        Measure.objects.bulk_create(
            [measure], update_conflicts=True, unique_fields=["pk"], update_fields=["description"]
        )

    assert unchanged(before, history)


@pytest.mark.django_db
def test_an_upsert_over_a_signature_of_the_signed_pledge_is_refused(mjolby):
    signature = signed_pledge().signatures.order_by("position").first()
    signature.name = "Någon annan"
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        Signature.objects.bulk_create(
            [signature],
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "position"],
            update_fields=["name"],
        )

    assert unchanged(before, history)


@pytest.mark.django_db
def test_an_upsert_of_a_draft_plans_measure_goes_through(mjolby, draft_plan):
    measure = first_measure(draft_plan)
    measure.description = "Omskriven genom upsert"

    Measure.objects.bulk_create(
        [measure], update_conflicts=True, unique_fields=["id"], update_fields=["description"]
    )

    measure.refresh_from_db()
    assert measure.description == "Omskriven genom upsert"


# related.add() --------------------------------------------------------------------------


@pytest.mark.django_db
def test_adding_a_draft_measure_to_a_focus_area_of_the_signed_plan_is_refused(mjolby, draft_plan):
    draft_measure = first_measure(draft_plan)
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        tillgrepp(signed_plan()).measures.add(draft_measure)

    assert unchanged(before, history)
    assert Measure.objects.get(pk=draft_measure.pk).focus_area.plan == draft_plan


@pytest.mark.django_db
def test_adding_a_draft_focus_area_to_the_signed_plan_is_refused(mjolby, draft_plan):
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        signed_plan().focus_areas.add(tillgrepp(draft_plan))

    assert unchanged(before, history)


@pytest.mark.django_db
def test_taking_a_measure_out_of_the_signed_plan_with_add_is_refused(mjolby, draft_plan):
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        tillgrepp(draft_plan).measures.add(first_measure(signed_plan()))

    assert unchanged(before, history)


@pytest.mark.django_db
def test_adding_a_draft_promise_to_the_signed_pledge_is_refused(mjolby, draft_pledge):
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        signed_pledge().promises.add(first_promise(draft_pledge))

    assert unchanged(before, history)


@pytest.mark.django_db
def test_adding_a_drafts_signature_to_the_signed_pledge_is_refused(mjolby, draft_pledge):
    signature = Signature.objects.create(document=draft_pledge, position=1, name="En part")
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        signed_pledge().signatures.add(signature)

    assert unchanged(before, history)


@pytest.mark.django_db
def test_adding_a_measure_to_a_draft_plan_still_works(mjolby, draft_plan):
    area = FocusArea.objects.filter(plan=draft_plan).exclude(title="Tillgreppsbrott").first()
    measure = first_measure(draft_plan)
    Measure.objects.filter(pk=measure.pk).update(position=99)  # free in its new area

    area.measures.add(measure)

    assert Measure.objects.get(pk=measure.pk).focus_area == area


# History records saved by hand ------------------------------------------------------------


@pytest.mark.django_db
def test_saving_a_changed_history_record_of_the_signed_plan_is_refused(mjolby):
    record = first_measure(signed_plan()).history.earliest()
    record.description = "Skrivet om i historiken"
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        record.save()

    assert unchanged(before, history)


@pytest.mark.django_db
def test_a_new_reason_for_a_change_to_the_signed_plan_is_refused(mjolby):
    plan = signed_plan()
    before, history = register_state(), history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        update_change_reason(plan, "Ett skäl i efterhand")
    with pytest.raises(FrozenDocument), transaction.atomic():
        ActionPlan.history.filter(id=plan.pk).update(history_change_reason="Ett annat skäl")

    assert unchanged(before, history)
    assert "Ett skäl i efterhand" not in str(register_state())


def forged_record(plan: ActionPlan):
    """A record of a measure that never was, dated before the plan was signed."""
    return Measure.history.model(
        id=10**6,
        focus_area_id=tillgrepp(plan).pk,
        position=99,
        description=FORGED,
        responsible="joint",
        history_date=plan.history.latest().history_date - timedelta(days=1),
        history_type="+",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forge",
    [
        lambda record: record.save(),
        lambda record: type(record).objects.bulk_create([record]),
    ],
    ids=["save", "bulk_create"],
)
def test_a_forged_history_record_of_the_signed_plan_never_shows(client, coordinator, forge):
    plan = signed_plan()
    signed_at = plan.history.latest().history_date
    before, history = register_state(), history_ids()

    with pytest.raises(REFUSED), transaction.atomic():
        forge(forged_record(plan))

    assert unchanged(before, history)
    client.force_login(coordinator)
    page = client.get(plan.as_of_url, {"tid": signed_at.isoformat()})
    assert page.status_code == 200 and "Tillgreppsbrott" in page.text
    assert FORGED not in page.text
