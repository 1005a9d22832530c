"""Extending a pledge unchanged into the next year. A signed pledge is extended only when
both parties have signed the extension: until then it is a proposal ("Förlängning
föreslagen"), a revision whose only change is the extension, and the signed pledge stays
as signed. Refused: too early an end, an overlap with the next pledge, a superseded
pledge, the police chief.
"""

from datetime import date

import pytest

from pledges.models import Pledge
from safety_partnership.models import DocumentStatus
from safety_partnership.signing import services as signing
from tests.pages import visible_text
from tests.pledges.pledge_helpers import PROMISES_2018, promise_texts, url

PASSWORD = "secret-pass-1"


def propose(client, pledge, until="2019-12-31", note="Beslutat i KS § 12 2019."):
    return client.post(url("extend", pledge.pk), {"extended_to": until, "extension_note": note})


@pytest.mark.django_db
def test_the_coordinator_alone_only_proposes_the_extension_of_the_signed_pledge(
    client, coordinator, pledge
):
    client.force_login(coordinator)
    signed_hash = signing.content_hash(pledge)
    history = pledge.history.count()

    form = client.get(url("extend", pledge.pk)).content.decode()
    response = propose(client, pledge)

    assert 'value="2019-12-31"' in form and "Föreslå förlängning" in form
    proposal = Pledge.objects.get(revision_of=pledge)
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    # The signed pledge is as it was signed.
    pledge.refresh_from_db()
    assert (pledge.status, pledge.extended_to, pledge.extension_note) == ("signed", None, "")
    assert pledge.history.count() == history
    assert signing.content_hash(pledge) == signed_hash
    # The proposal: the same pledge, revised only in its extension, to be signed.
    assert (proposal.status, proposal.revision) == (DocumentStatus.DRAFT, 2)
    assert (proposal.extended_to, proposal.extension_note) == (
        date(2019, 12, 31),
        "Beslutat i KS § 12 2019.",
    )
    assert promise_texts(proposal) == PROMISES_2018
    assert list(proposal.dialogues.order_by("pk")) == list(pledge.dialogues.order_by("pk"))
    assert proposal.history.latest().history_change_reason == (
        "Förlängning föreslagen till 31 december 2019"
    )
    page = visible_text(client.get(pledge.get_absolute_url()).content.decode())
    assert "Förlängning föreslagen till och med 31 december 2019 – revision 2, utkast" in page
    assert "Förlängt oförändrat" not in page
    assert "Förläng oförändrat" not in page  # one proposal at a time
    assert "Förlängning föreslagen till och med 31 december 2019" in visible_text(
        client.get("/").content.decode()
    )
    # Nothing is extended yet: a 2019 pledge may still be drafted beside the proposal.
    assert following_2019_is_free(pledge)


def following_2019_is_free(pledge) -> bool:
    return (
        not Pledge(
            partnership=pledge.partnership,
            title="2019",
            period_start=date(2019, 1, 1),
            period_end=date(2019, 12, 31),
        )
        .overlapping()
        .exclude(revision_of=pledge)
        .exists()
    )


@pytest.mark.django_db
def test_the_extension_holds_once_the_chief_and_the_chair_have_signed(
    client, coordinator, police_chief, chair, pledge, mjolby
):
    client.force_login(coordinator)
    propose(client, pledge)
    proposal = Pledge.objects.get(revision_of=pledge)
    signing.send_for_signing(
        document=proposal, user=coordinator, signatories=[police_chief.person, chair.person]
    )

    signing.sign(document=proposal, user=police_chief, password=PASSWORD)
    pledge.refresh_from_db()
    assert (pledge.status, pledge.extended_to) == ("signed", None)  # one signature is not both

    signing.sign(document=proposal, user=chair, password=PASSWORD)
    pledge.refresh_from_db()
    proposal.refresh_from_db()
    assert pledge.status == DocumentStatus.SUPERSEDED and pledge.extended_to is None
    assert (proposal.status, proposal.extended_to) == ("signed", date(2019, 12, 31))
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Förlängt oförändrat till och med 31 december 2019" in page
    assert "Beslutat i KS § 12 2019." in page
    assert "Nytt medborgarlöfte för 2020 utifrån 2018" in page
    # The signature covers the extension: it verifies, and the next year is taken.
    code = proposal.signatures.order_by("position").last().verification_code
    verified = client.get("/verifiera/", {"kod": code}).content.decode()
    assert "Innehållet är oförändrat sedan underskriften." in verified
    refused = client.post(
        url("create", mjolby.pk),
        {"title": "Medborgarlöfte 2019", "period_start": "2019-01-01", "period_end": "2019-12-31"},
    )
    assert refused.status_code == 200
    assert "Perioden överlappar medborgarlöftet ”Medborgarlöfte i Mjölby Kommun 2018”" in (
        refused.content.decode()
    )
    assert Pledge.objects.count() == 2


@pytest.mark.django_db
def test_a_draft_is_extended_as_it_stands(client, coordinator, draft):
    client.force_login(coordinator)

    response = propose(client, draft, until="2020-12-31")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.extended_to == date(2020, 12, 31)
    assert not Pledge.objects.filter(revision_of=draft).exists()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Förlängning föreslagen till och med 31 december 2020" in page


@pytest.mark.django_db
def test_an_extension_that_ends_too_early_is_refused_in_swedish(client, coordinator, pledge):
    client.force_login(coordinator)

    response = client.post(url("extend", pledge.pk), {"extended_to": "2018-06-30"})

    assert response.status_code == 200
    assert (
        "En förlängning måste sluta efter den ursprungliga perioden." in response.content.decode()
    )
    pledge.refresh_from_db()
    assert pledge.extended_to is None
    assert Pledge.objects.count() == 1


@pytest.mark.django_db
def test_an_extension_into_the_next_pledge_is_refused(client, coordinator, pledge, mjolby):
    client.force_login(coordinator)
    Pledge.objects.create(
        partnership=mjolby,
        title="Medborgarlöfte 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )

    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert "Perioden överlappar medborgarlöftet ”Medborgarlöfte 2019”" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.extended_to is None
    assert Pledge.objects.count() == 2


@pytest.mark.django_db
def test_a_superseded_pledge_cannot_be_extended(client, coordinator, pledge):
    client.force_login(coordinator)
    while_signed = client.get(pledge.get_absolute_url()).content.decode()
    pledge.status = DocumentStatus.SUPERSEDED
    pledge.save()

    page = client.get(pledge.get_absolute_url()).content.decode()
    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert "Förläng oförändrat" in while_signed and url("extend", pledge.pk) in while_signed
    assert "Status Ersatt" in visible_text(page)
    assert "Förläng oförändrat" not in page and url("extend", pledge.pk) not in page
    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.extended_to is None


@pytest.mark.django_db
def test_the_police_chief_cannot_extend_the_pledge(client, police_chief, pledge):
    client.force_login(police_chief)

    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.extended_to is None
    assert Pledge.objects.count() == 1
