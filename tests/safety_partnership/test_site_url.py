"""Addresses that are true: SITE_URL is required in production, and every e-mail link and
the verification address printed on signed PDFs come from it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

from safety_partnership.pdf.archive import pdf_bytes
from tests.safety_partnership.signing_helpers import sign_in_register, url
from tests.safety_partnership.test_pdf import pages_text, read

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://trygghet.mjolby.example"


def check(**env: str) -> subprocess.CompletedProcess:
    """`manage.py check` with the production settings and only the given variables."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DEBUG"}}
    environment = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "safety_partnership.settings",
        "SECRET_KEY": "site-url-test",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_startup_is_refused_without_site_url_when_debug_is_off():
    refused = check(DEBUG="false")
    malformed = check(DEBUG="false", SITE_URL="trygghet.mjolby.example")
    started = check(DEBUG="false", SITE_URL=SITE)

    assert refused.returncode != 0
    assert "SITE_URL must be set when DEBUG is off" in refused.stderr
    assert malformed.returncode != 0
    assert "SITE_URL must be an address like https://" in malformed.stderr
    assert started.returncode == 0, started.stderr


@pytest.mark.django_db
@override_settings(SITE_URL=SITE)
def test_emails_and_the_signed_pdf_give_the_configured_address(
    client, people, draft, django_capture_on_commit_callbacks
):
    coordinator, police_chief, chair = people
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("send", draft), {"signatories": [police_chief.person.pk, chair.person.pk]})
    asked = [m.body for m in mail.outbox]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sign_in_register(draft, police_chief, chair)
    [signed] = [m.body for m in mail.outbox]
    pdf_text = " ".join(pages_text(read(pdf_bytes(draft))))

    assert len(asked) == 2
    assert all(f"{SITE}{draft.get_absolute_url()}" in body for body in asked)
    assert f"{SITE}{draft.get_absolute_url()}" in signed
    assert f"kontrolleras med kontrollkoden på {SITE}/verifiera/" in signed
    assert f"kontrolleras med kontrollkoden på {SITE}/verifiera/" in pdf_text
    assert "127.0.0.1" not in pdf_text + signed + "".join(asked)
