"""`manage.py backup` and `manage.py restore`: the whole register, into an empty database, to
the microsecond; every signature still verifies, every archived PDF keeps its SHA-256, and
the guards of signed documents are in place again after the restore.

The round trip runs on the test database (SQLite, or PostgreSQL with DATABASE_URL); the move
from SQLite to PostgreSQL runs when BACKUP_POSTGRES_URL names a PostgreSQL server on which
a scratch database may be created (migrate and restore there run as manage.py would)."""

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from actionplans.models import ActionPlan
from followup import signing as report_signing
from followup.models import ReportSignature
from safety_partnership import backup, triggers
from safety_partnership.models import (
    ArchivedPdf,
    Municipality,
    Partnership,
    Person,
    Role,
    Signature,
)
from safety_partnership.pdf.archive import archive
from safety_partnership.signing.services import content_matches, verification_code
from tests.conftest import make_user
from tests.followup.helpers import compiled_first_tertial_of_2018
from tests.safety_partnership.signing_helpers import PASSWORD, sign_in_register

LONG_REASON = "Kommunens namn rättat efter beslut i kommunstyrelsen. " * 6  # over 300 characters
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def register(awaiting, people):
    """The Mjölby seed, a pledge signed in the register with its archived PDF, a compiled
    tertial with its reports and a signature, and a change reason longer than any old
    varchar."""
    coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    archive(awaiting)
    compiled = compiled_first_tertial_of_2018()
    partnership = Partnership.objects.get()
    partnership.signs_followup_reports = True
    partnership.save()
    report_signing.sign(compiled, police_chief, PASSWORD)
    municipality = Municipality.objects.get()
    municipality._change_reason = LONG_REASON  # type: ignore[attr-defined]
    municipality.save()
    return awaiting


def empty_database() -> None:
    """Every table a backup holds emptied (within the test's transaction), as after migrate."""
    tables = [model._meta.db_table for model in backup.backed_up_models()]
    if connection.vendor == "postgresql":  # TRUNCATE waits for no foreign key check
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with triggers.set_aside(connection):
        # CASCADE: what refers to the users and is not backed up (TOTP devices) goes too.
        flush = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
        connection.ops.execute_sql_flush(flush)


def tables_of(data: dict) -> dict:
    return {table["model"]: table for table in data["tables"]}


def everything() -> dict:
    return tables_of(backup._read("default"))


def row_counts() -> dict:
    return {model._meta.label: model._base_manager.count() for model in backup.backed_up_models()}


def signed_values() -> list[tuple]:
    return list(
        Signature.objects.exclude(signed_at=None)
        .order_by("pk")
        .values_list("pk", "signed_at", "verification_code", "content_hash")
    )


def assert_signatures_and_archives_hold() -> None:
    signatures = Signature.objects.exclude(signed_at=None)
    assert signatures.count() >= 2
    for signature in signatures:
        assert verification_code(signature) == signature.verification_code
        assert content_matches(signature, signature.document)
    reports = ReportSignature.objects.all()
    assert reports.exists()
    for signature in reports:
        assert signature.content_hash == report_signing.content_hash(signature.report)
    archives = ArchivedPdf.objects.all()
    assert archives.exists()
    for kept in archives:
        assert bytes(kept.pdf).startswith(b"%PDF")
        assert hashlib.sha256(bytes(kept.pdf)).hexdigest() == kept.sha256


def refused_raw_update() -> None:
    plan = ActionPlan.objects.get(status="signed")
    with (
        pytest.raises(DatabaseError, match="signed content cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE actionplans_actionplan SET title = 'x' WHERE id = %s", [plan.pk])


@pytest.mark.django_db
def test_a_round_trip_into_an_empty_database_gives_the_same_register(register, tmp_path):
    file = tmp_path / "register.json.gz"
    before = everything()
    signatures = signed_values()
    assert any(at.microsecond for _, at, _, _ in signatures)  # there are microseconds to keep

    call_command("backup", out=str(file))
    empty_database()
    assert not Signature.objects.exists() and not Municipality.objects.exists()
    call_command("restore", str(file))

    assert everything() == before
    assert signed_values() == signatures
    assert Municipality.history.filter(history_change_reason=LONG_REASON).exists()
    assert_signatures_and_archives_hold()
    refused_raw_update()
    # The sequences go on after the restored keys (PostgreSQL's are reset by the restore).
    added = Person.objects.create(
        name="Registrator", role=Role.STAFF, municipality=Municipality.objects.get()
    )
    assert added.pk > max(row[0] for row in before["safety_partnership.person"]["rows"])
    assert make_user("ny", added).pk


@pytest.mark.django_db
def test_the_backup_keeps_exact_values(register, tmp_path):
    file = tmp_path / "register.json.gz"
    call_command("backup", out=str(file))
    data = json.loads(gzip.decompress(file.read_bytes()))
    signatures = tables_of(data)["safety_partnership.signature"]
    at = signatures["columns"].index("signed_at")
    signed = Signature.objects.exclude(signed_at=None).order_by("pk")
    stored = {row[0]: row[at] for row in signatures["rows"]}

    assert list(tmp_path.iterdir()) == [file]  # no partial file left beside it
    assert data["format"] == backup.FORMAT and data["version"] == backup.VERSION
    assert ["actionplans", "0001_initial"] in data["migrations"]
    for signature in signed:  # ISO 8601 with microseconds and offset
        assert stored[signature.pk] == signature.signed_at.isoformat()
    # Content types by natural key, not by id.
    ct = signatures["columns"].index("content_type_id")
    assert ["pledges", "pledge"] in [row[ct] for row in signatures["rows"]]
    # The task queue and sessions are left out.
    assert "django_tasks_database.dbtaskresult" not in tables_of(data)
    assert "sessions.session" not in tables_of(data)

    call_command("backup", check=str(file))


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(register, tmp_path):
    file = tmp_path / "register.json.gz"
    call_command("backup", out=str(file))
    before = everything()

    with pytest.raises(CommandError, match="Databasen är inte tom: tabellen auth_user"):
        call_command("restore", str(file))

    assert everything() == before


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_users_only(register, tmp_path):
    file = tmp_path / "register.json.gz"
    call_command("backup", out=str(file))
    empty_database()
    make_user("nagon")
    counts = row_counts()

    with pytest.raises(CommandError, match="Databasen är inte tom"):
        call_command("restore", str(file))

    assert row_counts() == counts


def rewrite(file: Path, change) -> None:
    data = json.loads(gzip.decompress(file.read_bytes()))
    change(data)
    file.write_bytes(gzip.compress(json.dumps(data).encode()))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change,message",
    [
        (
            lambda data: data["migrations"].append(["pledges", "9999_later"]),
            "Säkerhetskopian kommer från ett annat databasschema",
        ),
        (
            lambda data: data["migrations"].remove(["pledges", "0001_initial"]),
            "Säkerhetskopian kommer från ett annat databasschema",
        ),
        (lambda data: data.update(version=2), "formatversion 2"),
        (lambda data: data.update(format="något annat"), "är ingen säkerhetskopia"),
    ],
    ids=["later schema", "earlier schema", "format version", "format"],
)
def test_restore_refuses_another_schema_or_format(register, tmp_path, change, message):
    file = tmp_path / "register.json.gz"
    call_command("backup", out=str(file))
    rewrite(file, change)
    empty_database()
    counts = row_counts()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(file))
    with pytest.raises(CommandError, match=message):
        call_command("backup", check=str(file))

    assert row_counts() == counts


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_or_whose_pdf_was_changed_is_refused(register, tmp_path):
    file = tmp_path / "register.json.gz"
    other = tmp_path / "other.json"
    other.write_text("[]")

    with pytest.raises(CommandError, match="är ingen säkerhetskopia av registret"):
        call_command("backup", check=str(other))

    call_command("backup", out=str(file))

    def swap_pdf(data):
        archives = tables_of(data)["safety_partnership.archivedpdf"]
        pdf = archives["columns"].index("pdf")
        archives["rows"][0][pdf] = "JVBERi0xLjcgc29tZXRoaW5nIGVsc2U="  # %PDF-1.7 something else

    rewrite(file, swap_pdf)
    empty_database()

    with pytest.raises(CommandError, match="filen stämmer inte med sin SHA-256"):
        call_command("restore", str(file))

    assert not ArchivedPdf.objects.exists()


def guard_count() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'register_guard_%%'")
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE 'register_guard_%%'"
            )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_restore_that_fails_halfway_changes_nothing_and_leaves_the_guards(register, tmp_path):
    file = tmp_path / "register.json.gz"
    call_command("backup", out=str(file))

    def lose_a_focus_area(data):
        measures = tables_of(data)["actionplans.measure"]
        area = measures["columns"].index("focus_area_id")
        measures["rows"][-1][area] = 999999

    rewrite(file, lose_a_focus_area)
    empty_database()
    counts, guards = row_counts(), guard_count()

    with pytest.raises(CommandError, match="kunde inte återställas .* Ingenting har ändrats"):
        call_command("restore", str(file))

    assert row_counts() == counts
    assert guard_count() == guards > 0


def test_every_change_reason_has_room_for_any_length():
    """A change reason over 100 characters used to fail loaddata into PostgreSQL."""
    reasons = [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.name == "history_change_reason"
    ]
    assert len(reasons) > 30  # every model with a history
    for field in reasons:
        assert field.get_internal_type() == "TextField" and not field.max_length, field


# From SQLite to PostgreSQL: how a small municipality moves up.

POSTGRES = os.environ.get("BACKUP_POSTGRES_URL", "")
SCRATCH = "test_backup_move"


def manage(*args: str, url: str) -> str:
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


CHECK = """
import hashlib
from django.db import connection
from safety_partnership.models import ArchivedPdf, Signature
from safety_partnership.signing.services import content_matches, verification_code
assert connection.vendor == "postgresql"
signed = Signature.objects.exclude(signed_at=None)
assert signed.count() >= 2
for s in signed:
    assert verification_code(s) == s.verification_code and content_matches(s, s.document)
for a in ArchivedPdf.objects.all():
    assert hashlib.sha256(bytes(a.pdf)).hexdigest() == a.sha256
print("ok", signed.count(), ArchivedPdf.objects.count())
"""


@pytest.mark.django_db
@pytest.mark.skipif(
    not POSTGRES.startswith("postgres") or connection.vendor != "sqlite",
    reason="BACKUP_POSTGRES_URL names no PostgreSQL server, or the tests run on PostgreSQL",
)
def test_a_sqlite_register_moves_to_postgresql(register, tmp_path):
    import psycopg

    file, moved = tmp_path / "sqlite.json.gz", tmp_path / "postgresql.json.gz"
    call_command("backup", out=str(file))
    server = POSTGRES.rsplit("/", 1)[0]
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
        admin.execute(f"CREATE DATABASE {SCRATCH}")
    try:
        url = f"{server}/{SCRATCH}"
        manage("migrate", "-v0", url=url)
        manage("restore", str(file), url=url)
        assert manage("shell", "--no-imports", "-c", CHECK, url=url).startswith("ok")
        manage("backup", "--out", str(moved), url=url)
        with psycopg.connect(url) as target, target.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'register_guard_%'")
            (guards,) = cursor.fetchone()
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")

    assert tables_of(backup.read(moved)) == tables_of(backup.read(file))
    assert guards > 0
