"""The verification page: a signature's code shows, in words, what was signed and by whom,
a code is found however it is typed, a made-up one is not, a changed text is warned of, and
no client can use the page to try codes by the hundred.
"""

from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pledges.models import Pledge
from safety_partnership import triggers
from safety_partnership.models import FrozenDocument
from safety_partnership.signing import services as signing
from tests.pages import visible_text
from tests.safety_partnership.signing_helpers import HASH_2019, TITLE_2019, sign_in_register

MONTHS = "januari februari mars april maj juni juli augusti september oktober november december"
# Codes of the register that a visitor must never see.
INTERNAL_CODES = ("joint", "police", "municipality", "municipal_signatory", "police_signatory")


def signed_when(signature) -> str:
    """ "Undertecknad 3 februari 2026 kl. 14.05", in Swedish time."""
    at = timezone.localtime(signature.signed_at)
    month = MONTHS.split()[at.month - 1]
    return f"Undertecknad {at.day} {month} {at.year} kl. {at:%H.%M}"


@pytest.mark.django_db
def test_the_verification_page_shows_what_was_signed_and_by_whom(client, awaiting, people):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    code = awaiting.signatures.get(person=chair.person).verification_code

    response = client.get(reverse("verify"), {"kod": code})

    assert response.status_code == 200
    assert TITLE_2019 in response.text
    assert "Hanna Sjögren" in response.text and "Cecilia W Burenby" in response.text
    assert "Innehållet är oförändrat" in response.text
    assert "Polisen utför fotpatrullering i området" in response.text


@pytest.mark.django_db
def test_the_verification_page_says_in_words_what_and_who_with_no_internal_codes(
    client, awaiting, people
):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    chief_signature = awaiting.signatures.get(person=police_chief.person)
    chair_signature = awaiting.signatures.get(person=chair.person)

    response = client.get(reverse("verify"), {"kod": chair_signature.verification_code})

    page = visible_text(response.text)
    assert (
        f"Dokument Medborgarlöfte Titel {TITLE_2019} Period 2019 Dnr saknas Revision 1"
        " Status Undertecknad Parter Mjölby kommun och Lokalpolisområde Motala"
    ) in page
    assert (
        "Hanna Sjögren, Lokalpolisområdeschef Roll Undertecknar för polisen Sätt I registret "
        + signed_when(chief_signature)
    ) in page
    assert (
        "Cecilia W Burenby, Kommunstyrelsens ordförande Roll Undertecknar för kommunen"
        f" Sätt I registret {signed_when(chair_signature)} Kontrollkoden"
        f" {chair_signature.verification_code} hör till den här underskriften."
    ) in page
    # The signed content as its PDF prints it, with who keeps each promise in words.
    assert "Polisen utför fotpatrullering i området (Ansvar: Polisen)" in page
    assert "(Ansvar: Kommunen och polisen)" in page
    assert "Ansvar: Kommunen)" in page
    for code in INTERNAL_CODES:
        assert code not in page, code


@pytest.mark.django_db
def test_a_signed_revision_shows_its_diary_number_and_revision(client, people):
    coordinator, police_chief, chair = people
    revision = signing.revise(document=Pledge.objects.get(revision=1), user=coordinator)
    signing.send_for_signing(
        document=revision, user=coordinator, signatories=[police_chief.person, chair.person]
    )
    sign_in_register(revision, police_chief, chair)
    code = revision.signatures.first().verification_code

    page = visible_text(client.get(reverse("verify"), {"kod": code}).text)

    assert "Period 2018 Dnr KS/2017:359 Revision 2 Status Undertecknad" in page
    assert "Järnvägsgatan" in page


@pytest.mark.django_db
def test_a_code_typed_in_lower_case_with_spaces_is_found(client, awaiting, people):
    _coordinator, police_chief, _chair = people
    sign_in_register(awaiting, police_chief)
    code = awaiting.signatures.get(person=police_chief.person).verification_code

    response = client.get(reverse("verify"), {"kod": f" {code[:5].lower()} {code[5:]} "})

    assert response.status_code == 200
    assert TITLE_2019 in response.text


@pytest.mark.django_db
def test_a_made_up_code_is_not_found(client, awaiting, people):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)

    response = client.get(reverse("verify"), {"kod": "ABCDEFGHIJ"})

    assert response.status_code == 404
    assert "Ingen underskrift har den kontrollkoden" in response.text
    assert TITLE_2019 not in response.text


@pytest.mark.django_db
def test_the_verification_page_warns_when_the_signed_text_was_changed_in_the_database(
    client, awaiting, people
):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    code = awaiting.signatures.first().verification_code
    promise = awaiting.promises.first()
    # Someone with the database in hand, who drops the triggers first.
    with triggers.set_aside(connection), connection.cursor() as cursor:
        cursor.execute("UPDATE pledges_promise SET text = 'Ändrat' WHERE id = %s", [promise.pk])

    response = client.get(reverse("verify"), {"kod": code})

    assert "Varning: innehållet stämmer inte längre med det som skrevs under." in response.text
    assert "Innehållet är oförändrat" not in response.text


@pytest.mark.django_db
def test_a_pledge_awaiting_signatures_cannot_change_between_two_signatures(
    client, awaiting, people
):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief)
    promise = awaiting.promises.first()
    promise.text = "Ändrat efter polisens underskrift"
    with pytest.raises(FrozenDocument, match="väntar på underskrifter"):
        promise.save()

    sign_in_register(awaiting, chair)

    awaiting.refresh_from_db()
    assert awaiting.status == "signed"
    assert [s.content_hash for s in awaiting.signatures.all()] == [HASH_2019, HASH_2019]
    code = awaiting.signatures.get(person=police_chief.person).verification_code
    assert "Innehållet är oförändrat" in client.get(reverse("verify"), {"kod": code}).text


@pytest.fixture
def clock(monkeypatch):
    """The clock django-ratelimit counts by, standing still unless a test moves it, so that
    a burst of look-ups falls in one minute whenever the test runs."""
    now = SimpleNamespace(value=1_900_000_000.0)
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now.value))
    return now


def look_up(client, code: str, address: str):
    return client.get(reverse("verify"), {"kod": code}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_a_burst_of_look_ups_from_one_address_is_refused_and_others_still_get_answers(
    client, awaiting, people, clock
):
    _coordinator, police_chief, _chair = people
    sign_in_register(awaiting, police_chief)
    code = awaiting.signatures.get(person=police_chief.person).verification_code

    answers = [look_up(client, f"ABCDEFGH{n:02}", "203.0.113.7").status_code for n in range(20)]
    refused = look_up(client, "ABCDEFGH99", "203.0.113.7")
    real_code_refused = look_up(client, code, "203.0.113.7")
    elsewhere = look_up(client, code, "198.51.100.2")

    assert answers == [404] * 20
    assert refused.status_code == real_code_refused.status_code == 429
    assert "För många kontroller från din adress. Försök igen om en stund." in refused.text
    assert TITLE_2019 not in real_code_refused.text
    assert elsewhere.status_code == 200 and TITLE_2019 in elsewhere.text
    # The empty form is no look-up: it is answered, also to the refused address.
    assert client.get(reverse("verify"), REMOTE_ADDR="203.0.113.7").status_code == 200
    # A minute later the address is answered again.
    clock.value += 60
    assert look_up(client, code, "203.0.113.7").status_code == 200


@pytest.mark.django_db
def test_the_empty_form_does_not_count_as_a_look_up(client, clock):
    for _ in range(25):
        assert client.get(reverse("verify"), REMOTE_ADDR="203.0.113.8").status_code == 200

    assert look_up(client, "ABCDEFGHIJ", "203.0.113.8").status_code == 404


@pytest.mark.django_db
def test_an_address_is_refused_after_200_look_ups_in_a_day_however_slowly_made(client, clock):
    for _ in range(10):  # ten minutes of 20 look-ups each: up to the minute's limit
        assert {look_up(client, "ABCDEFGHIJ", "203.0.113.9").status_code for _ in range(20)} == {
            404
        }
        clock.value += 60

    refused = look_up(client, "ABCDEFGHIJ", "203.0.113.9")

    assert refused.status_code == 429
    assert look_up(client, "ABCDEFGHIJ", "198.51.100.9").status_code == 404
