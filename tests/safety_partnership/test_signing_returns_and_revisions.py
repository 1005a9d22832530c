"""Taking a pledge out of signing and revising a signed one: a signatory returns it with a
comment, the coordinator recalls it to draft, and a signed revision supersedes the original.
"""

import pytest
from django.core import mail
from django.urls import reverse

from pledges.models import Pledge, Promise
from safety_partnership.signing import services as signing
from tests.safety_partnership.signing_helpers import (
    HASH_2019,
    TITLE_2019,
    sign_in_register,
    state,
    url,
)


@pytest.mark.django_db
def test_the_chair_returns_the_pledge_with_a_comment(
    client, awaiting, people, django_capture_on_commit_callbacks
):
    coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief)
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("return", awaiting), {"comment": "Löfte 3 behöver en tidplan."})

    awaiting.refresh_from_db()
    assert awaiting.status == "draft"
    assert not awaiting.signatures.exists()
    client.force_login(coordinator)
    page = client.get(awaiting.get_absolute_url()).text
    assert "Återsänd av ordforande" in page and "Löfte 3 behöver en tidplan." in page
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Löfte 3 behöver en tidplan." in mail.outbox[0].body


@pytest.mark.django_db
def test_returning_without_a_comment_is_refused(
    client, awaiting, chair, django_capture_on_commit_callbacks
):
    client.force_login(chair)
    before = state(awaiting)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("return", awaiting), {"comment": "   "}, follow=True)

    assert "Skriv varför du skickar tillbaka dokumentet" in response.text
    assert state(awaiting) == before
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_coordinator_recalls_the_pledge_to_draft(client, awaiting, coordinator, police_chief):
    sign_in_register(awaiting, police_chief)
    client.force_login(coordinator)

    response = client.post(url("recall", awaiting), follow=True)

    awaiting.refresh_from_db()
    assert awaiting.status == "draft"
    assert not awaiting.signatures.exists()
    assert "Dokumentet är återtaget och är ett utkast igen." in response.text


@pytest.mark.django_db
def test_after_a_recall_the_page_no_longer_shows_an_earlier_return(client, awaiting, people):
    coordinator, police_chief, chair = people
    client.force_login(coordinator)
    signing.return_to_draft(document=awaiting, user=chair, comment="Löfte 3 saknar tidplan.")
    returned = client.get(awaiting.get_absolute_url()).text
    signing.send_for_signing(
        document=awaiting, user=coordinator, signatories=[police_chief.person, chair.person]
    )
    signing.recall(document=awaiting, user=coordinator)

    page = client.get(awaiting.get_absolute_url()).text

    # The return was on the page, so its absence now is the recall's doing.
    assert "Återsänd av ordforande" in returned and "Löfte 3 saknar tidplan." in returned
    assert TITLE_2019 in page and "Polisen utför fotpatrullering i området" in page
    assert "Återsänd av ordforande" not in page and "Löfte 3 saknar tidplan." not in page


@pytest.mark.django_db
def test_a_signatory_cannot_recall(client, awaiting, police_chief):
    client.force_login(police_chief)
    before = state(awaiting)

    response = client.post(url("recall", awaiting))

    assert response.status_code == 403
    assert state(awaiting) == before


@pytest.mark.django_db
def test_revising_the_signed_pledge_starts_revision_2_as_a_draft(client, coordinator):
    original = Pledge.objects.get()
    client.force_login(coordinator)

    response = client.post(url("revise", original), follow=True)

    revision = Pledge.objects.get(revision_of=original)
    assert response.redirect_chain[-1][0] == revision.get_absolute_url()
    assert (revision.status, revision.revision) == ("draft", 2)
    assert revision.diary_number == original.diary_number == "KS/2017:359"
    assert list(revision.promises.values_list("text", "responsible")) == list(
        original.promises.values_list("text", "responsible")
    )
    original.refresh_from_db()
    assert original.status == "signed"


@pytest.mark.django_db
def test_signing_the_revision_supersedes_the_original_which_still_verifies(
    client, awaiting, people
):
    coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    revision = signing.revise(document=awaiting, user=coordinator)
    Promise.objects.filter(pledge=revision, position=3).update(text="Nytt tredje löfte")
    signing.send_for_signing(
        document=revision, user=coordinator, signatories=[police_chief.person, chair.person]
    )

    sign_in_register(revision, police_chief, chair)

    awaiting.refresh_from_db()
    assert (awaiting.status, revision.status) == ("superseded", "signed")
    assert signing.content_hash(awaiting) == HASH_2019
    assert [s.content_hash for s in awaiting.signatures.all()] == [HASH_2019, HASH_2019]
    client.force_login(coordinator)
    page = client.get(awaiting.get_absolute_url()).text
    assert "Ersatt" in page and "Upplevda otrygghetsfaktorer" in page
    code = awaiting.signatures.first().verification_code
    assert "Innehållet är oförändrat" in client.get(reverse("verify"), {"kod": code}).text
