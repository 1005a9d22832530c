"""Side effects after the commit: e-mail and the archived PDF never undo or hold a signing.

E-mail is a task enqueued once the signing has committed; a mail server that is down is
logged and tried again, and the signature stands. The PDF of a signed document is
rendered by a task outside the signing's transaction, kept once however often the task
runs, and rendered on the spot (the same bytes) if someone exports it first.
"""

import hashlib
import logging
from datetime import date
from unittest import mock

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.urls import reverse

from pledges.models import Pledge
from safety_partnership.models import ArchivedPdf, Person
from safety_partnership.pdf import archive as archive_module
from safety_partnership.pdf.tasks import archive_signed_document
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from safety_partnership.signing.tasks import ATTEMPTS

PASSWORD = "secret-pass-1"


class DownMailServer(BaseEmailBackend):
    """A mail server that refuses every connection, counting the attempts."""

    attempts = 0

    def send_messages(self, email_messages):
        DownMailServer.attempts += 1
        raise ConnectionRefusedError("smtp.mjolby.se:587 svarar inte")


@pytest.fixture
def awaiting_chair(mjolby, coordinator, police_chief, chair):
    """The 2019 pledge, signed by the police area chief and awaiting the KS chair; the
    coordinator, who is told when it is signed, has an address."""
    coordinator.email = "roger.max@mjolby.se"
    coordinator.save()
    pledge = copy_document(
        original=Pledge.objects.get(),
        title="Medborgarlöfte i Mjölby Kommun 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )
    signing.send_for_signing(
        document=pledge, user=None, signatories=[police_chief.person, chair.person]
    )
    signing.sign(document=pledge, user=police_chief, password=PASSWORD)
    return pledge


def archived_count(pledge) -> int:
    return ArchivedPdf.objects.filter(object_id=pledge.pk, content_type__model="pledge").count()


@pytest.mark.django_db
def test_a_signing_stands_when_the_mail_server_is_down(
    client, settings, caplog, chair, awaiting_chair, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.DownMailServer"
    DownMailServer.attempts = 0
    client.force_login(chair)

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("signing:sign", args=["medborgarlofte", awaiting_chair.pk]),
            {"password": PASSWORD},
            follow=True,
        )

    awaiting_chair.refresh_from_db()
    assert awaiting_chair.status == "signed"
    assert "Du har skrivit under. Kontrollkod:" in response.text
    signature = awaiting_chair.signatures.get(person=chair.person)
    assert signature.signed_at is not None and len(signature.verification_code) == 10
    # The coordinator's message was tried ATTEMPTS times, and each failure is in the log.
    assert DownMailServer.attempts == ATTEMPTS == 3
    failures = [r for r in caplog.records if "E-post kunde inte skickas" in r.getMessage()]
    assert [f"försök {n} av 3" in r.getMessage() for n, r in enumerate(failures, 1)] == [True] * 3
    assert "är undertecknad av alla parter" in failures[0].getMessage()


@pytest.mark.django_db
def test_no_mail_leaves_before_the_signing_has_committed(
    chair, awaiting_chair, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signing.sign(document=awaiting_chair, user=chair, password=PASSWORD)

    assert mailoutbox == []  # nothing sent inside the transaction
    assert archived_count(awaiting_chair) == 0  # nor rendered
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [["roger.max@mjolby.se"]]
    assert archived_count(awaiting_chair) == 1


@pytest.mark.django_db
def test_the_archive_task_keeps_one_pdf_however_often_it_runs(
    chair, awaiting_chair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signing.sign(document=awaiting_chair, user=chair, password=PASSWORD)
    first = ArchivedPdf.objects.get(object_id=awaiting_chair.pk, content_type__model="pledge")

    archive_signed_document.enqueue("medborgarlofte", awaiting_chair.pk)
    archive_signed_document.enqueue("medborgarlofte", awaiting_chair.pk)

    assert archived_count(awaiting_chair) == 1
    again = ArchivedPdf.objects.get(object_id=awaiting_chair.pk, content_type__model="pledge")
    assert (again.pk, again.sha256) == (first.pk, first.sha256)


@pytest.mark.django_db
def test_an_export_before_the_task_has_run_renders_the_same_bytes_on_the_spot(
    client, staff, chair, awaiting_chair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        signing.sign(document=awaiting_chair, user=chair, password=PASSWORD)
    assert archived_count(awaiting_chair) == 0
    client.force_login(staff)

    exported = client.get(reverse("pdf:download", args=["medborgarlofte", awaiting_chair.pk]))

    assert exported["Content-Type"] == "application/pdf"
    assert archived_count(awaiting_chair) == 1
    for callback in pending:  # the task runs late, and keeps what was exported
        callback()
    kept = ArchivedPdf.objects.get(object_id=awaiting_chair.pk, content_type__model="pledge")
    assert bytes(kept.pdf) == exported.content
    assert kept.sha256 == hashlib.sha256(exported.content).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_the_pdf_is_drawn_outside_the_signing_transaction(mjolby, police_chief, chair):
    """Committed for real (no test transaction around it), so that the database is seen as
    the signatory leaves it: the render starts only after the signing has committed."""
    pledge = Pledge.objects.get(status="signed")
    draft = copy_document(
        original=pledge,
        title="Medborgarlöfte i Mjölby Kommun 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )
    signing.send_for_signing(
        document=draft,
        user=None,
        signatories=[Person.objects.get(name="Hanna Sjögren")],
        override_reason="Kommunen har redan beslutat om löftet.",  # one signature completes it
    )
    seen = []
    real_render = archive_module.render_apart

    def render_and_look(html):
        seen.append((connection.in_atomic_block, Pledge.objects.get(pk=draft.pk).status))
        return real_render(html)

    with mock.patch.object(archive_module, "render_apart", render_and_look):
        signing.sign(document=draft, user=police_chief, password=PASSWORD)

    assert seen == [(False, "signed")]
    assert archived_count(draft) == 1
