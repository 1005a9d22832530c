"""Failed logins lock the user name out from that address for a while (django-axes), with a
Swedish page; password-reset e-mails are throttled per address and per e-mail address; every
failure and lockout is logged."""

import logging

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.conftest import make_user

PASSWORD = "secret-pass-1"  # make_user's
HERE, ELSEWHERE = "192.0.2.10", "198.51.100.20"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


def log_in(client, username: str, password: str, address: str = HERE):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def logged_in_user(client) -> int | None:
    response = client.get(reverse("home"))
    return response.context["user"].pk if response.status_code == 200 else None


def test_a_wrong_password_is_answered_on_the_login_page_and_logged(client, police_chief, caplog):
    with caplog.at_level(logging.WARNING, logger="register.security"):
        response = log_in(client, "polischef", "fel")

    assert response.status_code == 200
    assert "Logga in" in response.text
    assert "Failed login for user name 'polischef' from 192.0.2.10" in caplog.text


def test_five_failures_lock_the_user_name_out_even_with_the_right_password(
    client, police_chief, caplog
):
    for _attempt in range(4):
        assert log_in(client, "polischef", "fel").status_code == 200
    with caplog.at_level(logging.WARNING, logger="register.security"):
        fifth = log_in(client, "polischef", "fel")
        right = log_in(client, "polischef", PASSWORD)

    for response in (fifth, right):
        assert response.status_code == 429
        assert "För många misslyckade inloggningar" in response.text
        assert "spärrad i 15 minuter" in response.text
    assert logged_in_user(client) is None
    assert "Login locked for user name 'polischef' from 192.0.2.10" in caplog.text
    assert AccessAttempt.objects.get(username="polischef").failures_since_start == 6


def test_the_lockout_is_per_user_name_and_address(client, police_chief, chair):
    for _attempt in range(5):
        log_in(client, "polischef", "fel")

    assert log_in(client, "ordforande", PASSWORD).status_code == 302  # another user name
    client.logout()
    assert log_in(client, "polischef", PASSWORD, address=ELSEWHERE).status_code == 302
    assert logged_in_user(client) == police_chief.pk


def test_axes_reset_unlocks(client, police_chief):
    for _attempt in range(5):
        log_in(client, "polischef", "fel")

    call_command("axes_reset", verbosity=0)

    assert log_in(client, "polischef", PASSWORD).status_code == 302
    assert logged_in_user(client) == police_chief.pk


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_limit_is_a_setting(client, police_chief):
    for _attempt in range(3):
        log_in(client, "polischef", "fel")

    assert log_in(client, "polischef", PASSWORD).status_code == 429


def test_a_success_before_the_limit_starts_the_count_again(client, police_chief):
    for _attempt in range(4):
        log_in(client, "polischef", "fel")
    assert log_in(client, "polischef", PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(4):
        log_in(client, "polischef", "fel")

    assert log_in(client, "polischef", PASSWORD).status_code == 302


# Password reset


def ask_reset(client, email: str, address: str = HERE):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


@pytest.fixture
def with_email(police_chief):
    police_chief.email = "hanna.sjogren@polisen.se"
    police_chief.save()
    return police_chief


def test_the_login_page_links_to_a_swedish_reset_page(client):
    login = client.get(reverse("login"))
    page = client.get(reverse("password_reset"))

    assert reverse("password_reset") in login.text
    assert "Glömt lösenordet" in page.text
    assert "Skicka länken" in page.text


def test_five_reset_requests_an_hour_per_e_mail_address(client, with_email, caplog):
    for number in range(5):
        # From a new address each time: the e-mail address alone is counted.
        assert ask_reset(client, with_email.email, f"192.0.2.{number}").status_code == 302
    with caplog.at_level(logging.WARNING, logger="register.security"):
        refused = ask_reset(client, with_email.email.upper(), "192.0.2.99")

    assert refused.status_code == 429
    assert "För många begäranden om nytt lösenord" in refused.text
    assert "Inget e-postmeddelande har skickats" in refused.text
    assert len(mail.outbox) == 5
    assert "Password reset refused: too many requests from 192.0.2.99" in caplog.text


def test_five_reset_requests_an_hour_per_client_address(client, with_email):
    for number in range(5):
        ask_reset(client, f"nagon{number}@example.se")

    refused = ask_reset(client, with_email.email)

    assert refused.status_code == 429
    assert mail.outbox == []
    assert ask_reset(client, with_email.email, ELSEWHERE).status_code == 302
    assert len(mail.outbox) == 1


def test_a_user_without_an_e_mail_address_gets_nothing(client, db):
    make_user("utan-epost")

    assert ask_reset(client, "utan-epost@example.se").status_code == 302
    assert mail.outbox == []
