"""Frozen in the history: the history of the signed plan and pledge of the Mjölby seed is
neither deleted nor rewritten, not by simple_history's clean-up commands either; a user
named in it is not deleted, and the version a signature points at is protected.
"""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError
from simple_history.models import HistoricalChanges

from actionplans.models import ActionPlan, Measure
from pledges.models import Pledge, Promise
from safety_partnership.freezing import AFTER_SAVE
from safety_partnership.models import FrozenDocument, Person, Signature
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from tests.safety_partnership.frozen_helpers import (
    admin_url,
    first_measure,
    first_promise,
    history_ids,
    register_state,
    signed_plan,
    signed_pledge,
)
from tests.safety_partnership.signing_helpers import sign_on_paper


def history_users(plan: ActionPlan) -> list:
    return list(ActionPlan.history.filter(id=plan.pk).values_list("history_user", flat=True))


@pytest.mark.django_db
def test_deleting_the_signed_plans_history_is_refused(mjolby):
    plan = signed_plan()
    before = history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        ActionPlan.history.filter(id=plan.pk).delete()

    assert history_ids() == before


@pytest.mark.django_db
def test_deleting_a_history_record_of_a_signed_measure_is_refused(mjolby):
    record = first_measure(signed_plan()).history.earliest()
    before = history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        record.delete()

    assert history_ids() == before


@pytest.mark.django_db
def test_deleting_a_history_record_of_a_signed_promise_is_refused(mjolby):
    record = first_promise(signed_pledge()).history.earliest()
    before = history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        record.delete()

    assert history_ids() == before


@pytest.mark.django_db
def test_rewriting_the_signed_plans_history_is_refused(mjolby):
    plan = signed_plan()
    before = list(ActionPlan.history.filter(id=plan.pk).values())

    with (
        pytest.raises(PermissionDenied, match="Historiken kan inte skrivas om."),
        transaction.atomic(),
    ):
        ActionPlan.history.filter(id=plan.pk).update(title="Aldrig undertecknad")

    assert list(ActionPlan.history.filter(id=plan.pk).values()) == before


@pytest.mark.django_db
def test_a_user_named_in_the_signed_plans_history_cannot_be_deleted(
    client, coordinator, draft_plan, superuser
):
    draft_plan.introduction = "Inledning skriven av samordnaren."
    draft_plan._history_user = coordinator
    draft_plan.save()
    sign_on_paper(draft_plan)
    edited_by = history_users(draft_plan)
    assert coordinator.pk in edited_by
    client.force_login(superuser)

    response = client.post(admin_url(type(coordinator), "delete", coordinator.pk), {"post": "yes"})

    # Refused: a user who changed documents is deactivated, never deleted.
    assert response.status_code == 403
    assert type(coordinator).objects.filter(pk=coordinator.pk).exists()
    assert history_users(draft_plan) == edited_by


def duplicate_latest_history(obj) -> None:
    """Add a history record identical to obj's latest: what a save() without changes leaves,
    written as django-simple-history writes it (a record saved by hand would be refused)."""
    record = obj.history.latest()
    record.history_id = None
    setattr(record, AFTER_SAVE, True)
    record.save()


def every_history() -> dict:
    """The id of every history record of every model, signed content or not."""
    return {
        model._meta.label: sorted(model._default_manager.values_list("history_id", flat=True))
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
    }


@pytest.mark.django_db
def test_clean_duplicate_history_is_refused_and_leaves_the_signed_plans_history_alone(mjolby):
    plan = signed_plan()
    duplicate_latest_history(plan)
    duplicate_latest_history(first_measure(plan))
    before, history = register_state(), every_history()

    # The command reaches the plan's or the measure's duplicate, whichever model it takes
    # first; either is a row of the signed plan, and the refusal names the plan.
    with pytest.raises(
        FrozenDocument, match="”Handlingsplan för 2018-2020” är undertecknad och kan inte ändras"
    ):
        call_command("clean_duplicate_history", "--auto", verbosity=0)

    assert every_history() == history  # the two duplicates included
    assert register_state() == before


@pytest.mark.django_db
def test_clean_duplicate_history_of_the_plan_models_alone_is_refused(mjolby):
    plan = signed_plan()
    duplicate_latest_history(plan)
    before = history_ids()

    with pytest.raises(FrozenDocument):
        call_command("clean_duplicate_history", "actionplans.ActionPlan", verbosity=0)

    assert history_ids() == before


@pytest.mark.django_db
def test_clean_old_history_is_refused_and_leaves_the_signed_documents_history_alone(mjolby):
    before, history, signed_history = register_state(), every_history(), history_ids()

    # The command takes the models in the order of a set, so which signed document the
    # refusal names varies from run to run. Run in one transaction (here a savepoint, which
    # also keeps the test's transaction usable) the refusal undoes the whole run. Run on its
    # own, in autocommit, the old history of what is not signed content (people, dialogues,
    # memos) that the command reached before the refusal stays pruned.
    with pytest.raises(FrozenDocument, match="är undertecknad och kan inte ändras"):
        with transaction.atomic():
            call_command("clean_old_history", "--auto", "--days", "0", verbosity=0)

    assert history_ids() == signed_history
    assert all(signed_history.values())
    assert every_history() == history
    assert register_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("model", [ActionPlan, Measure, Pledge, Promise, Signature])
def test_clean_old_history_of_each_signed_model_is_refused(mjolby, model):
    before = history_ids()

    with pytest.raises(FrozenDocument), transaction.atomic():
        call_command("clean_old_history", model._meta.label, "--days", "0", verbosity=0)

    assert history_ids() == before


@pytest.fixture
def half_signed(mjolby, police_chief):
    """The pledge for 2019, sent for signing and signed in the register by the police chief."""
    pledge = copy_document(
        original=signed_pledge(),
        title="Medborgarlöfte i Mjölby Kommun 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )
    signatories = [police_chief.person, Person.objects.get(name="Cecilia W Burenby")]
    signing.send_for_signing(document=pledge, user=None, signatories=signatories)
    signing.sign(document=pledge, user=police_chief, password="secret-pass-1")
    return pledge


@pytest.mark.django_db
def test_the_history_record_a_signature_points_at_cannot_be_deleted(half_signed):
    signature = half_signed.signatures.get(signed_at__isnull=False)
    record = signature.version
    count = Pledge.history.filter(id=half_signed.pk).count()

    with pytest.raises(ProtectedError), transaction.atomic():
        record.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Pledge.history.filter(id=half_signed.pk).delete()

    assert Pledge.history.filter(id=half_signed.pk).count() == count
    signature.refresh_from_db()
    assert signature.version == record
