"""Backup and restore of the whole register: `manage.py backup` and `manage.py restore`.

The file is gzipped JSON: a format name and version, the applied migrations of every app
(a file is restored only into a database of the same schema), and every row of every table
of the project's apps (documents, rows, history, signatures, archived PDFs, follow-up) and
of the users, their groups and permissions, and Django admin's log. Left out: content types
and permissions themselves (migrate makes them; rows refer to them by natural key,
(app_label, model) and (app_label, model, codename), since their ids differ between
databases), sessions (people log in again) and the task queue (django-tasks-db: a signing's
PDF not yet archived is rendered on the spot when asked for).

Values are kept exactly: datetimes as ISO 8601 with microseconds and offset (the
verification codes hash them), decimals as strings, bytes (archived PDFs, scans) as base64,
JSON as it is; primary keys are kept, so that generic links (object_id), history and the
signed versions signatures point at stay valid.

Restore and the guards of signed documents (freezing.py, triggers.py). A restore writes the
rows as raw INSERTs: no save(), no signal, no history record added, no auto_now touched, so
the models' Python guards are never asked. The SQL triggers would refuse history inserted
after its document is signed, so restore() drops them and makes them again (install(),
from the models) within its one transaction, and only after it has found the register
empty. By design, not by hand:
- nothing signed exists while they are dropped: restore refuses a database that holds any
  row of the register or any user, so there is nothing for the guards to protect;
- no one else sees the database without them: DDL is transactional on PostgreSQL and
  SQLite; other connections wait on the restore's locks and find the triggers in place when
  it commits, or, if anything fails, the rollback brings back both the empty tables and the
  triggers;
- what is written is what the guards let into the source database: a backup is read from a
  register the guards kept, and nothing is changed on the way;
- the path is not reachable otherwise: it is the private `_write_rows`, called only from
  restore() after those checks.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from . import triggers

FORMAT = "safety-partnership-register-backup"
VERSION = 1
BATCH = 500


class BackupError(Exception):
    """A backup that cannot be read or restored here; the message is for the operator."""


def _project_app(config) -> bool:
    path = str(config.path)
    return path.startswith(str(settings.BASE_DIR)) and "site-packages" not in path


def backed_up_models() -> list[type[models.Model]]:
    """The models whose rows a backup holds, those a row refers to coming first."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth import get_user_model

    user = get_user_model()
    chosen: list[type[models.Model]] = [
        user,
        Group,
        user.groups.through,
        user.user_permissions.through,
        Group.permissions.through,
        LogEntry,
    ]
    for config in apps.get_app_configs():
        if _project_app(config):
            # Not the tables a database keeps itself (SQLite's search indexes: search/models.py).
            models_of = config.get_models(include_auto_created=True)
            chosen += [m for m in models_of if m._meta.managed and m not in chosen]
    return _dependency_order(chosen)


def _dependency_order(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    """Referenced tables first (foreign keys are deferred to the commit on both databases
    anyway; this keeps a restore valid statement by statement)."""
    done: list[type[models.Model]] = []
    remaining = list(chosen)
    while remaining:
        for model in remaining:
            needs = {
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model in remaining and f.related_model is not model
            }
            if not needs:
                break
        else:  # a cycle: the rest in the order given
            model = remaining[0]
        remaining.remove(model)
        done.append(model)
    return done


# Values: from the database's Python values to JSON and back.


def _kind(field: models.Field) -> str:
    if field.is_relation:
        target = field.related_model
        if target is ContentType:
            return "content_type"
        if target is Permission:
            return "permission"
        return _kind(field.target_field)  # type: ignore[attr-defined]
    return field.get_internal_type()


def _encode(kind: str, value: Any, names: dict[str, dict[int, list[str]]]) -> Any:
    if value is None:
        return None
    if kind in ("content_type", "permission"):
        return names[kind][value]
    if kind == "DateTimeField":
        return value.isoformat()
    if kind in ("DateField", "TimeField"):
        return value.isoformat()
    if kind == "DecimalField":
        return str(value)
    if kind == "BinaryField":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind == "UUIDField":
        return str(value)
    if kind == "DurationField":
        return value.total_seconds()
    return value  # numbers, strings, booleans, JSON


def _decode(kind: str, value: Any, ids: dict[str, dict[tuple, int]]) -> Any:
    if value is None:
        return None
    if kind in ("content_type", "permission"):
        try:
            return ids[kind][tuple(value)]
        except KeyError:
            raise BackupError(
                _("%(name)s finns inte i databasen. Kör migrate innan du återställer.")
                % {"name": ".".join(value)}
            ) from None
    if kind == "DateTimeField":
        return datetime.datetime.fromisoformat(value)
    if kind == "DateField":
        return datetime.date.fromisoformat(value)
    if kind == "TimeField":
        return datetime.time.fromisoformat(value)
    if kind == "DecimalField":
        return Decimal(value)
    if kind == "BinaryField":
        return base64.b64decode(value)
    if kind == "UUIDField":
        return UUID(value)
    if kind == "DurationField":
        return datetime.timedelta(seconds=value)
    return value


def _plain(model: type[models.Model], using: str) -> models.QuerySet:
    """All rows, past any manager that filters or guards."""
    return models.QuerySet(model, using=using).order_by(model._meta.pk.attname)


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _content_type_names(using: str) -> dict[str, dict[int, list[str]]]:
    types = {
        pk: [app, model]
        for pk, app, model in models.QuerySet(ContentType, using=using).values_list(
            "pk", "app_label", "model"
        )
    }
    permissions = {
        pk: [*types[ct], codename]
        for pk, ct, codename in models.QuerySet(Permission, using=using).values_list(
            "pk", "content_type_id", "codename"
        )
    }
    return {"content_type": types, "permission": permissions}


def _content_type_ids(using: str) -> dict[str, dict[tuple, int]]:
    names = _content_type_names(using)
    return {kind: {tuple(name): pk for pk, name in of.items()} for kind, of in names.items()}


def _read(using: str) -> dict:
    names = _content_type_names(using)
    tables = []
    for model in backed_up_models():
        fields = list(model._meta.concrete_fields)
        kinds = [_kind(f) for f in fields]
        rows = _plain(model, using).values_list(*(f.attname for f in fields))
        tables.append(
            {
                "model": model._meta.label_lower,
                "columns": [f.attname for f in fields],
                "rows": [
                    [_encode(k, v, names) for k, v in zip(kinds, row, strict=True)] for row in rows
                ],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "made": timezone.now().isoformat(),
        "database": connections[using].vendor,
        "migrations": applied_migrations(using),
        "tables": tables,
    }


def write(path: str | Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write a backup of the database to `path`; returns what was written."""
    connection = connections[using]
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # One snapshot for every table, while others go on writing.
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            data = _read(using)
    else:
        with transaction.atomic(using=using):
            data = _read(using)
    # Written beside it and renamed: a backup cut short never takes the place of a whole one.
    partial = Path(f"{path}.part")
    with gzip.open(partial, "wt", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
    partial.replace(path)
    return data


def read(path: str | Path) -> dict:
    """The backup in `path`, checked to be one this register writes."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as file:
            data = json.load(file)
    except FileNotFoundError:
        raise BackupError(_("Filen %(path)s finns inte.") % {"path": path}) from None
    except (OSError, EOFError, ValueError):
        raise BackupError(
            _("%(path)s är ingen säkerhetskopia av registret (filen kan inte läsas).")
            % {"path": path}
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(_("%(path)s är ingen säkerhetskopia av registret.") % {"path": path})
    if data.get("version") != VERSION:
        raise BackupError(
            _(
                "Säkerhetskopian har formatversion %(version)s; den här versionen av registret "
                "läser version %(expected)s."
            )
            % {"version": data.get("version"), "expected": VERSION}
        )
    return data


def check_schema(data: dict, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse a backup from a database migrated differently from this one."""
    theirs = {tuple(m) for m in data["migrations"]}
    ours = {tuple(m) for m in applied_migrations(using)}
    if theirs != ours:
        differences = [f"+ {a}.{n}" for a, n in sorted(theirs - ours)] + [
            f"- {a}.{n}" for a, n in sorted(ours - theirs)
        ]
        raise BackupError(
            _(
                "Säkerhetskopian kommer från ett annat databasschema än den här databasens "
                "(migreringar bara i kopian +, bara i databasen -: %(differences)s). "
                "Återställ med den version av registret som gjorde kopian."
            )
            % {"differences": ", ".join(differences[:10]) + (" …" if len(differences) > 10 else "")}
        )
    known = {m._meta.label_lower for m in backed_up_models()}
    given = {table["model"] for table in data["tables"]}
    if given != known:
        raise BackupError(
            _("Säkerhetskopians tabeller stämmer inte med registrets: %(tables)s.")
            % {"tables": ", ".join(sorted(given ^ known))}
        )


def check_archives(data: dict) -> int:
    """Every archived PDF and scan in the file still has the SHA-256 stored with it."""
    checked = 0
    for table in data["tables"]:
        columns = table["columns"]
        if "sha256" not in columns:
            continue
        sha = columns.index("sha256")
        for name in ("pdf", "scan"):
            if name not in columns:
                continue
            index = columns.index(name)
            for row in table["rows"]:
                if row[index] is None or not row[sha]:
                    continue
                if hashlib.sha256(base64.b64decode(row[index])).hexdigest() != row[sha]:
                    raise BackupError(
                        _("%(model)s %(pk)s: filen stämmer inte med sin SHA-256.")
                        % {"model": table["model"], "pk": row[0]}
                    )
                checked += 1
    return checked


def refuse_unless_empty(using: str = DEFAULT_DB_ALIAS) -> None:
    for model in backed_up_models():
        if _plain(model, using).exists():
            raise BackupError(
                _(
                    "Databasen är inte tom: tabellen %(table)s har redan rader. Återställ bara "
                    "till en ny, migrerad databas (manage.py migrate), utan användare."
                )
                % {"table": model._meta.db_table}
            )


def restore(path: str | Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Restore the backup in `path` into the empty database `using`, all or nothing;
    returns the number of rows per table."""
    data = read(path)
    check_archives(data)
    connection = connections[using]
    try:
        with transaction.atomic(using=using):
            check_schema(data, using)
            refuse_unless_empty(using)
            counts = _write_rows(data, using)
            triggers.install(connection)
            _check_keys(connection)
    except (DatabaseError, ValueError, TypeError, IndexError) as error:
        # Rolled back: the tables are empty again and the guards as they were.
        raise BackupError(
            _("Säkerhetskopian kunde inte återställas (%(error)s). Ingenting har ändrats.")
            % {"error": " ".join(str(error).split()) or type(error).__name__}
        ) from error
    return counts


def _check_keys(connection) -> None:
    """Every foreign key holds now, not at the commit, so that a broken file is reported."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        connection.check_constraints(table_names=[m._meta.db_table for m in backed_up_models()])


def _write_rows(data: dict, using: str) -> dict[str, int]:
    """The rows as raw INSERTs, the guard triggers dropped (see the module's docstring:
    restore() alone calls this, inside its transaction, into an empty register)."""
    connection = connections[using]
    ids = _content_type_ids(using)
    by_label = {m._meta.label_lower: m for m in backed_up_models()}
    tables = {table["model"]: table for table in data["tables"]}
    triggers.uninstall(connection)
    counts = {}
    for label, model in by_label.items():
        table = tables[label]
        fields = [model._meta.get_field(_field_name(model, c)) for c in table["columns"]]
        counts[model._meta.db_table] = _insert(connection, model, fields, table["rows"], ids)
    statements = connection.ops.sequence_reset_sql(no_style(), list(by_label.values()))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return counts


def _field_name(model: type[models.Model], attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.name
    raise BackupError(
        _("Säkerhetskopian har en kolumn %(column)s som %(model)s inte har.")
        % {"column": attname, "model": model._meta.label}
    )


def _insert(connection, model, fields, rows: Iterable[list], ids) -> int:
    q = connection.ops.quote_name
    kinds = [_kind(f) for f in fields]
    sql = (
        f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in fields)})"
        f" VALUES ({', '.join(['%s'] * len(fields))})"
    )
    count = 0
    batch: list[list] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(
                [
                    field.get_db_prep_save(_decode(kind, value, ids), connection)
                    for field, kind, value in zip(fields, kinds, row, strict=True)
                ]
            )
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
