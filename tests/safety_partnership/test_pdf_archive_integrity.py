"""An archived PDF is handed out only while its bytes match the SHA-256 stored with them.

Once the bytes have been swapped (by someone who set the triggers aside and wrote to the
database), the download and the council case's package are refused with a Swedish page, the
export command refuses too, the incident is logged, and the verification page says that the
archive does not match instead of that the content is unchanged.
"""

import hashlib
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from safety_partnership import triggers
from safety_partnership.models import ArchivedPdf, CouncilCase
from tests.safety_partnership.frozen_helpers import signed_plan
from tests.safety_partnership.signing_helpers import sign_in_register

KEPT = b"%PDF-1.7 the PDF that was signed"
SWAPPED = b"%PDF-1.7 a PDF that says something else"
MISMATCH = "stämmer inte med sin kontrollsumma"


def keep(document) -> ArchivedPdf:
    """The document's archive as the archive task keeps it (the bytes are made up here)."""
    return ArchivedPdf.objects.create(
        document=document, pdf=KEPT, sha256=hashlib.sha256(KEPT).hexdigest()
    )


def swap_bytes(archived: ArchivedPdf) -> None:
    with triggers.set_aside(connection), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE safety_partnership_archivedpdf SET pdf = %s WHERE id = %s",
            [SWAPPED, archived.pk],
        )


def download(client, document):
    return client.get(reverse("pdf:download", args=[document.kind.slug, document.pk]))


@pytest.fixture
def archived_plan(mjolby) -> ArchivedPdf:
    return keep(signed_plan())


@pytest.mark.django_db
def test_the_archived_bytes_are_served_while_they_match_their_hash(client, staff, archived_plan):
    client.force_login(staff)

    response = download(client, signed_plan())

    assert response.status_code == 200 and response.content == KEPT


@pytest.mark.django_db
def test_a_swapped_archive_is_not_downloaded_and_the_incident_is_logged(
    client, staff, archived_plan, caplog
):
    swap_bytes(archived_plan)
    client.force_login(staff)

    with caplog.at_level(logging.ERROR, logger="register.archive"):
        response = download(client, signed_plan())

    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    assert SWAPPED not in response.content
    assert "Filen stämmer inte med sin kontrollsumma" in response.text
    assert "Den sparade filen för ”Handlingsplan för 2018-2020” har ändrats" in response.text
    [record] = [r for r in caplog.records if r.name == "register.archive"]
    assert record.levelno == logging.CRITICAL
    assert "Handlingsplan för 2018-2020" in record.getMessage()
    assert archived_plan.sha256 in record.getMessage()
    assert record.document == signed_plan()


@pytest.mark.django_db
def test_a_case_package_with_a_swapped_archive_is_refused(client, staff, archived_plan):
    swap_bytes(archived_plan)
    client.force_login(staff)
    case = CouncilCase.objects.get(diary_number="KS/2017:359")  # it decides on the plan

    response = client.get(reverse("pdf:case_package", args=[case.pk]))

    assert response.status_code == 409
    assert SWAPPED not in response.content and MISMATCH in response.text


@pytest.mark.django_db
def test_the_export_command_refuses_a_swapped_archive(archived_plan, tmp_path):
    swap_bytes(archived_plan)
    out = tmp_path / "plan.pdf"

    with pytest.raises(CommandError, match=MISMATCH):
        call_command("export_pdf", "actionplan", str(signed_plan().pk), out=str(out))

    assert not out.exists()


@pytest.mark.django_db
def test_the_verification_page_says_when_the_archive_does_not_match(client, awaiting, people):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    code = awaiting.signatures.first().verification_code
    archived = keep(awaiting)
    assert "Innehållet är oförändrat" in client.get(reverse("verify"), {"kod": code}).text

    swap_bytes(archived)
    page = client.get(reverse("verify"), {"kod": code}).text

    assert f"Varning: det arkiverade PDF-dokumentet {MISMATCH}" in page
    assert "Innehållet är oförändrat" not in page
