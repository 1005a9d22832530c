"""Issue 8, item 2: an existing database migrates forward with no data change.

tests/data/register-3661e98.sql is a register built with the code of commit 3661e98 (before
signatures and decision-basis lines linked generically): the Mjölby data, then documents
of each kind signed in the register, one of them half-signed (see build_register_3661e98.py).
The current code's `manage.py migrate` runs on it in a subprocess, as in a deployment; then
every register signature must still verify against the version it signed, every
decision-basis line must name the same document, and no row of the old tables may change.

On PostgreSQL (DATABASE_URL=postgres://...) the same register is copied into a fresh
database brought to the old schema by the current migrations (the same columns, constraints,
indexes and triggers as `migrate` at 3661e98 makes), and migrated forward there: 0008 must
set the triggers that guard signed documents' signatures aside and put them back.
"""

import os
import sqlite3
import uuid
from contextlib import closing
from urllib.parse import urlsplit

import pytest

from tests.safety_partnership.migration_checks import (
    OLD_SCHEMA,
    TO_OLD_SCHEMA,
    assert_migrated,
    assert_old_register_is_not_trivial,
    check_in,
    copy_into_postgres,
    manage,
    old_facts,
    restore_dump,
    rows,
    snapshot,
    user_triggers,
)


def test_the_dump_was_made_at_the_old_schema(tmp_path):
    database = tmp_path / "old.sqlite3"
    restore_dump(database)
    with closing(sqlite3.connect(database)) as connection:
        applied = rows(
            connection,
            "SELECT name FROM django_migrations WHERE app = 'safety_partnership' ORDER BY id",
        )
        assert applied[-1]["name"] == OLD_SCHEMA
        assert_old_register_is_not_trivial(old_facts(connection))


def test_a_register_at_the_old_schema_migrates_forward_on_sqlite(tmp_path):
    database = tmp_path / "register.sqlite3"
    restore_dump(database)
    url = f"sqlite:///{database}"
    with closing(sqlite3.connect(database)) as connection:
        old = old_facts(connection)
        before = snapshot(connection)
    assert_old_register_is_not_trivial(old)

    manage(url, "migrate", "--no-input")

    with closing(sqlite3.connect(database)) as connection:
        after = snapshot(connection)
    assert_migrated(old, before, after, check_in(url))


# PostgreSQL ------------------------------------------------------------------------------

SERVER_URL = os.environ.get("DATABASE_URL", "")
on_postgresql = pytest.mark.skipif(
    not SERVER_URL.startswith(("postgres://", "postgresql://")),
    reason="needs DATABASE_URL=postgres://... (a server where it may create a database)",
)


@pytest.fixture
def postgres_database():
    """A database of its own on the server of DATABASE_URL, dropped afterwards."""
    import psycopg

    name = f"migrate_forward_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER_URL, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(SERVER_URL)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(SERVER_URL, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@on_postgresql
def test_a_register_at_the_old_schema_migrates_forward_on_postgresql(tmp_path, postgres_database):
    import psycopg

    url = postgres_database
    manage(url, "shell", "--no-imports", "-c", TO_OLD_SCHEMA)
    sqlite_database = tmp_path / "register.sqlite3"
    restore_dump(sqlite_database)
    with closing(sqlite3.connect(sqlite_database)) as source, psycopg.connect(url) as target:
        copy_into_postgres(source, target)
        sqlite_counts = {t: len(r) for t, (_c, r) in snapshot(source).items()}

    with psycopg.connect(url) as connection:
        old = old_facts(connection)
        before = snapshot(connection)
        # The guards of 0004/0005 are in place before, as in a real old database.
        guards = user_triggers(connection, "safety_partnership_signature")
        assert guards and set(guards.values()) == {"O"}, guards
        history_guards = user_triggers(connection, "safety_partnership_historicalsignature")
        assert history_guards and set(history_guards.values()) == {"O"}, history_guards
    assert {t: len(r) for t, (_c, r) in before.items() if t in sqlite_counts} == sqlite_counts
    assert_old_register_is_not_trivial(old)

    manage(url, "migrate", "--no-input")

    with psycopg.connect(url) as connection:
        after = snapshot(connection)
        # 0008 set the guards aside for its copy alone: they are back on.
        assert user_triggers(connection, "safety_partnership_signature") == guards
        assert user_triggers(connection, "safety_partnership_historicalsignature") == (
            history_guards
        )
        # ... and refuse a change to a signed document's signature, in SQL, as before.
        signed = next(
            pk
            for pk, s in old["signatures"].items()
            if s["signed"] and old["statuses"][(s["kind"], s["object_id"])] == "signed"
        )
        with pytest.raises(psycopg.errors.CheckViolation, match="signed content cannot be"):
            connection.execute(
                "UPDATE safety_partnership_signature SET signed_history_id = NULL "
                f"WHERE id = {signed}"
            )
        connection.rollback()
    assert_migrated(old, before, after, check_in(url))
