"""Every URL of the workspace × every kind of visitor: who may read, who may change.

Anonymous visitors go to the login page; the coordinator of another municipality
does not learn that Mjölby's documents exist (404); the police area chief, the KS
chair and the registrar read but may not change (403); the Mjölby coordinator
reads and edits drafts, and is refused (403) on signed documents.
"""

from datetime import date

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from agreements.models import Agreement, LeadershipMeeting
from pledges.models import CitizenDialogue, Pledge
from safety_partnership.models import CouncilCase
from safety_partnership.services import copy_rows

LOGIN, OK, DENIED, HIDDEN = "login", 200, 403, 404
PERSONAS = ["anonymous", "coordinator", "other_coordinator", "police_chief", "chair", "staff"]
READ = {
    "anonymous": LOGIN,
    "coordinator": OK,
    "other_coordinator": HIDDEN,
    "police_chief": OK,
    "chair": OK,
    "staff": OK,
}
EDIT_DRAFT = {**READ, "police_chief": DENIED, "chair": DENIED, "staff": DENIED}
EDIT_SIGNED = {**EDIT_DRAFT, "coordinator": DENIED}


@pytest.fixture
def register(mjolby, draft_plan):
    """Names of the objects the URLs point at, a draft and a signed one of each kind."""
    signed_pledge = Pledge.objects.get()
    (draft_pledge,) = copy_rows(
        rows=[signed_pledge],
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
        status="draft",
    )
    copy_rows(rows=signed_pledge.promises.all(), pledge_id=draft_pledge.pk)
    agreement = Agreement.objects.get()
    case = CouncilCase.objects.get(diary_number="KS/2017:359")
    return {
        "partnership": mjolby.pk,
        "agreement": agreement.pk,
        "meeting": LeadershipMeeting.objects.create(
            agreement=agreement, held_on=date(2016, 5, 2)
        ).pk,
        "signed_plan": ActionPlan.objects.get(status="signed").pk,
        "draft_plan": draft_plan.pk,
        "draft_area": draft_plan.focus_areas.first().pk,
        "draft_measure": draft_plan.focus_areas.first().measures.first().pk,
        "signed_pledge": signed_pledge.pk,
        "draft_pledge": draft_pledge.pk,
        "draft_promise": draft_pledge.promises.first().pk,
        "dialogue": CitizenDialogue.objects.first().pk,
        "municipality": mjolby.municipality_id,
        "case": case.pk,
        "paragraph": case.paragraphs.first().pk,
    }


# (url name, object, expected per persona, method)
PAGES = [
    ("home", None, {**READ, "other_coordinator": OK}, "get"),
    ("partnership", "partnership", READ, "get"),
    ("agreements:detail", "agreement", READ, "get"),
    ("agreements:history", "agreement", READ, "get"),
    ("agreements:edit", "agreement", EDIT_SIGNED, "get"),
    ("agreements:delete", "agreement", EDIT_SIGNED, "get"),
    ("agreements:create", "partnership", EDIT_DRAFT, "get"),
    ("agreements:meeting_create", "agreement", EDIT_DRAFT, "get"),
    ("agreements:meeting_edit", "meeting", EDIT_DRAFT, "get"),
    ("agreements:meeting_delete", "meeting", EDIT_DRAFT, "post"),
    ("actionplans:detail", "signed_plan", READ, "get"),
    ("actionplans:detail", "draft_plan", READ, "get"),
    ("actionplans:history", "draft_plan", READ, "get"),
    ("actionplans:create", "agreement", EDIT_DRAFT, "get"),
    ("actionplans:edit", "signed_plan", EDIT_SIGNED, "get"),
    ("actionplans:edit", "draft_plan", EDIT_DRAFT, "get"),
    ("actionplans:delete", "draft_plan", EDIT_DRAFT, "get"),
    ("actionplans:copy", "signed_plan", EDIT_DRAFT, "get"),
    ("actionplans:focus_area_create", "draft_plan", EDIT_DRAFT, "get"),
    ("actionplans:focus_area_create", "signed_plan", EDIT_SIGNED, "get"),
    ("actionplans:focus_area_edit", "draft_area", EDIT_DRAFT, "get"),
    ("actionplans:focus_area_move", "draft_area", EDIT_DRAFT, "post"),
    ("actionplans:focus_area_delete", "draft_area", EDIT_DRAFT, "post"),
    ("actionplans:measure_create", "draft_area", EDIT_DRAFT, "get"),
    ("actionplans:measure_edit", "draft_measure", EDIT_DRAFT, "get"),
    ("actionplans:measure_move", "draft_measure", EDIT_DRAFT, "post"),
    ("actionplans:measure_delete", "draft_measure", EDIT_DRAFT, "post"),
    ("pledges:detail", "signed_pledge", READ, "get"),
    ("pledges:detail", "draft_pledge", READ, "get"),
    ("pledges:history", "signed_pledge", READ, "get"),
    ("pledges:create", "partnership", EDIT_DRAFT, "get"),
    ("pledges:edit", "signed_pledge", EDIT_SIGNED, "get"),
    ("pledges:edit", "draft_pledge", EDIT_DRAFT, "get"),
    ("pledges:delete", "draft_pledge", EDIT_DRAFT, "get"),
    ("pledges:copy", "signed_pledge", EDIT_DRAFT, "get"),
    ("pledges:extend", "signed_pledge", EDIT_DRAFT, "get"),
    ("pledges:promise_create", "draft_pledge", EDIT_DRAFT, "get"),
    ("pledges:promise_create", "signed_pledge", EDIT_SIGNED, "get"),
    ("pledges:promise_edit", "draft_promise", EDIT_DRAFT, "get"),
    ("pledges:promise_move", "draft_promise", EDIT_DRAFT, "post"),
    ("pledges:promise_delete", "draft_promise", EDIT_DRAFT, "post"),
    ("pledges:dialogue_detail", "dialogue", READ, "get"),
    ("pledges:dialogue_history", "dialogue", READ, "get"),
    ("pledges:dialogue_create", "partnership", EDIT_DRAFT, "get"),
    ("pledges:dialogue_edit", "dialogue", EDIT_DRAFT, "get"),
    ("pledges:dialogue_delete", "dialogue", EDIT_DRAFT, "post"),
    ("council:detail", "case", READ, "get"),
    ("council:history", "case", READ, "get"),
    ("council:memo", "case", READ, "get"),
    ("council:create", "municipality", EDIT_DRAFT, "get"),
    ("council:edit", "case", EDIT_DRAFT, "get"),
    ("council:memo_edit", "case", EDIT_DRAFT, "get"),
    ("council:paragraph_create", "case", EDIT_DRAFT, "get"),
    ("council:paragraph_edit", "paragraph", EDIT_DRAFT, "get"),
    ("council:paragraph_delete", "paragraph", EDIT_DRAFT, "post"),
    # A case with paragraphs is not deleted; the coordinator is sent back with the reason.
    ("council:delete", "case", {**EDIT_DRAFT, "coordinator": 302}, "get"),
]


def outcome(response) -> object:
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        return LOGIN
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_visitor_as_their_role_allows(persona, register, client, request):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    wrong = []
    for name, key, expected, method in PAGES:
        if method == "post" and persona == "coordinator":
            continue  # allowed changes are tried in each app's own tests
        url = reverse(name, args=[register[key]] if key else [])
        response = getattr(client, method)(url)
        if outcome(response) != expected[persona]:
            wrong.append(
                f"{method.upper()} {url} ({name}): {outcome(response)} not {expected[persona]}"
            )

    assert wrong == []


@pytest.mark.django_db
def test_refused_changes_leave_the_database_unchanged(register, client, police_chief):
    client.force_login(police_chief)
    plan = ActionPlan.objects.get(pk=register["draft_plan"])
    before = (
        plan.focus_areas.count(),
        Pledge.objects.get(pk=register["draft_pledge"]).promises.count(),
    )

    for name, key, _expected, method in PAGES:
        if method == "post":
            client.post(reverse(name, args=[register[key]]), {"direction": "up"})

    after = (
        plan.focus_areas.count(),
        Pledge.objects.get(pk=register["draft_pledge"]).promises.count(),
    )
    assert after == before
    assert LeadershipMeeting.objects.filter(pk=register["meeting"]).exists()
    assert CitizenDialogue.objects.filter(pk=register["dialogue"]).exists()
