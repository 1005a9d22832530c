"""The citizen dialogues a pledge rests on are part of what is signed (issue 9, point 1).

Linking a dialogue to a new draft never takes it from the signed pledge; the links of a
locked pledge change by no path (form, ORM, bulk, related manager); every link and unlink
shows in the pledge's history, with who did it; the hash of what was signed covers them.
"""

from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone

from pledges.models import CitizenDialogue, DialogueLocked, Pledge, PledgeDialogue
from safety_partnership.concurrency import latest_version
from safety_partnership.models import FrozenDocument
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from tests.pages import history_entries
from tests.pledges.pledge_helpers import pledge_data, url
from tests.safety_partnership.frozen_helpers import register_state
from tests.seed_content import PLEDGE_2018_HASH

DIALOGUE = "Medborgardialog 2017 nr 1"


@pytest.mark.django_db
def test_linking_a_signed_pledges_dialogue_to_a_new_draft_leaves_the_signed_pledge(
    client, coordinator, pledge, draft
):
    client.force_login(coordinator)
    signed_hash = signing.content_hash(pledge)
    rests_on = list(pledge.dialogues.order_by("pk"))

    response = client.post(
        url("edit", draft.pk),
        pledge_data(draft, dialogues=[rests_on[0].pk], version=latest_version(draft)),
    )

    assert response.status_code == 302
    assert list(draft.dialogues.all()) == [rests_on[0]]
    assert list(pledge.dialogues.order_by("pk")) == rests_on and len(rests_on) == 3
    assert signing.content_hash(pledge) == signed_hash
    assert signing.content_hash(pledge, form=1) == PLEDGE_2018_HASH
    page = client.get(rests_on[0].get_absolute_url()).content.decode()
    assert "Medborgarlöfte i Mjölby Kommun 2018" in page
    assert "Medborgarlöfte i Mjölby Kommun 2019" in page
    form = client.get(url("edit", draft.pk)).content.decode()
    assert "(även underlag till ”Medborgarlöfte i Mjölby Kommun 2018”)" in form


def refused_writes(pledge: Pledge, extra: CitizenDialogue):
    link = pledge.dialogue_links.first()
    yield lambda: pledge.dialogues.add(extra)
    yield lambda: pledge.dialogues.remove(link.dialogue)
    yield lambda: pledge.dialogues.set([extra])
    yield lambda: pledge.dialogues.clear()
    yield lambda: PledgeDialogue.objects.create(pledge=pledge, dialogue=extra)
    yield lambda: PledgeDialogue.objects.bulk_create(
        [PledgeDialogue(pledge=pledge, dialogue=extra)]
    )
    yield lambda: PledgeDialogue.objects.filter(pledge=pledge).delete()
    yield lambda: PledgeDialogue.objects.filter(pledge=pledge).update(dialogue=extra)
    yield link.delete
    yield lambda: extra.pledges.add(pledge)
    yield lambda: link.dialogue.delete()
    yield lambda: CitizenDialogue.objects.filter(pk=link.dialogue_id).delete()
    yield lambda: CitizenDialogue.objects.filter(pk=link.dialogue_id).update(town="Mantorp")


@pytest.mark.django_db
@pytest.mark.parametrize("write", range(13))
def test_the_signed_pledges_dialogues_change_by_no_path(mjolby, pledge, write):
    extra = CitizenDialogue.objects.create(partnership=mjolby, year=2017, town="Skänninge")
    before = register_state()
    attempt = list(refused_writes(pledge, extra))[write]

    with pytest.raises(FrozenDocument), transaction.atomic():
        attempt()

    assert register_state() == before
    assert pledge.dialogues.count() == 3


@pytest.mark.django_db
def test_a_dialogue_the_signed_pledge_rests_on_is_not_saved_changed(pledge):
    dialogue = pledge.dialogues.first()
    before = register_state()
    dialogue.raised = "Skrivet i efterhand"

    with pytest.raises(DialogueLocked, match="ligger till grund för ”Medborgarlöfte i Mjölby"):
        dialogue.save()

    assert register_state() == before


@pytest.mark.django_db
def test_the_pledges_history_shows_each_dialogue_linked_and_removed_with_who_did_it(
    client, coordinator, police_chief, draft
):
    client.force_login(coordinator)
    before = timezone.now()
    for chosen in ([1, 2], [2]):
        client.post(
            url("edit", draft.pk),
            pledge_data(draft, dialogues=chosen, version=latest_version(draft)),
        )
    client.force_login(police_chief)

    page = client.get(url("history", draft.pk)).content.decode()
    linked = client.get(url("as_of", draft.pk), {"tid": timezone.now().isoformat()})
    earlier = client.get(url("as_of", draft.pk), {"tid": before.isoformat()})

    entries = [e for e in history_entries(page) if "Medborgardialog 2017" in e]
    assert entries[0] == f"Roger Max · En medborgardialog borttagen: {DIALOGUE}"
    assert sorted(entries[1:]) == [
        f"Roger Max · En medborgardialog kopplad: {DIALOGUE}",
        "Roger Max · En medborgardialog kopplad: Medborgardialog 2017 nr 2",
    ]
    dialogue = CitizenDialogue.objects.get(pk=2)
    assert dialogue.get_absolute_url() in linked.content.decode()
    assert dialogue.get_absolute_url() not in earlier.content.decode()


@pytest.mark.django_db
def test_the_signed_pledge_shows_its_dialogues_as_signed_also_as_it_was(client, chair, pledge):
    client.force_login(chair)

    page = client.get(pledge.get_absolute_url()).content.decode()
    then = client.get(url("as_of", pledge.pk), {"tid": timezone.now().isoformat()})

    for dialogue in pledge.dialogues.all():
        assert dialogue.get_absolute_url() in page
        assert dialogue.get_absolute_url() in then.content.decode()
    content = signing.canonical_content(pledge).decode()
    assert content.count('"held_by":"Polisen och kommunen i samverkan"') == 3


@pytest.mark.django_db
def test_a_revision_rests_on_the_same_dialogues_a_new_years_pledge_on_its_own(
    coordinator, pledge, draft
):
    revision = signing.revise(document=pledge, user=coordinator)

    assert list(revision.dialogues.order_by("pk")) == list(pledge.dialogues.order_by("pk"))
    assert draft.dialogues.count() == 0
    copy = copy_document(
        original=revision,
        title="Kopia",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
    )
    assert copy.dialogues.count() == 0
