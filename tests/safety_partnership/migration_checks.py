"""What test_migrate_forward.py runs and compares: the old register restored from its dump,
the current code's manage.py on it, and the facts read before and after migrating.

old_facts() reads the old schema directly; CHECK runs in the migrated database through the
current code; snapshot() and changes() compare every table's rows; the assert_* functions
hold what must be true before and after. For PostgreSQL, TO_OLD_SCHEMA and
copy_into_postgres() rebuild the old register on a server.
"""

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUMP = ROOT / "tests" / "data" / "register-3661e98.sql"
OLD_SCHEMA = "0006_archived_pdf"  # safety_partnership's last migration at 3661e98
OLD_PLEDGES_SCHEMA = "0004_document_copied_from"  # and pledges' (0006 on link dialogues)
# and the plans' and agreements' (0005 on: the shapes other partnerships write)
OLD_DOCUMENT_SCHEMA = "0004_history_change_reason_text"

# The old per-kind columns, by the signature's kind of document.
VERSION_COLUMNS = {
    "agreements.agreement": "agreement_version_id",
    "actionplans.actionplan": "plan_version_id",
    "pledges.pledge": "pledge_version_id",
}
BASIS_COLUMNS = {
    "agreement_id": "agreements.agreement",
    "action_plan_id": "actionplans.actionplan",
    "pledge_id": "pledges.pledge",
}
DOCUMENT_TABLES = {
    "agreements.agreement": "agreements_agreement",
    "actionplans.actionplan": "actionplans_actionplan",
    "pledges.pledge": "pledges_pledge",
}
# Tables whose rows migrating may add to, never change: the applied migrations, and the
# content types and permissions of apps the old code did not have (django_tasks_database).
MAY_GROW = {"django_content_type", "auth_permission"}
# Apps of the current code, not of 3661e98 (search's indexes come after pledges' latest,
# follow-up's and the public marks' tables after the plans'; the login protection's,
# django-axes and django-otp's TOTP devices, refer to the users).
NEW_APPS = ("django_tasks_database", "search", "followup", "public", "axes", "otp_totp")
NOT_COMPARED = {"django_migrations", "sqlite_sequence"}

# The old main's schema from the current migrations: safety_partnership, pledges, the plans
# and the agreements stop at their old last migrations, and the task
# queue's app (which the old code did not have, and whose migrations do not reverse) stays
# out. Content types and permissions are not made: the old register's own are copied in.
TO_OLD_SCHEMA = f"""
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

executor = MigrationExecutor(connection)
targets = [
    node for node in executor.loader.graph.leaf_nodes()
    if node[0] not in ("safety_partnership", "pledges", "actionplans", "agreements", *{NEW_APPS!r})
]
executor.migrate(
    [
        *targets,
        ("safety_partnership", "{OLD_SCHEMA}"),
        ("pledges", "{OLD_PLEDGES_SCHEMA}"),
        ("actionplans", "{OLD_DOCUMENT_SCHEMA}"),
        ("agreements", "{OLD_DOCUMENT_SCHEMA}"),
    ]
)
executor.loader.build_graph()
applied = sorted(n for a, n in executor.loader.applied_migrations if a == "safety_partnership")
assert applied[-1] == "{OLD_SCHEMA}", applied
"""

# Run in the migrated database by `manage.py shell -c`: what the current code reads there.
CHECK = """
import json
from django.test import Client
from django.urls import reverse
from safety_partnership.models import DecisionBasis
from safety_partnership.signing.services import content_matches
from safety_partnership.signing.models import Signature

def label(content_type):
    return None if content_type is None else f"{content_type.app_label}.{content_type.model}"

client = Client()
signatures = []
for signature in Signature.objects.filter(signed_at__isnull=False).order_by("pk"):
    document = signature.document
    version = signature.version
    page = client.get(reverse("verify"), {"kod": signature.verification_code})
    signatures.append({
        "id": signature.pk,
        "kind": label(signature.content_type),
        "object_id": signature.object_id,
        "document_status": document.status,
        "signed_history_id": signature.signed_history_id,
        "content_form": signature.content_form,
        # In the form it was signed in (content form 1 for every signature of the old code).
        "hash_matches": content_matches(signature, document),
        "version_history_id": None if version is None else version.history_id,
        "version_object_id": None if version is None else version.id,
        "version_title": None if version is None else version.title,
        "verify_status": page.status_code,
        "verify_unchanged": "Innehållet är oförändrat sedan underskriften." in page.text,
        "verify_warns": "Varning: innehållet stämmer inte längre" in page.text,
    })
historical_signatures = {
    row.history_id: row.signed_history_id for row in Signature.history.all()
}
basis = []
for line in DecisionBasis.objects.select_related("content_type").order_by("pk"):
    document = line.document
    basis.append({
        "id": line.pk,
        "title": line.title,
        "kind": label(line.content_type),
        "object_id": line.object_id,
        "document_title": None if document is None else document.title,
    })
historical_basis = {
    row.history_id: [label(row.content_type), row.object_id]
    for row in DecisionBasis.history.select_related("content_type")
}
from pledges.models import PledgeDialogue
links = sorted([l.dialogue_id, l.pledge_id] for l in PledgeDialogue.objects.all())
linked = sorted(
    [r.dialogue_id, r.pledge_id] for r in PledgeDialogue.history.filter(history_type="+")
)
print("CHECK " + json.dumps({
    "dialogue_links": links,
    "linked_in_history": linked,
    "signatures": signatures,
    "historical_signatures": historical_signatures,
    "decision_basis": basis,
    "historical_decision_basis": historical_basis,
}))
"""


def manage(database_url: str, *args: str) -> str:
    """The current code's manage.py on that database, in a process of its own."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "safety_partnership.settings",
        "SECRET_KEY": "migrate-forward-test",
        # DEBUG serves unhashed static URLs to the verification page (no collectstatic).
        "DEBUG": "true",
        "ALLOWED_HOSTS": "testserver",
        "TASKS_BACKEND": "immediate",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, (
        f"manage.py {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout


def check_in(database_url: str) -> dict:
    out = manage(database_url, "shell", "--no-imports", "-c", CHECK)
    [line] = [line for line in out.splitlines() if line.startswith("CHECK ")]
    return json.loads(line.removeprefix("CHECK "))


def rows(connection, sql: str) -> list[dict]:
    with closing(connection.cursor()) as cursor:
        cursor.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def table_names(connection) -> list[str]:
    if isinstance(connection, sqlite3.Connection):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        sql = (
            "SELECT table_name AS name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
    return sorted(row["name"] for row in rows(connection, sql))


def old_facts(connection) -> dict:
    """What the old schema holds: signatures' version columns, decision-basis documents."""
    kinds = {
        row["id"]: f"{row['app_label']}.{row['model']}"
        for row in rows(connection, "SELECT id, app_label, model FROM django_content_type")
    }
    titles = {
        (kind, row["id"]): row["title"]
        for kind, table in DOCUMENT_TABLES.items()
        for row in rows(connection, f"SELECT id, title FROM {table}")
    }

    def signed_version(row) -> tuple[str, int] | None:
        set_columns = [c for c in VERSION_COLUMNS.values() if row[c] is not None]
        assert len(set_columns) <= 1, row
        return (set_columns[0], row[set_columns[0]]) if set_columns else None

    def document_of(row) -> tuple[str, int] | None:
        linked = [(kind, row[c]) for c, kind in BASIS_COLUMNS.items() if row[c] is not None]
        assert len(linked) <= 1, row
        return linked[0] if linked else None

    signatures = {}
    for row in rows(connection, "SELECT * FROM safety_partnership_signature"):
        signatures[row["id"]] = {
            "kind": kinds[row["content_type_id"]],
            "object_id": row["object_id"],
            "method": row["method"],
            "signed": row["signed_at"] is not None,
            "content_hash": row["content_hash"],
            "verification_code": row["verification_code"],
            "version": signed_version(row),
        }
    historical_signatures = {
        row["history_id"]: signed_version(row)
        for row in rows(connection, "SELECT * FROM safety_partnership_historicalsignature")
    }
    basis = {}
    for row in rows(connection, "SELECT * FROM safety_partnership_decisionbasis"):
        document = document_of(row)
        basis[row["id"]] = {
            "title": row["title"],
            "document": document,
            "document_title": titles[document] if document else None,
        }
    historical_basis = {
        row["history_id"]: document_of(row)
        for row in rows(connection, "SELECT * FROM safety_partnership_historicaldecisionbasis")
    }
    statuses = {
        (kind, row["id"]): row["status"]
        for kind, table in DOCUMENT_TABLES.items()
        for row in rows(connection, f"SELECT id, status FROM {table}")
    }
    return {
        "signatures": signatures,
        "historical_signatures": historical_signatures,
        "decision_basis": basis,
        "historical_decision_basis": historical_basis,
        "statuses": statuses,
        "dialogue_links": sorted(
            [row["id"], row["pledge_id"]]
            for row in rows(connection, "SELECT id, pledge_id FROM pledges_citizendialogue")
            if row["pledge_id"] is not None
        ),
    }


def snapshot(connection) -> dict[str, tuple[list[str], Counter]]:
    """Every table's columns and rows (as a multiset), to compare before and after."""
    tables = {}
    for table in table_names(connection):
        if table in NOT_COMPARED:
            continue
        with closing(connection.cursor()) as cursor:
            cursor.execute(f'SELECT * FROM "{table}"')
            columns = [column[0] for column in cursor.description]
            tables[table] = (columns, [tuple(row) for row in cursor.fetchall()])
    return tables


def changes(before: dict, after: dict) -> dict[str, str]:
    """The tables of `before` whose rows changed in the columns they still have."""
    found = {}
    for table, (columns, old_rows) in before.items():
        if table not in after:
            found[table] = "table is gone"
            continue
        new_columns, new_rows = after[table]
        common = [c for c in columns if c in new_columns]
        if not common:
            found[table] = "no column left"
            continue

        def project(table_rows, table_columns, common=common):
            at = [table_columns.index(c) for c in common]
            return Counter(tuple(row[i] for i in at) for row in table_rows)

        old, new = project(old_rows, columns), project(new_rows, new_columns)
        lost, added = old - new, new - old
        if lost or (added and table not in MAY_GROW):
            found[table] = (
                f"{len(old_rows)} rows before, {len(new_rows)} after; "
                f"{sum(lost.values())} old rows lost or changed, e.g. {list(lost)[:2]}; "
                f"{sum(added.values())} rows new or changed, e.g. {list(added)[:2]}"
            )
    return found


def assert_old_register_is_not_trivial(old: dict) -> None:
    """The dump has what makes the migration matter, so that the test cannot pass vacuously."""
    signed = {pk: s for pk, s in old["signatures"].items() if s["method"] == "register"}
    signed = {pk: s for pk, s in signed.items() if s["signed"]}
    assert len(signed) >= 5
    for signature in signed.values():
        column, _history_id = signature["version"]
        assert column == VERSION_COLUMNS[signature["kind"]]
        assert signature["verification_code"] and len(signature["content_hash"]) == 64
    assert {s["version"][0] for s in signed.values()} == set(VERSION_COLUMNS.values())
    # The signed history records differ between the kinds, so no mix-up goes unseen.
    assert len({s["version"][1] for s in signed.values()}) == 3
    assert any(
        old["statuses"][(s["kind"], s["object_id"])] == "awaiting_signatures"
        for s in signed.values()
    ), "a half-signed document"
    assert any(s["method"] == "register" and not s["signed"] for s in old["signatures"].values()), (
        "a signature still awaited"
    )
    assert "superseded" in old["statuses"].values()
    assert sum(v is not None for v in old["historical_signatures"].values()) >= 10
    assert {line["document"][0] for line in old["decision_basis"].values()} == set(
        BASIS_COLUMNS.values()
    )
    assert sum(v is not None for v in old["historical_decision_basis"].values()) >= 4


def assert_migrated(old: dict, before: dict, after: dict, checked: dict) -> None:
    # Every register signature verifies, against the very history record it signed.
    signed = {
        pk: s for pk, s in old["signatures"].items() if s["method"] == "register" and s["signed"]
    }
    by_id = {s["id"]: s for s in checked["signatures"]}
    assert set(by_id) == set(signed)
    for pk, was in signed.items():
        now = by_id[pk]
        history_id = was["version"][1]
        assert now["kind"] == was["kind"] and now["object_id"] == was["object_id"], pk
        assert now["signed_history_id"] == history_id, pk
        assert now["version_history_id"] == history_id, pk
        assert now["version_object_id"] == was["object_id"], pk
        assert now["content_form"] == 1, pk
        assert now["hash_matches"], f"signature {pk}: the content hash no longer matches"
        assert now["verify_status"] == 200, pk
        assert now["verify_unchanged"] and not now["verify_warns"], pk

    # Each dialogue's pledge is now a link of that pledge, and the pledge's history says so.
    assert old["dialogue_links"] and checked["dialogue_links"] == old["dialogue_links"]
    assert checked["linked_in_history"] == old["dialogue_links"]

    # Their history rows point at the same versions.
    assert {int(k): v for k, v in checked["historical_signatures"].items()} == {
        history_id: None if version is None else version[1]
        for history_id, version in old["historical_signatures"].items()
    }

    # Every decision-basis line names the same document, in the table and in its history.
    assert {
        line["id"]: {
            "title": line["title"],
            "document": (line["kind"], line["object_id"]) if line["kind"] else None,
            "document_title": line["document_title"],
        }
        for line in checked["decision_basis"]
    } == old["decision_basis"]
    assert {
        int(k): tuple(v) if v[0] else None for k, v in checked["historical_decision_basis"].items()
    } == old["historical_decision_basis"]

    # No row of the old tables changed in the columns they keep; no row went missing.
    assert changes(before, after) == {}
    assert {t: len(r) for t, (_c, r) in before.items() if t not in MAY_GROW} == {
        t: len(after[t][1]) for t in before if t not in MAY_GROW
    }


def restore_dump(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(DUMP.read_text(encoding="utf-8"))


def copy_into_postgres(source: sqlite3.Connection, target) -> None:
    """The rows of the SQLite register into the PostgreSQL tables of the same schema.

    Whatever rows the target has go first; its applied migrations stay, as they describe
    its schema. Triggers and foreign-key checks stay quiet while rows arrive
    (session_replication_role = replica); SQLite's 0 and 1 become booleans where the
    column is one, and the id sequences continue after the copied rows.
    """
    copied = [t for t in table_names(source) if t not in NOT_COMPARED]
    columns_of = {}
    for row in rows(
        target,
        "SELECT c.table_name, c.column_name, c.data_type, c.is_identity, c.column_default "
        "FROM information_schema.columns c JOIN information_schema.tables t "
        "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'",
    ):
        columns_of.setdefault(row["table_name"], {})[row["column_name"]] = row
    assert set(copied) == set(columns_of) - {"django_migrations"}, "the same tables"
    with target.transaction():
        target.execute("SET LOCAL session_replication_role = replica")
        target.execute("SET LOCAL TIME ZONE 'UTC'")  # SQLite's datetimes are naive UTC
        emptied = [t for t in columns_of if t != "django_migrations"]
        target.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in emptied))
        for table in copied:
            with closing(source.cursor()) as cursor:
                cursor.execute(f'SELECT * FROM "{table}"')
                names = [column[0] for column in cursor.description]
                data = cursor.fetchall()
            types = columns_of[table]
            assert set(names) == set(types), (table, set(names) ^ set(types))
            booleans = [i for i, n in enumerate(names) if types[n]["data_type"] == "boolean"]
            if booleans:
                data = [
                    tuple(
                        (None if v is None else bool(v)) if i in booleans else v
                        for i, v in enumerate(row)
                    )
                    for row in data
                ]
            if data:
                quoted = ", ".join(f'"{name}"' for name in names)
                values = ", ".join(["%s"] * len(names))
                with target.cursor() as cursor:
                    cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({values})', data)
        for table, columns in columns_of.items():
            for column, info in columns.items():
                if info["is_identity"] == "YES" or (info["column_default"] or "").startswith(
                    "nextval("
                ):
                    target.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                        f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) '
                        f'FROM "{table}"'
                    )


def user_triggers(connection, table: str) -> dict[str, str]:
    return {
        row["tgname"]: row["tgenabled"]
        for row in rows(
            connection,
            "SELECT tgname, tgenabled FROM pg_trigger "
            f"WHERE tgrelid = '{table}'::regclass AND NOT tgisinternal",
        )
    }
