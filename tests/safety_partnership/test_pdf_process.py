"""PDFs are drawn in a child process of their own (pdf/process.py): nothing is held in the
database while it draws, so other people's writes go through; the child is gone when the
PDF is done, so its memory is returned; a render past PDF_RENDER_TIMEOUT is stopped."""

import functools
import os
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from safety_partnership.concurrency import latest_version
from safety_partnership.pdf import process

from .pdf_process_helpers import HELD_PDF, failing_render, held_render


def wait_for(path: Path) -> None:
    """Wait until the child has written path (a wait, not a timed assertion)."""
    for _ in range(6000):
        if path.exists():
            return
        time.sleep(0.01)
    raise AssertionError(f"{path.name} was never written")


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def held(monkeypatch, tmp_path):
    monkeypatch.setattr(process, "RENDERER", functools.partial(held_render, str(tmp_path)))
    return tmp_path


def download_in_thread(user, url: str, results: list) -> threading.Thread:
    def download() -> None:
        client = Client()
        client.force_login(user)
        try:
            results.append(client.get(url))
        finally:
            connection.close()

    thread = threading.Thread(target=download)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_a_write_goes_through_while_a_pdf_is_being_drawn(
    held, coordinator, draft_pledge, draft_plan
):
    results: list = []
    downloading = download_in_thread(
        coordinator, reverse("pdf:download", args=["handlingsplan", draft_plan.pk]), results
    )
    wait_for(held / "started")

    promise = draft_pledge.promises.order_by("position").first()
    editor = Client()
    editor.force_login(coordinator)
    saved = editor.post(
        reverse("pledges:promise_edit", args=[promise.pk]),
        {
            "text": "Sparat medan PDF:en ritas",
            "responsible": "joint",
            "other_parties": "",
            "responsible_note": "",
            "version": latest_version(promise),
        },
    )

    assert saved.status_code == 302
    assert downloading.is_alive() and not (held / "release").exists()  # still drawing
    promise.refresh_from_db()
    assert promise.text == "Sparat medan PDF:en ritas"

    (held / "release").write_text("")
    downloading.join(timeout=60)
    (response,) = results
    assert response.status_code == 200
    assert response.content == HELD_PDF


def test_the_pdf_is_drawn_in_another_process_that_is_gone_afterwards(held):
    (held / "release").write_text("")

    assert process.render_apart("<html><body>Hej</body></html>") == HELD_PDF

    child = int((held / "started").read_text())
    assert child != os.getpid()
    assert gone(child)


def test_a_real_render_gives_the_same_bytes_as_drawing_in_process():
    from safety_partnership.pdf.base import render_pdf

    html = "<html lang='sv'><head><title>Prov</title></head><body><p>Hej</p></body></html>"

    assert process.render_apart(html) == render_pdf(html)


@pytest.mark.django_db
def test_a_render_past_its_time_is_stopped_and_the_user_told(
    held, settings, client, coordinator, draft_plan
):
    settings.PDF_RENDER_TIMEOUT = 1
    client.force_login(coordinator)

    response = client.get(reverse("pdf:download", args=["handlingsplan", draft_plan.pk]))

    assert response.status_code == 503
    assert "Det tog för lång tid att göra PDF:en" in response.text
    assert gone(int((held / "started").read_text()))


def test_a_failed_render_says_why(monkeypatch):
    monkeypatch.setattr(process, "RENDERER", failing_render)

    with pytest.raises(RuntimeError, match="WeasyPrint could not draw this"):
        process.render_apart("<html></html>")
