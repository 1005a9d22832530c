"""The verification page: a signature's code shows what was signed and by whom, a code is
found however it is typed, a made-up one is not, and a changed text is warned of.
"""

import pytest
from django.db import connection
from django.urls import reverse

from safety_partnership.models import FrozenDocument
from tests.safety_partnership.signing_helpers import HASH_2019, TITLE_2019, sign_in_register


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
@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL's trigger refuses the change itself"
)
def test_the_verification_page_warns_when_the_signed_text_was_changed_in_the_database(
    client, awaiting, people
):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    code = awaiting.signatures.first().verification_code
    promise = awaiting.promises.first()
    with connection.cursor() as cursor:
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
