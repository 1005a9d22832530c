"""What the operator sees: one JSON line per event on stderr, for every request error, refused
signing, tampered archive (test_pdf_archive_integrity.py) and failed background task."""

import json
import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path

from safety_partnership.observability import JsonFormatter
from safety_partnership.pdf.tasks import archive_signed_document
from tests.safety_partnership.signing_helpers import url


def records(caplog, name: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == name]


def as_json(record: logging.LogRecord) -> dict:
    return json.loads(JsonFormatter().format(record))


def test_the_register_logs_json_lines_to_stderr_and_mails_the_admins():
    stderr = settings.LOGGING["handlers"]["stderr"]
    assert stderr["class"] == "logging.StreamHandler" and "stream" not in stderr  # stderr
    assert settings.LOGGING["formatters"]["json"]["()"].endswith("JsonFormatter")
    assert settings.LOGGING["root"]["handlers"] == ["stderr"]
    assert "mail_admins" in settings.LOGGING["loggers"]["django.request"]["handlers"]
    handlers = logging.getLogger().handlers
    assert any(isinstance(h.formatter, JsonFormatter) for h in handlers)


def broken(request):
    raise RuntimeError("trasig vy")


urlpatterns = [path("trasig/", broken)]  # the URLconf of the test below


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_is_logged_with_path_user_and_status(coordinator, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)

    response = client.get("/trasig/")

    assert response.status_code == 500
    [record] = records(caplog, "django.request")
    line = as_json(record)
    assert line["level"] == "ERROR"
    assert line["path"] == "/trasig/" and line["method"] == "GET"
    assert line["user_id"] == coordinator.pk and line["status"] == 500
    assert "RuntimeError: trasig vy" in line["exception"]


@pytest.mark.django_db
def test_a_wrong_password_at_signing_is_logged(client, people, awaiting, caplog):
    _coordinator, _police_chief, chair = people
    client.force_login(chair)

    client.post(url("sign", awaiting), {"password": "fel-lösenord"})

    [record] = records(caplog, "register.signing")
    line = as_json(record)
    assert line["level"] == "WARNING"
    assert "Lösenordet stämmer inte" in line["message"]
    assert line["subject"] == f"pledge {awaiting.pk}" and line["user_id"] == chair.pk


@pytest.mark.django_db
def test_signing_a_document_not_awaiting_you_is_logged(client, people, draft, caplog):
    _coordinator, _police_chief, chair = people
    client.force_login(chair)

    client.post(url("sign", draft), {"password": "secret-pass-1"})

    [record] = records(caplog, "register.signing")
    assert "väntar inte på din underskrift" in record.getMessage()


@pytest.mark.django_db
def test_a_failed_background_task_is_logged_with_its_traceback(caplog):
    archive_signed_document.enqueue("ingen-sadan-sort", 1)  # the immediate backend runs it

    [record] = records(caplog, "register.tasks")
    line = as_json(record)
    assert line["level"] == "ERROR"
    assert line["task"] == "safety_partnership.pdf.tasks.archive_signed_document"
    assert line["exception_class"] == "builtins.LookupError"
    assert "No document kind 'ingen-sadan-sort'" in line["traceback"]


def test_the_throttled_login_logger_is_the_registers():
    logger = logging.getLogger("register.security")

    assert logger.getEffectiveLevel() <= logging.WARNING
    assert logger.propagate  # to the root's JSON handler on stderr


def test_admins_come_from_the_environment(monkeypatch):
    import importlib

    import safety_partnership.settings as real

    monkeypatch.setenv("ADMINS", "drift@mjolby.se, it@mjolby.se")
    try:
        reloaded = importlib.reload(real)
        assert reloaded.ADMINS == [
            ("drift@mjolby.se", "drift@mjolby.se"),
            ("it@mjolby.se", "it@mjolby.se"),
        ]
    finally:
        monkeypatch.delenv("ADMINS")
        importlib.reload(real)


def test_a_log_line_about_a_request_never_fails_on_its_user():
    class DatabaseDown:
        method, path = "GET", "/"

        @property
        def user(self):
            raise RuntimeError("databasen svarar inte")

    record = logging.makeLogRecord({"msg": "Internal Server Error: /", "request": DatabaseDown()})

    assert as_json(record)["user_id"] is None
