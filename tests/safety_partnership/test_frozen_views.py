"""Frozen in the views and the admin: every edit of the signed plan or pledge of the Mjölby
seed, or of a row of one, is refused with nothing changed, while the pledge may still be
extended; the admin shows signed content read-only and refuses to change or delete it.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, FocusArea, Measure
from pledges.models import Pledge, Promise
from safety_partnership.models import DecisionBasis, Signature
from tests.safety_partnership.frozen_helpers import (
    TARGETS,
    admin_url,
    first_measure,
    first_promise,
    register_state,
    signed_plan,
    signed_pledge,
    tillgrepp,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


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
def test_the_coordinator_alone_cannot_extend_the_signed_pledge(client, coordinator):
    pledge = signed_pledge()
    client.force_login(coordinator)

    response = client.post(
        reverse("pledges:extend", args=[pledge.pk]),
        {"extended_to": "2019-12-31", "extension_note": "Samma löfte även 2019."},
    )

    # Only proposed: a revision that both parties are yet to sign.
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert (pledge.status, pledge.extended_to, pledge.extension_note) == ("signed", None, "")
    proposal = pledge.revisions.get()
    assert (proposal.status, proposal.extended_to) == ("draft", date(2019, 12, 31))


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
