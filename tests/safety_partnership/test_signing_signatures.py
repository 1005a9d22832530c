"""Signing in the register: the hash of what is signed, the password, the last signature that
makes the pledge signed, and the refusals of whoever was not asked or already signed.
"""

import pytest
from django.core import mail

from pledges.models import Pledge
from safety_partnership.signing import services as signing
from tests.safety_partnership.signing_helpers import (
    HASH_2019,
    PASSWORD,
    TITLE_2019,
    sign_in_register,
    state,
    url,
)


@pytest.mark.django_db
def test_the_signing_page_shows_the_hash_of_what_is_signed(client, awaiting, police_chief):
    client.force_login(police_chief)

    page = client.get(url("sign", awaiting)).text

    assert HASH_2019 in page
    assert f"Skriv under ”{TITLE_2019}”" in page


@pytest.mark.django_db
def test_a_wrong_password_signs_nothing(client, awaiting, police_chief):
    client.force_login(police_chief)
    before = state(awaiting)

    response = client.post(url("sign", awaiting), {"password": "fel-lösenord"})

    assert response.status_code == 200
    assert "Lösenordet stämmer inte" in response.text
    assert state(awaiting) == before


@pytest.mark.django_db
def test_the_police_chief_signs_with_her_password(client, awaiting, police_chief):
    client.force_login(police_chief)

    response = client.post(url("sign", awaiting), {"password": PASSWORD}, follow=True)

    signature = awaiting.signatures.get(person=police_chief.person)
    assert signature.signed_at is not None and signature.signed_on is not None
    assert (signature.title, signature.role) == (
        "Lokalpolisområdeschef",
        "Undertecknar för polisen",
    )
    assert signature.content_hash == HASH_2019
    assert len(signature.verification_code) == 10
    assert signature.version == Pledge.history.filter(id=awaiting.pk).latest()
    assert f"Kontrollkod: {signature.verification_code}" in response.text
    awaiting.refresh_from_db()
    assert awaiting.status == "awaiting_signatures"


@pytest.mark.django_db
def test_the_chairs_signature_makes_the_pledge_signed_and_tells_the_coordinator(
    client, awaiting, people, django_capture_on_commit_callbacks
):
    coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief)
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("sign", awaiting), {"password": PASSWORD})

    awaiting.refresh_from_db()
    assert awaiting.status == "signed"
    signatures = awaiting.signatures.order_by("position")
    assert [(s.name, s.signed_at is not None) for s in signatures] == [
        ("Hanna Sjögren", True),
        ("Cecilia W Burenby", True),
    ]
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert TITLE_2019 in mail.outbox[0].subject


NOT_ASKED = "Dokumentet väntar inte på din underskrift."
NOT_FOUND = "Sidan du sökte finns inte, eller så har du inte behörighet att se den."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,status,message",
    [
        ("coordinator", 200, NOT_ASKED),
        ("staff", 200, NOT_ASKED),
        # Another municipality does not learn that the pledge exists.
        ("other_coordinator", 404, NOT_FOUND),
    ],
)
def test_someone_not_asked_to_sign_cannot_sign(client, awaiting, persona, status, message, request):
    client.force_login(request.getfixturevalue(persona))
    before = state(awaiting)

    response = client.post(url("sign", awaiting), {"password": PASSWORD}, follow=True)

    assert response.status_code == status
    assert message in response.text
    assert state(awaiting) == before


@pytest.mark.django_db
def test_the_service_refuses_a_signature_nobody_asked_for(awaiting, coordinator):
    before = state(awaiting)

    with pytest.raises(signing.PermissionDenied):
        signing.sign(document=awaiting, user=coordinator, password=PASSWORD)

    assert state(awaiting) == before


@pytest.mark.django_db
def test_signing_twice_is_refused(client, awaiting, police_chief):
    sign_in_register(awaiting, police_chief)
    client.force_login(police_chief)
    before = state(awaiting)

    response = client.post(url("sign", awaiting), {"password": PASSWORD}, follow=True)

    assert "Dokumentet väntar inte på din underskrift" in response.text
    assert state(awaiting) == before
    with pytest.raises(signing.PermissionDenied):
        signing.sign(document=awaiting, user=police_chief, password=PASSWORD)


@pytest.mark.django_db
def test_the_password_is_checked_before_the_signing_transaction(
    monkeypatch, awaiting, police_chief
):
    """Hashing a password takes most of a second: on SQLite a transaction would hold the
    whole database's write lock meanwhile."""
    from django.db import connection

    depth_outside = len(connection.atomic_blocks)
    depths = []
    real_confirm = signing.confirm

    def confirm_and_look(user, password, code=""):
        depths.append(len(connection.atomic_blocks))
        real_confirm(user, password, code)

    monkeypatch.setattr(signing, "confirm", confirm_and_look)

    signing.sign(document=awaiting, user=police_chief, password=PASSWORD)

    assert depths == [depth_outside]
    awaiting.refresh_from_db()
    assert awaiting.signatures.filter(person=police_chief.person, signed_at__isnull=False).exists()
