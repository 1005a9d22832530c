"""A database that can be read but not written: reading keeps working after login, and a
change gets the Swedish page "Registret går bara att läsa just nu" (503), never a 500.

The write must fail as it would in production, outside any transaction of the test's own,
hence transactional tests; the connection is made read-only the way each database allows
(SQLite's query_only, PostgreSQL's default_transaction_read_only).
"""

import logging
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client

from agreements.models import LeadershipMeeting

READ_ONLY_PAGE = "Registret går bara att läsa just nu"


@contextmanager
def read_only_database():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET default_transaction_read_only = on")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only = OFF")
            else:
                cursor.execute("SET default_transaction_read_only = off")


@pytest.fixture
def signed_in(coordinator):
    client = Client(raise_request_exception=True)  # a server error fails the test
    client.force_login(coordinator)
    return client


@pytest.mark.django_db(transaction=True)
def test_pages_are_read_and_a_change_is_refused_in_swedish(signed_in, mjolby, caplog):
    agreement = mjolby.agreements.get()
    meetings = LeadershipMeeting.objects.count()

    with read_only_database():
        home = signed_in.get("/")
        page = signed_in.get(agreement.get_absolute_url())
        posted = signed_in.post(
            f"{agreement.get_absolute_url()}ledningsmoten/nytt/",
            {"held_on": "2017-04-03", "participants": "Ledningen"},
        )
        again = signed_in.get(agreement.get_absolute_url())

    assert home.status_code == page.status_code == again.status_code == 200
    assert posted.status_code == 503
    assert READ_ONLY_PAGE in posted.text
    assert "Allt som redan finns i registret går att läsa som vanligt" in posted.text
    assert posted["Retry-After"] == "300"
    assert LeadershipMeeting.objects.count() == meetings
    [record] = [r for r in caplog.records if r.name == "register.database"]
    assert record.levelno == logging.ERROR
    assert record.path == f"{agreement.get_absolute_url()}ledningsmoten/nytt/"


@pytest.mark.django_db(transaction=True)
def test_a_session_that_cannot_be_saved_leaves_reading_working(signed_in, settings, caplog):
    # Saving the session on every request (e.g. for an idle timeout) writes on every page.
    settings.SESSION_SAVE_EVERY_REQUEST = True

    with read_only_database():
        home = signed_in.get("/")

    assert home.status_code == 200
    assert [r for r in caplog.records if r.name == "register.database"]


@pytest.mark.django_db(transaction=True)
def test_logging_in_to_a_read_only_register_says_why_it_cannot(coordinator):
    client = Client(raise_request_exception=True)

    with read_only_database():
        response = client.post(
            "/accounts/login/", {"username": "samordnare", "password": "secret-pass-1"}
        )

    assert response.status_code == 503
    assert READ_ONLY_PAGE in response.text


def test_a_full_disk_is_a_database_that_cannot_be_written():
    from django.db.utils import IntegrityError, OperationalError
    from psycopg import errors

    from safety_partnership.readonly import is_read_only

    def raised_by_django(driver_error):
        try:
            try:
                raise driver_error
            except Exception as error:
                raise OperationalError(str(error)) from error
        except OperationalError as wrapped:
            return wrapped

    assert is_read_only(raised_by_django(errors.DiskFull("could not extend file")))
    assert is_read_only(OperationalError("database or disk is full"))
    assert not is_read_only(OperationalError("database is locked"))
    assert not is_read_only(IntegrityError("UNIQUE constraint failed"))
