"""The embedded SQLite database is set up for several web workers at once."""

import pytest
from django.conf import settings
from django.db import connection, connections


def test_a_sqlite_file_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path, django_db_blocker):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite settings apply to SQLite only")
    # The test database lives in memory, which has no WAL; open a file database
    # with exactly the settings the register uses.
    file_db = type(connections["default"])(
        {**connection.settings_dict, "NAME": tmp_path / "register.sqlite3"}
    )
    try:
        with django_db_blocker.unblock(), file_db.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 5000
        assert file_db.transaction_mode == "IMMEDIATE"
    finally:
        file_db.close()


def test_the_register_speaks_swedish_in_stockholm_time():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
