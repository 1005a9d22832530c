"""Editing the pledge itself: a signed pledge is refused every change, a draft is edited with
the dialogues behind it and not saved over a newer edit, and a draft is deleted unless a
council case decides on it.
"""

import re
from datetime import date

import pytest

from pledges.models import CitizenDialogue, Pledge, Promise
from safety_partnership.concurrency import latest_version
from safety_partnership.models import CouncilCase, DecisionBasis
from tests.pledges.pledge_helpers import (
    PROMISES_2018,
    pledge_data,
    promise_data,
    promise_texts,
    snapshot,
    url,
)


@pytest.mark.django_db
def test_editing_the_signed_pledge_is_refused_and_nothing_changes(client, coordinator, pledge):
    client.force_login(coordinator)
    before = snapshot(pledge)
    promise = pledge.promises.get(position=1)

    responses = [
        client.get(url("edit", pledge.pk)),
        client.post(url("edit", pledge.pk), pledge_data(pledge, title="Ändrad i efterhand")),
        client.post(url("promise_create", pledge.pk), promise_data("Ett löfte i efterhand")),
        client.post(url("promise_edit", promise.pk), promise_data("Ändrat i efterhand")),
        client.post(url("promise_move", promise.pk), {"direction": "down"}),
        client.post(url("promise_delete", promise.pk)),
        client.post(url("delete", pledge.pk)),
    ]

    assert [r.status_code for r in responses] == [403] * len(responses)
    assert snapshot(pledge) == before
    assert pledge.dialogues.count() == 3


@pytest.mark.django_db
def test_the_coordinator_edits_a_draft_and_chooses_the_dialogues_behind_it(
    client, coordinator, draft
):
    draft.dialogues.add(1, 2, 3)  # the 2017 dialogues informed this draft too
    client.force_login(coordinator)
    form = client.get(url("edit", draft.pk)).content.decode()
    kept = [1, 2]

    response = client.post(
        url("edit", draft.pk),
        pledge_data(
            draft, focus_place="Resecentrum", dialogues=kept, version=latest_version(draft)
        ),
    )

    dialogue_boxes = re.findall(r'<input[^>]*name="dialogues"[^>]*>', form)
    assert 'type="date"' in form and 'value="2019-01-01"' in form
    assert [(re.search(r'value="(\d+)"', box)[1], "checked" in box) for box in dialogue_boxes] == [
        ("1", True),
        ("2", True),
        ("3", True),
    ]
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.focus_place == "Resecentrum"
    assert sorted(draft.dialogues.values_list("pk", flat=True)) == kept
    dropped = CitizenDialogue.objects.get(pk=3)
    assert list(dropped.pledges.all()) == [Pledge.objects.get(status="signed")]
    unlinked = draft.dialogue_links.model.history.filter(pledge_id=draft.pk).latest()
    assert (unlinked.history_type, unlinked.dialogue_id) == ("-", 3)
    assert unlinked.history_user == coordinator


@pytest.mark.django_db
def test_a_stale_edit_of_the_pledge_is_not_saved_over_a_newer_one(client, coordinator, draft):
    client.force_login(coordinator)
    version = latest_version(draft)
    draft.situation = "Ny lägesbild från kommunpolisen."
    draft.save()

    response = client.post(
        url("edit", draft.pk), pledge_data(draft, situation="Min lägesbild", version=version)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "har sparat ändringar här" in page and "Det du skrev är inte sparat." in page
    assert "Min lägesbild" in page
    draft.refresh_from_db()
    assert draft.situation == "Ny lägesbild från kommunpolisen."


@pytest.mark.django_db
def test_deleting_a_draft_asks_first_and_keeps_its_dialogues(client, coordinator, mjolby):
    client.force_login(coordinator)
    draft_2019 = Pledge.objects.create(
        partnership=mjolby,
        title="Utkast 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )
    Promise.objects.create(pledge=draft_2019, position=1, text="Ett löfte", responsible="police")
    dialogue = CitizenDialogue.objects.create(partnership=mjolby, year=2018)
    draft_2019.dialogues.add(dialogue)

    confirm = client.get(url("delete", draft_2019.pk))
    response = client.post(url("delete", draft_2019.pk))

    assert "Ta bort ”Utkast 2019”?" in confirm.content.decode()
    assert response.status_code == 302
    assert response["Location"] == mjolby.get_absolute_url()
    assert not Pledge.objects.filter(pk=draft_2019.pk).exists()
    assert not Promise.objects.filter(text="Ett löfte").exists()
    dialogue.refresh_from_db()
    assert not dialogue.pledges.exists()


@pytest.mark.django_db
def test_a_draft_that_a_council_case_decides_on_is_not_deleted(client, coordinator, draft):
    DecisionBasis.objects.create(
        case=CouncilCase.objects.get(diary_number="KS/2017:359"),
        position=4,
        title="Förslag till medborgarlöfte 2019",
        document=draft,
    )
    client.force_login(coordinator)

    response = client.post(url("delete", draft.pk), follow=True)

    assert "kan inte tas bort" in response.content.decode()
    assert Pledge.objects.filter(pk=draft.pk).exists()
    assert promise_texts(draft) == PROMISES_2018
