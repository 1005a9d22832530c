"""/halsa/ tells the proxy whether this process can serve: database, migrations, task worker."""

from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from safety_partnership.pdf.tasks import archive_signed_document

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def health(client):
    response = client.get("/halsa/")
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


@pytest.mark.django_db
def test_a_healthy_register_answers_200_without_login_or_session(client):
    status, body = health(client)

    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["migrations"]["status"] == "ok"
    # The tests run the tasks at once, in the request's process: no worker to ask after.
    assert body["checks"]["worker"]["status"] == "används inte"
    assert "sessionid" not in client.cookies and "csrftoken" not in client.cookies


@pytest.mark.django_db
def test_a_database_that_does_not_answer_gives_503(client, monkeypatch):
    def down(self, *args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", down)

    status, body = health(client)

    assert status == 503
    assert body["status"] == "fel"
    assert body["checks"]["database"] == {
        "status": "fel",
        "detail": "Databasen svarar inte: connection refused",
    }


@pytest.mark.django_db
def test_migrations_not_yet_run_give_503(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.migration import Migration

    pending = Migration("0099_nytt_falt", "pledges")
    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [(pending, False)]
    )

    status, body = health(client)

    assert status == 503
    assert body["checks"]["migrations"]["status"] == "fel"
    assert "pledges.0099_nytt_falt" in body["checks"]["migrations"]["detail"]


@pytest.mark.django_db
def test_the_worker_is_alive_while_nothing_waits_too_long(client, settings):
    settings.TASKS = QUEUE
    archive_signed_document.enqueue("handlingsplan", 1)  # queued just now

    status, body = health(client)

    assert status == 200
    assert body["checks"]["worker"]["status"] == "ok"


@pytest.mark.django_db
def test_a_task_left_waiting_means_no_worker_runs(client, settings):
    settings.TASKS = QUEUE
    result = archive_signed_document.enqueue("handlingsplan", 1)
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=30)
    )

    status, body = health(client)

    assert status == 503
    assert body["checks"]["worker"]["status"] == "fel"
    assert "1 uppgifter har väntat i kön längre än 10 minuter" in body["checks"]["worker"]["detail"]


@pytest.mark.django_db
def test_a_task_due_later_is_not_counted_as_waiting(client, settings):
    settings.TASKS = QUEUE
    later = archive_signed_document.using(run_after=timezone.now() + timedelta(hours=1))
    later.enqueue("handlingsplan", 1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=2))

    status, body = health(client)

    assert status == 200
