"""Frozen means frozen: once signed, a plan or pledge and its rows change by no path.

Every way in is tried on the Mjölby seed, where the 2018–2020 plan and the 2018 pledge
are signed: the models' save() and delete(), bulk queryset writes, the views, the
admin, the history and its clean-up commands, and on PostgreSQL raw SQL. After each
refusal the rows and their history are exactly as before. Only what a signed
document may still do is let through: be superseded, and (a pledge) be extended.
"""

import re
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from simple_history.models import HistoricalChanges

from actionplans.models import ActionPlan, FocusArea, Measure
from agreements.models import Agreement
from pledges.models import Pledge, Promise
from safety_partnership.models import DecisionBasis, FrozenDocument, Person, Signature
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from tests.seed_content import PLEDGE_2018_HASH

HTMX = {"HTTP_HX_REQUEST": "true"}
CONTENT = [Agreement, ActionPlan, FocusArea, Measure, Pledge, Promise, Signature]
ON_SQLITE = connection.vendor == "sqlite"
POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite relies on the Python guards"
)
# On SQLite only the Python guards stand in the way, so the refusal is theirs; on
# PostgreSQL a trigger may refuse a write that reached the database first.
REFUSED = FrozenDocument if ON_SQLITE else (PermissionDenied, DatabaseError)


def register_state() -> dict:
    """Every row of every signed-content model, and how long each one's history is."""
    return {
        model._meta.label: (
            list(model._base_manager.order_by("pk").values()),
            model.history.count(),
        )
        for model in CONTENT
    }


def signed_plan() -> ActionPlan:
    return ActionPlan.objects.get(status="signed")


def signed_pledge() -> Pledge:
    return Pledge.objects.get(status="signed")


def tillgrepp(plan: ActionPlan) -> FocusArea:
    return plan.focus_areas.get(title="Tillgreppsbrott")


def first_measure(plan: ActionPlan) -> Measure:
    return tillgrepp(plan).measures.order_by("position").first()


def first_promise(pledge: Pledge) -> Promise:
    return pledge.promises.order_by("position").first()


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def sign_on_paper(plan: ActionPlan) -> None:
    signing.record_paper_signatures(
        document=plan,
        user=None,
        signed_on=date(2021, 1, 15),
        place="Mjölby",
        signers=[("Hanna Sjögren", "Lokalpolisområdeschef")],
    )


def history_users(plan: ActionPlan) -> list:
    return list(ActionPlan.history.filter(id=plan.pk).values_list("history_user", flat=True))


# --- save() and delete() on the models -------------------------------------------------


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
def test_a_signed_pledge_may_be_extended_unchanged_into_the_next_year(mjolby):
    pledge = signed_pledge()
    assert signing.content_hash(pledge) == PLEDGE_2018_HASH

    pledge.extended_to = date(2019, 12, 31)
    pledge.extension_note = "Förlängt oförändrat enligt beslut i KS."
    pledge.save()

    pledge.refresh_from_db()
    assert (pledge.status, pledge.extended_to) == ("signed", date(2019, 12, 31))
    assert pledge.extension_note == "Förlängt oförändrat enligt beslut i KS."
    assert signing.content_hash(pledge) == PLEDGE_2018_HASH  # what was signed still verifies


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


# --- bulk writes through querysets -------------------------------------------------------


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
def test_a_bulk_update_may_extend_the_signed_pledge(mjolby):
    pledge = signed_pledge()

    Pledge.objects.filter(pk=pledge.pk).update(extended_to=date(2019, 12, 31))

    pledge.refresh_from_db()
    assert (pledge.status, pledge.extended_to) == ("signed", date(2019, 12, 31))


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


# --- the views -----------------------------------------------------------------------------


def measure_form(description: str = "Ändrad åtgärd") -> dict:
    return {"description": description, "responsible": "joint", "other_parties": ""}


PLAN_FORM = {
    "title": "Ändrad handlingsplan",
    "period_start": "2018-01-01",
    "period_end": "2020-12-31",
    "follow_up_interval": "tertial",
}
PLEDGE_FORM = {
    "title": "Ändrat medborgarlöfte",
    "period_start": "2018-01-01",
    "period_end": "2018-12-31",
}
PROMISE_FORM = {"text": "Ett annat löfte", "responsible": "police"}
TARGETS = {
    "plan": lambda: signed_plan().pk,
    "area": lambda: tillgrepp(signed_plan()).pk,
    "measure": lambda: first_measure(signed_plan()).pk,
    "pledge": lambda: signed_pledge().pk,
    "promise": lambda: first_promise(signed_pledge()).pk,
}
# (url name, the object in the address, what is posted)
EDITS = [
    ("actionplans:edit", "plan", PLAN_FORM),
    ("actionplans:delete", "plan", {}),
    ("actionplans:focus_area_create", "plan", {"title": "Nytt fokusområde"}),
    ("actionplans:focus_area_edit", "area", {"title": "Stölder"}),
    ("actionplans:focus_area_delete", "area", {}),
    ("actionplans:focus_area_move", "area", {"direction": "up"}),
    ("actionplans:measure_create", "area", measure_form("Ny åtgärd")),
    ("actionplans:measure_edit", "measure", measure_form()),
    ("actionplans:measure_delete", "measure", {}),
    ("actionplans:measure_move", "measure", {"direction": "down"}),
    ("pledges:edit", "pledge", PLEDGE_FORM),
    ("pledges:delete", "pledge", {}),
    ("pledges:promise_create", "pledge", PROMISE_FORM),
    ("pledges:promise_edit", "promise", PROMISE_FORM),
    ("pledges:promise_delete", "promise", {}),
    ("pledges:promise_move", "promise", {"direction": "down"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("name,target,data", EDITS, ids=[name for name, *_ in EDITS])
def test_the_coordinator_is_refused_every_edit_of_signed_content(
    client, coordinator, name, target, data, htmx
):
    client.force_login(coordinator)
    before = register_state()

    response = client.post(reverse(name, args=[TARGETS[target]()]), data, **(HTMX if htmx else {}))

    assert response.status_code == 403
    assert "är undertecknad och kan inte ändras" in response.text
    assert register_state() == before


@pytest.mark.django_db
def test_the_coordinator_may_still_extend_the_signed_pledge(client, coordinator):
    pledge = signed_pledge()
    client.force_login(coordinator)

    response = client.post(
        reverse("pledges:extend", args=[pledge.pk]),
        {"extended_to": "2019-12-31", "extension_note": "Samma löfte även 2019."},
    )

    assert response.status_code == 302
    pledge.refresh_from_db()
    assert (pledge.status, pledge.extended_to) == ("signed", date(2019, 12, 31))


# --- the admin -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_signed_plan_is_view_only_in_the_admin(client, superuser, draft_plan):
    client.force_login(superuser)

    response = client.get(admin_url(ActionPlan, "change", signed_plan().pk))
    draft = client.get(admin_url(ActionPlan, "change", draft_plan.pk))

    # A draft's page has the save buttons, so their absence below is the signed plan's.
    assert 'name="_save"' in draft.text and 'name="_continue"' in draft.text
    assert response.status_code == 200
    assert 'name="_save"' not in response.text
    assert 'name="_continue"' not in response.text
    assert '<div class="readonly">Handlingsplan för 2018-2020</div>' in response.text


@pytest.mark.django_db
def test_posting_the_signed_plans_admin_form_is_refused(client, mjolby, superuser):
    client.force_login(superuser)
    plan = signed_plan()
    before = register_state()

    response = client.post(
        admin_url(ActionPlan, "change", plan.pk),
        {**PLAN_FORM, "agreement": plan.agreement_id, "status": "draft", "revision": 1},
    )

    assert response.status_code == 403
    assert register_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,obj",
    [
        (ActionPlan, signed_plan),
        (Pledge, signed_pledge),
        (Measure, lambda: first_measure(signed_plan())),
        (Promise, lambda: first_promise(signed_pledge())),
        (Signature, lambda: signed_pledge().signatures.first()),
    ],
    ids=["plan", "pledge", "measure", "promise", "signature"],
)
def test_the_admin_refuses_to_delete_signed_content(client, mjolby, superuser, model, obj):
    client.force_login(superuser)
    url = admin_url(model, "delete", obj().pk)
    before = register_state()

    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert register_state() == before


def delete_selected(client, model, pks: list[int], confirm: bool):
    data = {"action": "delete_selected", "_selected_action": pks}
    return client.post(
        admin_url(model, "changelist"), {**data, **({"post": "yes"} if confirm else {})}
    )


@pytest.mark.django_db
def test_the_delete_action_refuses_a_selection_with_the_signed_plan(
    client, mjolby, draft_plan, superuser
):
    DecisionBasis.objects.all().delete()  # no council case protects the plan here
    client.force_login(superuser)
    before = register_state()
    selection = [signed_plan().pk, draft_plan.pk]

    confirmation = delete_selected(client, ActionPlan, selection, confirm=False)
    confirmed = delete_selected(client, ActionPlan, selection, confirm=True)

    assert "Kan inte ta bort handlingsplaner" in confirmation.text
    assert "har inte behörighet att ta bort" in confirmation.text
    assert confirmed.status_code == 403
    assert register_state() == before


@pytest.mark.django_db
def test_the_delete_action_refuses_the_signed_plans_measures(client, mjolby, superuser):
    client.force_login(superuser)
    before = register_state()
    measures = list(
        Measure.objects.filter(focus_area__plan=signed_plan()).values_list("pk", flat=True)
    )

    confirmation = delete_selected(client, Measure, measures, confirm=False)
    confirmed = delete_selected(client, Measure, measures, confirm=True)

    assert "har inte behörighet att ta bort" in confirmation.text
    assert confirmed.status_code == 403
    assert register_state() == before


@pytest.mark.django_db
def test_reverting_a_signed_plans_measure_to_an_earlier_version_is_refused(
    client, mjolby, superuser
):
    client.force_login(superuser)
    measure = first_measure(signed_plan())
    record = measure.history.earliest()
    before = register_state()

    response = client.post(
        reverse("admin:actionplans_measure_simple_history", args=[measure.pk, record.history_id]),
        {
            "focus_area": measure.focus_area_id,
            "position": measure.position,
            "description": "Återställd till något annat",
            "responsible": "police",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == admin_url(Measure, "history", measure.pk)
    assert "väntar på underskrifter kan inte ändras, inte heller deras rader" in response.text
    assert register_state() == before


# The admin's "Ta bort" box on an inline row, and how many rows an inline may hold: its
# "Lägg till ytterligare …" link is drawn by JavaScript only while there is room for a row.
DELETE_BOX = re.compile(r'name="[\w-]+-\d+-DELETE"')
MAX_ROWS = re.compile(r'name="[\w-]+-MAX_NUM_FORMS" value="(\d+)"')


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,signed,draft",
    [
        (ActionPlan, signed_plan, lambda draft_plan: draft_plan),
        (FocusArea, lambda: tillgrepp(signed_plan()), tillgrepp),
    ],
    ids=["plan", "focus area"],
)
def test_the_inlines_of_signed_content_offer_no_adding_changing_or_deleting(
    client, superuser, draft_plan, model, signed, draft
):
    client.force_login(superuser)

    response = client.get(admin_url(model, "change", signed().pk))
    the_draft = client.get(admin_url(model, "change", draft(draft_plan).pk))

    # The same page for a draft offers all three, so the checks below can see them.
    assert all(i.has_add_permission for i in the_draft.context["inline_admin_formsets"])
    assert DELETE_BOX.search(the_draft.text)
    assert "1000" in MAX_ROWS.findall(the_draft.text)
    inlines = response.context["inline_admin_formsets"]
    assert inlines
    for inline in inlines:
        assert not inline.has_add_permission, inline.opts
        assert not inline.has_change_permission, inline.opts
        assert not inline.has_delete_permission, inline.opts
    assert DELETE_BOX.search(response.text) is None
    assert set(MAX_ROWS.findall(response.text)) == {"0"}


@pytest.mark.django_db
def test_adding_a_measure_to_the_signed_plan_in_the_admin_is_refused(client, mjolby, superuser):
    client.force_login(superuser)
    before = register_state()

    response = client.post(
        admin_url(Measure, "add"),
        {
            "focus_area": tillgrepp(signed_plan()).pk,
            "position": 99,
            "description": "Tillagd via admin",
            "responsible": "joint",
        },
    )

    assert response.status_code == 403
    assert register_state() == before


# --- the history ---------------------------------------------------------------------------


def history_ids() -> dict:
    """The id of every history record of the signed plan, pledge and their rows."""
    plan, pledge = signed_plan(), signed_pledge()
    areas = list(plan.focus_areas.values_list("pk", flat=True))
    records = [
        ActionPlan.history.filter(id=plan.pk),
        FocusArea.history.filter(plan_id=plan.pk),
        Measure.history.filter(focus_area_id__in=areas),
        Pledge.history.filter(id=pledge.pk),
        Promise.history.filter(pledge_id=pledge.pk),
        Signature.history.filter(
            id__in=[s.pk for s in [*plan.signatures.all(), *pledge.signatures.all()]]
        ),
    ]
    return {qs.model.__name__: sorted(qs.values_list("history_id", flat=True)) for qs in records}


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
    """Add a history record identical to obj's latest: what a save() without changes leaves."""
    record = obj.history.latest()
    record.history_id = None
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


# --- raw SQL (PostgreSQL's triggers) --------------------------------------------------------


def raw(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@POSTGRESQL_ONLY
@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql,target",
    [
        ("UPDATE actionplans_measure SET description = 'x' WHERE id = %s", "measure"),
        ("DELETE FROM actionplans_measure WHERE id = %s", "measure"),
        ("UPDATE actionplans_focusarea SET title = 'x' WHERE id = %s", "area"),
        ("UPDATE actionplans_actionplan SET title = 'x' WHERE id = %s", "plan"),
        ("UPDATE actionplans_actionplan SET status = 'draft' WHERE id = %s", "plan"),
        ("DELETE FROM actionplans_actionplan WHERE id = %s", "plan"),
        ("UPDATE pledges_pledge SET title = 'Ett annat löfte' WHERE id = %s", "pledge"),
        ("UPDATE pledges_promise SET text = 'x' WHERE id = %s", "promise"),
        ("DELETE FROM pledges_promise WHERE id = %s", "promise"),
        ("DELETE FROM actionplans_historicalactionplan WHERE id = %s", "plan"),
        ("UPDATE actionplans_historicalmeasure SET description = 'x' WHERE id = %s", "measure"),
        ("DELETE FROM pledges_historicalpromise WHERE id = %s", "promise"),
    ],
    ids=lambda value: value if value in TARGETS else value.split(" SET")[0].split(" WHERE")[0],
)
def test_raw_sql_cannot_change_signed_content(mjolby, sql, target):
    before = register_state()
    history = history_ids()

    with pytest.raises(DatabaseError), transaction.atomic():
        raw(sql, TARGETS[target]())

    assert register_state() == before
    assert history_ids() == history


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_raw_sql_cannot_add_a_measure_to_the_signed_plan(mjolby):
    before = register_state()

    with pytest.raises(DatabaseError), transaction.atomic():
        raw(
            "INSERT INTO actionplans_measure (focus_area_id, position, description, responsible,"
            " other_parties, responsible_note) VALUES (%s, 99, 'x', 'joint', '', '')",
            tillgrepp(signed_plan()).pk,
        )

    assert register_state() == before


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_raw_sql_may_supersede_the_signed_plan(mjolby):
    plan = signed_plan()

    raw("UPDATE actionplans_actionplan SET status = 'superseded' WHERE id = %s", plan.pk)

    plan.refresh_from_db()
    assert plan.status == "superseded"


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_raw_sql_may_change_a_draft_plans_measure(mjolby, draft_plan):
    measure = first_measure(draft_plan)

    raw("UPDATE actionplans_measure SET description = 'x' WHERE id = %s", measure.pk)

    measure.refresh_from_db()
    assert measure.description == "x"


@POSTGRESQL_ONLY
@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE safety_partnership_signature SET name = 'Någon annan' WHERE id = %s",
        "DELETE FROM safety_partnership_signature WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_raw_sql_cannot_change_the_signatures_of_the_signed_pledge(mjolby, sql):
    before = register_state()

    with pytest.raises(DatabaseError), transaction.atomic():
        raw(sql, signed_pledge().signatures.first().pk)

    assert register_state() == before
