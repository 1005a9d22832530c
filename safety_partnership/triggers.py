"""Triggers that refuse in SQL what the models refuse in Python, on SQLite and PostgreSQL alike.

They are built from the models rather than listed by hand: every document kind in the
registry, every model that is part of a document (rows, signatures and archived PDFs: the
models with document_of_row(), whose `status_lookup` is the path to the document's status,
None for a generic link, and `locked_when` the statuses that lock them), and the history of
each. After every migrate (and flush) they are dropped and made again, so that a new kind or
row is guarded without a migration of its own; before migrating they are dropped, so that
migrations may rebuild tables and move data.

What they refuse:
- a document: a status move outside STATUS_MOVES; while locked, any change to a field
  other than MUTABLE_WHEN_FROZEN; deleting it while locked;
- a row, a signature: adding, changing, moving or deleting it while its document is locked
  (a signature: frozen, since signatures are made while the document awaits them);
- an archived PDF: changing or deleting it once its document is frozen (it is made then);
- a history record of a frozen document or of a row, signature or PDF of one: any UPDATE or
  DELETE, and an INSERT unless it is what django-simple-history writes after a save: the
  object as it is now, dated no earlier than the object's latest record;
- a paragraph of adjusted minutes, and the recipients of its decision: any change, and
  their history as a frozen document's; the history of its case and decision basis, which
  its extract is printed from: any UPDATE or DELETE;
- whatever other apps register with register_guards() (follow-up: a compiled tertial).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import cast

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection as default_connection
from django.db import connections, models

from .council.models import CouncilCase, DecisionBasis, MinutesParagraph, Recipient
from .freezing import guarded_models
from .kinds import all_kinds
from .models.documents import FROZEN, MUTABLE_WHEN_FROZEN, STATUS_MOVES, Document

PREFIX = "register_guard_"
MESSAGE = "signed content cannot be changed"


@dataclass(frozen=True)
class Guard:
    """One table's guard: for each statement, the SQL condition under which it is refused."""

    table: str
    insert: str | None = None  # on NEW
    update: str | None = None  # on OLD and NEW
    delete: str | None = None  # on OLD
    tables: frozenset[str] = frozenset()  # every table the conditions read

    def conditions(self) -> list[tuple[str, str]]:
        """(statement, condition) for each statement this guard refuses under a condition."""
        given = [("INSERT", self.insert), ("UPDATE", self.update), ("DELETE", self.delete)]
        return [(event, condition) for event, condition in given if condition is not None]


class Dialect:
    """The little that differs between the two databases' SQL."""

    def __init__(self, connection) -> None:
        self.postgresql = connection.vendor == "postgresql"
        self.q = connection.ops.quote_name

    def same(self, a: str, b: str) -> str:
        return f"{a} IS NOT DISTINCT FROM {b}" if self.postgresql else f"{a} IS {b}"

    def differs(self, a: str, b: str) -> str:
        return f"{a} IS DISTINCT FROM {b}" if self.postgresql else f"{a} IS NOT {b}"


def listed(values: Iterable[str]) -> str:
    """Our own constants (statuses, labels) as an SQL list; none holds a quote."""
    return ", ".join(sorted(f"'{value}'" for value in values))


def generic_link(model: type[models.Model]) -> tuple[str, str]:
    """The content type and object id columns of a model linked to its document generically."""
    for field in model._meta.private_fields:
        if isinstance(field, GenericForeignKey):
            ct, fk = (
                cast(models.Field, model._meta.get_field(f))
                for f in (field.ct_field, field.fk_field)
            )
            return ct.column, fk.column
    raise LookupError(f"{model.__name__} has neither a status_lookup nor a generic link")


class Builder:
    """SQL conditions about the document of a row, for one model and one database."""

    def __init__(self, model: type[models.Model], dialect: Dialect) -> None:
        self.model = model
        self.d = dialect
        self.tables: set[str] = {model._meta.db_table}

    def table(self, model: type[models.Model]) -> str:
        self.tables.add(model._meta.db_table)
        return self.d.q(model._meta.db_table)

    def document_in(self, ref: str, statuses: Iterable[str]) -> str:
        """The document of the row `ref` (a row of the model's table or of its history,
        with the same columns) has one of the statuses."""
        q, model, statuses = self.d.q, self.model, listed(statuses)
        if issubclass(model, Document):
            return f"{ref}.{q('status')} IN ({statuses})"
        lookup = getattr(model, "status_lookup", None)
        if lookup is None:
            return self._generic_document_in(ref, statuses)
        # The path to the status, e.g. focus_area__plan__status, as joins: forward along a
        # foreign key, or back along one (a dialogue's pledge_links__pledge__status).
        *path, status = lookup.split("__")
        current, previous = model, ref
        tables, joins = [], []
        for depth, name in enumerate(path, start=1):
            field = current._meta.get_field(name)
            alias = f"r{depth}"
            if isinstance(field, models.ForeignKey):
                key, target = field.column, field.target_field.column
                joins.append(f"{alias}.{q(target)} = {previous}.{q(key)}")
            elif isinstance(field, models.ManyToOneRel):
                remote = cast(models.ForeignKey, field.remote_field)
                joins.append(
                    f"{alias}.{q(remote.column)} = {previous}.{q(remote.target_field.column)}"
                )
            else:
                raise ValueError(f"{lookup}: {name} is not a foreign key nor the reverse of one")
            current = cast(type[models.Model], field.related_model)
            tables.append(f"{self.table(current)} {alias}")
            previous = alias
        status_column = q(cast(models.Field, current._meta.get_field(status)).column)
        return (
            f"EXISTS (SELECT 1 FROM {', '.join(tables)} WHERE {' AND '.join(joins)}"
            f" AND {previous}.{status_column} IN ({statuses}))"
        )

    def _generic_document_in(self, ref: str, statuses: str) -> str:
        q = self.d.q
        content_type, object_id = generic_link(self.model)
        kinds = [
            f"EXISTS (SELECT 1 FROM {self.table(ContentType)} c, {self.table(kind.model)} d"
            f" WHERE c.id = {ref}.{q(content_type)}"
            f" AND c.app_label = '{kind.model._meta.app_label}'"
            f" AND c.model = '{kind.model._meta.model_name}'"
            f" AND d.{q(kind.model._meta.pk.column)} = {ref}.{q(object_id)}"
            f" AND d.{q('status')} IN ({statuses}))"
            for kind in all_kinds()
        ]
        return "(" + " OR ".join(kinds) + ")" if kinds else "1 = 0"

    def live(self, ref: str, condition: Callable[[str], str]) -> str:
        """The object a history record `ref` is of exists now and meets the condition."""
        pk = self.d.q(self.model._meta.pk.column)
        return (
            f"EXISTS (SELECT 1 FROM {self.table(self.model)} l WHERE l.{pk} = {ref}.{pk}"
            f" AND {condition('l')})"
        )


def document_guard(model: type[Document], d: Dialect) -> Guard:
    q = d.q
    moves = " OR ".join(
        f"(OLD.{q('status')} = '{old}' AND NEW.{q('status')} IN ({listed(new)}))"
        for old, new in STATUS_MOVES.items()
    )
    changed = " OR ".join(
        d.differs(f"OLD.{q(f.column)}", f"NEW.{q(f.column)}")
        for f in model._meta.concrete_fields
        if f.name not in MUTABLE_WHEN_FROZEN
    )
    locked = f"OLD.{q('status')} IN ({listed(model.locked_when)})"
    return Guard(
        model._meta.db_table,
        update=f"NOT ({moves}) OR ({locked} AND ({changed}))",
        delete=locked,
        tables=frozenset({model._meta.db_table}),
    )


def part_guard(model: type[models.Model], d: Dialect) -> Guard:
    """A row, a signature or an archived PDF: unchanged while its document locks it."""
    build = Builder(model, d)
    locked_when = model.locked_when  # type: ignore[attr-defined]
    old, new = build.document_in("OLD", locked_when), build.document_in("NEW", locked_when)
    # An archived PDF is made once its document is frozen: adding one stays open.
    added_when_frozen = getattr(model, "added_when_frozen", False)
    return Guard(
        model._meta.db_table,
        insert=None if added_when_frozen else new,
        update=f"{old} OR {new}",
        delete=old,
        tables=frozenset(build.tables),
    )


def history_guard(
    model: type[models.Model], d: Dialect, frozen: Callable[[Builder, str], str] | None = None
) -> Guard:
    """The history of a frozen document, and of its rows, signatures and PDF, stays as written.

    frozen(build, ref) says when the record `ref` is of something frozen; by default, when
    it is of a frozen document or of a part of one."""
    q = d.q
    history = model.history.model  # type: ignore[attr-defined]
    table = history._meta.db_table
    build = Builder(model, d)
    build.tables.add(table)

    def frozen_document(ref: str) -> str:
        now = build.live(ref, lambda live: build.document_in(live, FROZEN))
        if issubclass(model, Document):
            return now  # a document's own record holds its status then, not now
        return f"({build.document_in(ref, FROZEN)} OR {now})"

    def is_frozen(ref: str) -> str:
        return frozen(build, ref) if frozen else frozen_document(ref)

    recorded = {f.column for f in history._meta.concrete_fields}
    columns = [f.column for f in model._meta.concrete_fields if f.column in recorded]
    pk = q(model._meta.pk.column)
    as_now = build.live(
        "NEW", lambda live: " AND ".join(d.same(f"{live}.{q(c)}", f"NEW.{q(c)}") for c in columns)
    )
    latest = (
        f"NOT EXISTS (SELECT 1 FROM {q(table)} h WHERE h.{pk} = NEW.{pk}"
        f" AND h.{q('history_date')} > NEW.{q('history_date')})"
    )
    written_after_save = f"NEW.{q('history_type')} <> '-' AND {as_now} AND {latest}"
    return Guard(
        table,
        insert=f"{is_frozen('NEW')} AND NOT ({written_after_save})",
        update=f"{is_frozen('OLD')} OR {is_frozen('NEW')}",
        delete=is_frozen("OLD"),
        tables=frozenset(build.tables),
    )


def adjusted_minutes_guards(d: Dialect) -> list[Guard]:
    """A paragraph of adjusted minutes, the recipients of its decision and the history of
    both stay as they were adjusted (council/models.py refuses the same in Python)."""
    q = d.q
    paragraphs = MinutesParagraph._meta.db_table
    adjusted = q("adjusted_on")

    def paragraph_adjusted(build: Builder, ref: str) -> str:
        # The record itself says so, or the paragraph it is of is adjusted now.
        now = build.live(ref, lambda live: f"{live}.{adjusted} IS NOT NULL")
        return f"({ref}.{adjusted} IS NOT NULL OR {now})"

    def recipient_adjusted(build: Builder, ref: str) -> str:
        build.tables.add(paragraphs)
        return (
            f"EXISTS (SELECT 1 FROM {q(paragraphs)} p"
            f" WHERE p.{q('id')} = {ref}.{q('paragraph_id')} AND p.{adjusted} IS NOT NULL)"
        )

    def case_has_adjusted_minutes(case_id: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {q(paragraphs)} p"
            f" WHERE p.{q('case_id')} = {case_id} AND p.{adjusted} IS NOT NULL)"
        )

    # The extract of adjusted minutes reads the case's text from its history (minutes.py):
    # once a paragraph is adjusted, the case's and its decision basis's records stay.
    case_records = [
        Guard(
            model.history.model._meta.db_table,
            update=case_has_adjusted_minutes(f"OLD.{q(column)}"),
            delete=case_has_adjusted_minutes(f"OLD.{q(column)}"),
            tables=frozenset({paragraphs, model.history.model._meta.db_table}),
        )
        for model, column in ((CouncilCase, "id"), (DecisionBasis, "case_id"))
    ]
    recipients = Builder(Recipient, d)
    old, new = recipient_adjusted(recipients, "OLD"), recipient_adjusted(recipients, "NEW")
    return [
        *case_records,
        Guard(
            paragraphs,
            update=f"OLD.{adjusted} IS NOT NULL",
            delete=f"OLD.{adjusted} IS NOT NULL",
            tables=frozenset({paragraphs}),
        ),
        history_guard(MinutesParagraph, d, paragraph_adjusted),
        Guard(
            Recipient._meta.db_table,
            insert=new,
            update=f"{old} OR {new}",
            delete=old,
            tables=frozenset(recipients.tables),
        ),
        history_guard(Recipient, d, recipient_adjusted),
    ]


def finalised_guards(
    d: Dialect,
    parent: type[models.Model],
    rows: Iterable[type[models.Model]],
    flag: str = "finalised_on",
    mutable: Iterable[str] = (),
) -> list[Guard]:
    """A record that is kept once a date column (flag) is set (a finalised report), with its
    rows and the history of both: after that, no change but to the `mutable` fields."""
    q = d.q
    parents = parent._meta.db_table
    kept = q(cast(models.Field, parent._meta.get_field(flag)).column)
    free = set(mutable)
    changed = " OR ".join(
        d.differs(f"OLD.{q(f.column)}", f"NEW.{q(f.column)}")
        for f in parent._meta.concrete_fields
        if f.name not in free
    )

    def parent_kept(parent_id: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {q(parents)} f"
            f" WHERE f.{q(parent._meta.pk.column)} = {parent_id} AND f.{kept} IS NOT NULL)"
        )

    def record_kept(build: Builder, ref: str) -> str:
        now = build.live(ref, lambda live: f"{live}.{kept} IS NOT NULL")
        return f"({ref}.{kept} IS NOT NULL OR {now})"

    result = [
        Guard(
            parents,
            update=f"OLD.{kept} IS NOT NULL AND ({changed})",
            delete=f"OLD.{kept} IS NOT NULL",
            tables=frozenset({parents}),
        ),
        history_guard(parent, d, record_kept),
    ]
    for row in rows:
        link = next(
            cast(models.ForeignKey, f).column
            for f in row._meta.concrete_fields
            if f.is_relation and f.related_model is parent
        )
        old, new = parent_kept(f"OLD.{q(link)}"), parent_kept(f"NEW.{q(link)}")

        def row_record_kept(build: Builder, ref: str, link: str = link) -> str:
            build.tables.add(parents)
            return parent_kept(f"{ref}.{q(link)}")

        result += [
            Guard(
                row._meta.db_table,
                insert=new,
                update=f"{old} OR {new}",
                delete=old,
                tables=frozenset({parents, row._meta.db_table}),
            ),
            history_guard(row, d, row_record_kept),
        ]
    return result


# Guards of apps that lock records of their own (follow-up: a compiled tertial's reports),
# registered from their AppConfig.ready(), since this module does not import them.
GuardMaker = Callable[[Dialect], list[Guard]]
_more_guards: list[GuardMaker] = []


def register_guards(make: GuardMaker) -> None:
    if make not in _more_guards:
        _more_guards.append(make)


def guards(connection=default_connection) -> list[Guard]:
    d = Dialect(connection)
    result = []
    for model in guarded_models():
        if issubclass(model, Document):
            result.append(document_guard(model, d))
        else:
            result.append(part_guard(model, d))
        result.append(history_guard(model, d))
    for make in _more_guards:
        result += make(d)
    return result + adjusted_minutes_guards(d)


def trigger_name(table: str) -> str:
    """register_guard_<table>, shortened with a hash where PostgreSQL's 63 characters end."""
    name = f"{PREFIX}{table}"
    if len(name) > 63:
        name = f"{name[:54]}_{hashlib.md5(table.encode()).hexdigest()[:8]}"
    return name


def sqlite_statements(guard: Guard) -> list[str]:
    statements = []
    for event, condition in guard.conditions():
        name = f"{trigger_name(guard.table)}_{event.lower()}"
        statements.append(
            f'CREATE TRIGGER "{name}" BEFORE {event} ON "{guard.table}" FOR EACH ROW'
            f" WHEN {condition}"
            f" BEGIN SELECT RAISE(ABORT, '{event} {guard.table}: {MESSAGE}'); END"
        )
    return statements


REFUSE = f"RAISE EXCEPTION '% %: {MESSAGE}', TG_OP, TG_TABLE_NAME USING ERRCODE = 'check_violation'"


def postgresql_statements(guard: Guard) -> list[str]:
    name = trigger_name(guard.table)
    checks, events = [], []
    for event, condition in guard.conditions():
        events.append(event)
        # Nested, so that NEW is never read in a DELETE nor OLD in an INSERT.
        checks.append(f"IF TG_OP = '{event}' THEN IF {condition} THEN {REFUSE}; END IF; END IF;")
    body = "\n    ".join(checks)
    return [
        f'CREATE OR REPLACE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$\n'
        f"BEGIN\n    {body}\n"
        "    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n    RETURN NEW;\nEND $$",
        f'CREATE TRIGGER "{name}" BEFORE {" OR ".join(events)} ON "{guard.table}"'
        f' FOR EACH ROW EXECUTE FUNCTION "{name}"()',
    ]


def uninstall(connection=default_connection) -> None:
    """Drop every guard trigger (and, on PostgreSQL, its function), whatever made it."""
    like = PREFIX.replace("_", r"\_") + "%"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'trigger' AND name LIKE %s ESCAPE '\\'",
                [like],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname, tgrelid::regclass::text FROM pg_trigger"
                " WHERE NOT tgisinternal AND tgname LIKE %s",
                [like],
            )
            for name, table in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')
            cursor.execute(
                "SELECT p.oid::regprocedure::text FROM pg_proc p"
                " JOIN pg_namespace n ON n.oid = p.pronamespace"
                " WHERE n.nspname = current_schema() AND p.proname LIKE %s",
                [like],
            )
            for (function,) in cursor.fetchall():
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")


def install_after_migrate(sender, using, **kwargs) -> None:
    install(connections[using])


def uninstall_before_migrate(sender, using, **kwargs) -> None:
    uninstall(connections[using])


def install(connection=default_connection) -> int:
    """Drop the guards and make them again from the models; returns how many tables are guarded.

    A guard whose tables are not all there (a database migrated only part of the way) is
    left out until a later migrate.
    """
    uninstall(connection)
    if connection.vendor not in ("sqlite", "postgresql"):
        return 0
    existing = set(connection.introspection.table_names())
    statements_of = sqlite_statements if connection.vendor == "sqlite" else postgresql_statements
    installed = 0
    with connection.cursor() as cursor:
        for guard in guards(connection):
            if not ({guard.table} | guard.tables) <= existing:
                continue
            for statement in statements_of(guard):
                cursor.execute(statement)
            installed += 1
    return installed


@contextmanager
def set_aside(connection=default_connection) -> Iterator[None]:
    """The guards dropped while the database is emptied on purpose (flush), then made again."""
    uninstall(connection)
    try:
        yield
    finally:
        install(connection)
