"""Signing cannot be used to guess passwords or codes: after five wrong ones nothing is signed
for a while, even with the right password, and each failure is logged. An organisation may
require a second factor of its signatories (TOTP): they connect an authenticator app on their
own page and sign with its code as well as their password."""

import logging

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from followup.models import ReportSignature
from safety_partnership.models import Person, Role
from safety_partnership.signing.confirmation import organisation_requires
from tests.followup.test_report_signing import pledge_report, sign_url
from tests.safety_partnership.signing_helpers import PASSWORD, state, url

pytestmark = pytest.mark.django_db

LOCKED = "För många felaktiga lösenord eller koder"
WRONG_PASSWORD = "Lösenordet stämmer inte"
WRONG_CODE = "Koden från autentiseringsappen stämmer inte"
NO_APP = "Koppla en autentiseringsapp"


def sign(client, document, password: str, code: str | None = None):
    data = {"password": password} if code is None else {"password": password, "code": code}
    return client.post(url("sign", document), data)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"


@pytest.fixture
def police_requires_a_second_factor(mjolby):
    area = mjolby.police_area
    area.signatories_need_second_factor = True
    area.save()
    return area


@pytest.fixture
def chiefs_app(police_chief) -> TOTPDevice:
    return TOTPDevice.objects.create(user=police_chief, name="Telefon", confirmed=True)


# Wrong passwords


def test_five_wrong_passwords_then_the_right_one_signs_nothing(
    client, awaiting, police_chief, caplog
):
    client.force_login(police_chief)
    before = state(awaiting)
    with caplog.at_level(logging.WARNING, logger="register.security"):
        wrong = [sign(client, awaiting, "fel-lösenord") for _attempt in range(5)]
        right = sign(client, awaiting, PASSWORD)

    assert all(WRONG_PASSWORD in response.text for response in wrong)
    assert right.status_code == 200
    assert LOCKED in right.text
    assert "om 15 minuter" in right.text
    assert state(awaiting) == before
    assert "Wrong password when signing for user 'polischef' (5 of 5)" in caplog.text
    assert "Signing locked for user 'polischef' for 15 minutes" in caplog.text
    assert "Signing refused while locked for user 'polischef'" in caplog.text


def test_four_wrong_passwords_still_let_the_right_one_sign(client, awaiting, police_chief):
    client.force_login(police_chief)
    for _attempt in range(4):
        sign(client, awaiting, "fel-lösenord")

    response = sign(client, awaiting, PASSWORD)

    assert response.status_code == 302
    assert awaiting.signatures.get(person=police_chief.person).signed_at is not None


def test_the_lock_is_the_users_own(client, awaiting, police_chief, chair):
    client.force_login(police_chief)
    for _attempt in range(5):
        sign(client, awaiting, "fel-lösenord")

    client.force_login(chair)
    response = sign(client, awaiting, PASSWORD)

    assert response.status_code == 302
    assert awaiting.signatures.get(person=chair.person).signed_at is not None


def test_wrong_passwords_lock_the_signing_of_follow_up_reports_too(client, mjolby, police_chief):
    mjolby.signs_followup_reports = True
    mjolby.save()
    report = pledge_report()
    client.force_login(police_chief)
    for _attempt in range(5):
        client.post(sign_url("loftesrapport", report), {"password": "fel"})

    response = client.post(sign_url("loftesrapport", report), {"password": PASSWORD}, follow=True)

    assert LOCKED in response.text
    assert not ReportSignature.objects.exists()


# The second factor


def test_without_the_setting_nothing_asks_for_a_code(client, awaiting, police_chief, chiefs_app):
    client.force_login(police_chief)

    page = client.get(url("sign", awaiting))
    response = sign(client, awaiting, PASSWORD)

    assert 'name="code"' not in page.text
    assert response.status_code == 302
    assert awaiting.signatures.get(person=police_chief.person).signed_at is not None


def test_a_signatory_without_an_app_is_sent_to_connect_one(
    client, awaiting, police_chief, police_requires_a_second_factor
):
    client.force_login(police_chief)
    before = state(awaiting)

    page = client.get(url("sign", awaiting))
    response = sign(client, awaiting, PASSWORD)

    assert NO_APP in page.text
    assert 'name="code"' not in page.text
    assert reverse("second_factor") in page.text
    assert "Din organisation kräver en andra faktor" in response.text
    assert state(awaiting) == before


def test_the_signing_form_asks_for_the_code(
    client, awaiting, police_chief, police_requires_a_second_factor, chiefs_app
):
    client.force_login(police_chief)
    before = state(awaiting)

    page = client.get(url("sign", awaiting))
    without = sign(client, awaiting, PASSWORD)

    assert 'name="code"' in page.text
    assert "Kod från autentiseringsappen" in page.text
    assert NO_APP not in page.text
    assert without.status_code == 200
    assert "Detta fält måste fyllas i." in without.text
    assert state(awaiting) == before


def test_a_wrong_code_signs_nothing_and_is_counted(
    client, awaiting, police_chief, police_requires_a_second_factor, chiefs_app, caplog
):
    client.force_login(police_chief)
    before = state(awaiting)

    with caplog.at_level(logging.WARNING, logger="register.security"):
        response = sign(client, awaiting, PASSWORD, wrong_code(chiefs_app))

    assert WRONG_CODE in response.text
    assert state(awaiting) == before
    assert "Wrong code when signing for user 'polischef' (1 of 5)" in caplog.text


def test_five_wrong_codes_then_the_right_one_signs_nothing(
    client, awaiting, police_chief, police_requires_a_second_factor, chiefs_app
):
    client.force_login(police_chief)
    before = state(awaiting)
    for _attempt in range(5):
        sign(client, awaiting, PASSWORD, wrong_code(chiefs_app))

    response = sign(client, awaiting, PASSWORD, current_code(chiefs_app))

    assert LOCKED in response.text
    assert state(awaiting) == before


def test_the_right_password_and_code_sign(
    client, awaiting, police_chief, police_requires_a_second_factor, chiefs_app
):
    client.force_login(police_chief)

    response = sign(client, awaiting, PASSWORD, current_code(chiefs_app))

    assert response.status_code == 302
    assert awaiting.signatures.get(person=police_chief.person).signed_at is not None


def test_the_police_areas_setting_leaves_the_municipalitys_signatory_alone(
    client, awaiting, chair, police_requires_a_second_factor
):
    client.force_login(chair)

    response = sign(client, awaiting, PASSWORD)

    assert response.status_code == 302
    assert awaiting.signatures.get(person=chair.person).signed_at is not None


def test_a_follow_up_report_asks_for_the_code_too(
    client, mjolby, police_chief, police_requires_a_second_factor, chiefs_app
):
    mjolby.signs_followup_reports = True
    mjolby.save()
    report = pledge_report()
    client.force_login(police_chief)
    address = sign_url("loftesrapport", report)

    page = client.get(reverse("pledges:report", args=[report.pledge_id, "halvarsrapport"]))
    without = client.post(address, {"password": PASSWORD}, follow=True)
    signed = client.post(
        address, {"password": PASSWORD, "code": current_code(chiefs_app)}, follow=True
    )

    assert 'name="code"' in page.text
    assert WRONG_CODE in without.text
    assert "Du har skrivit under rapporten." in signed.text
    assert ReportSignature.objects.get().person == police_chief.person


# Connecting an app


def test_a_signatory_connects_an_app_with_her_password_and_a_first_code(client, police_chief):
    client.force_login(police_chief)

    empty = client.get(reverse("second_factor"))
    client.post(reverse("second_factor_start"))
    shown = client.get(reverse("second_factor"))
    device = TOTPDevice.objects.get(user=police_chief)
    refused = client.post(
        reverse("second_factor_confirm"), {"password": PASSWORD, "code": wrong_code(device)}
    )
    device.refresh_from_db()
    unconfirmed = device.confirmed
    confirmed = client.post(
        reverse("second_factor_confirm"),
        {"password": PASSWORD, "code": current_code(device)},
        follow=True,
    )

    assert "Ingen app är kopplad till din inloggning." in empty.text
    assert "<svg" in shown.text and "QR-kod att skanna med autentiseringsappen" in shown.text
    assert device.config_url.split("secret=")[1].split("&")[0] in shown.text.replace(" ", "")
    assert WRONG_CODE in refused.text and not unconfirmed
    assert "Autentiseringsappen är kopplad till din inloggning." in confirmed.text
    assert TOTPDevice.objects.get(user=police_chief).confirmed


def test_a_new_app_replaces_the_old_one_once_confirmed(client, police_chief, chiefs_app):
    client.force_login(police_chief)
    client.post(reverse("second_factor_start"))
    new = TOTPDevice.objects.get(user=police_chief, confirmed=False)

    client.post(reverse("second_factor_confirm"), {"password": PASSWORD, "code": "000000"})
    kept = list(TOTPDevice.objects.filter(user=police_chief, confirmed=True))
    client.post(reverse("second_factor_confirm"), {"password": PASSWORD, "code": current_code(new)})

    assert kept == [chiefs_app]  # the old app works until the new one is confirmed
    assert list(TOTPDevice.objects.filter(user=police_chief)) == [new]


def test_a_wrong_password_connects_no_app(client, police_chief):
    client.force_login(police_chief)
    client.post(reverse("second_factor_start"))
    device = TOTPDevice.objects.get(user=police_chief)

    response = client.post(
        reverse("second_factor_confirm"), {"password": "fel", "code": current_code(device)}
    )

    assert f"{WRONG_PASSWORD}. Appen är inte kopplad." in response.text
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_the_page_says_whether_the_organisation_requires_it(
    client, police_chief, police_requires_a_second_factor
):
    client.force_login(police_chief)

    page = client.get(reverse("second_factor"))

    assert "Din organisation kräver en andra faktor" in page.text


def test_a_superuser_turns_the_setting_on_where_the_police_area_is_edited(
    client, superuser, mjolby
):
    client.force_login(superuser)
    area = mjolby.police_area
    edit = reverse("setup:police_area_edit", args=[area.pk])
    form = client.get(edit)

    client.post(
        edit,
        {
            "name": area.name,
            "region": area.region,
            "signatories_need_second_factor": "on",
            "version": form.context["form"]["version"].value(),
        },
    )

    assert "Kräv andra faktor för undertecknare" in form.text
    area.refresh_from_db()
    assert area.signatories_need_second_factor


def test_another_party_follows_the_municipalitys_setting(mjolby):
    company = Person.objects.create(
        name="Bo Bolag",
        role=Role.OTHER_SIGNATORY,
        organisation="Mjölbybostäder",
        partnership=mjolby,
    )
    before = organisation_requires(company)
    mjolby.municipality.signatories_need_second_factor = True
    mjolby.municipality.save()

    assert (before, organisation_requires(company)) == (False, True)
