"""The sign page: the signatory reads the document itself as it will be signed (what its PDF
says), the coordinator's message, and for a revision what changed since the signed version."""

import pytest

from pledges.models import Pledge, Promise
from safety_partnership.signing import services as signing
from tests.pages import visible_text
from tests.safety_partnership.signing_helpers import TITLE_2019, url


@pytest.mark.django_db
def test_the_signatory_reads_the_document_and_the_coordinators_message(client, draft, people):
    coordinator, police_chief, chair = people
    signing.send_for_signing(
        document=draft,
        user=coordinator,
        signatories=[police_chief.person, chair.person],
        message="Inför KS i januari.\nLäs särskilt löfte 2.",
    )
    client.force_login(chair)

    response = client.get(url("sign", draft))

    assert response.status_code == 200
    page = visible_text(response.text)
    assert f"Skriv under ”{TITLE_2019}”" in page
    assert "Dokument Medborgarlöfte Period 2019 Dnr saknas Revision 1" in page
    # The document as its PDF prints it: the situation, each promise and who keeps it.
    assert "Den största delen av skadegörelsebrotten sker på Järnvägsgatan" in page
    assert "Polisen utför fotpatrullering i området (Ansvar: Polisen)" in page
    assert (
        "Genomföra trygghetsvandringar med representanter från kommun, polis och andra berörda"
        " (Ansvar: Kommunen och polisen)"
    ) in page
    assert "Meddelande från samordnaren" in page
    assert "Roger Max skickade dokumentet för underskrift" in page
    assert "Inför KS i januari. Läs särskilt löfte 2." in page
    assert "Ändrat sedan den undertecknade versionen" not in page
    assert "Ditt lösenord" in page and "Varför skickar du tillbaka dokumentet?" in page


@pytest.mark.django_db
def test_without_a_message_the_page_shows_none(client, awaiting, people):
    _coordinator, police_chief, _chair = people
    client.force_login(police_chief)

    page = visible_text(client.get(url("sign", awaiting)).text)

    assert "Polisen utför fotpatrullering i området" in page
    assert "Meddelande från samordnaren" not in page


def send_revision(coordinator, police_chief, chair, change=None) -> Pledge:
    """A revision of the signed 2018 pledge, changed by `change`, sent to both signatories."""
    revision = signing.revise(document=Pledge.objects.get(revision=1), user=coordinator)
    if change is not None:
        change(revision)
    signing.send_for_signing(
        document=revision, user=coordinator, signatories=[police_chief.person, chair.person]
    )
    return revision


@pytest.mark.django_db
def test_a_revision_shows_what_changed_since_the_signed_version(client, people):
    coordinator, police_chief, chair = people

    def change(revision):
        first = revision.promises.get(position=1)
        first.text = "Polisen patrullerar till fots varje fredag kväll."
        first.save()
        revision.promises.get(position=3).delete()
        revision.follow_up = "Resultatet redovisas i december."
        revision.save()

    revision = send_revision(coordinator, police_chief, chair, change)
    client.force_login(police_chief)

    page = visible_text(client.get(url("sign", revision)).text)

    assert "Ändrat sedan den undertecknade versionen" in page
    assert "Jämfört med revision 1, som är undertecknad." in page
    assert (
        "Löfte 1 · Ändrat Löfte Polisen utför fotpatrullering i området"
        " → Polisen patrullerar till fots varje fredag kväll."
    ) in page
    assert "Löfte 3 · Borttaget" in page
    assert (
        "Uppföljning Resultatet kommer att följas upp och redovisas under 2018"
        " → Resultatet redovisas i december."
    ) in page
    assert "Revision 1 → 2" not in page  # the number always changes; not content
    # The document below is the revision as it will be signed.
    assert "Polisen patrullerar till fots varje fredag kväll. (Ansvar: Polisen)" in page
    assert "Upplevda otrygghetsfaktorer" not in page.split("Ändrat sedan")[0]


@pytest.mark.django_db
def test_an_unchanged_revision_says_so(client, people):
    coordinator, police_chief, chair = people
    revision = send_revision(coordinator, police_chief, chair)
    client.force_login(chair)

    page = visible_text(client.get(url("sign", revision)).text)

    assert "Ändrat sedan den undertecknade versionen" in page
    assert "Inga ändringar i innehållet." in page
    assert Promise.objects.filter(pledge=revision).count() == 3
