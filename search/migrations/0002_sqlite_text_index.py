"""On SQLite, a trigram index of each kind's texts (FTS5 with tokenize='trigram'), kept up to
date by triggers: the search asks it first for the rows that hold a word, so it no longer
reads every text of the register (search/query.py, _word_matches). PostgreSQL has its GIN
indexes (0001) and gets nothing here.

Each index is an FTS5 table over the model's own table (content=…, no copy of the texts) with
the kind's texts as query.TARGETS has them; a change to those needs a migration that makes
its index again with the same fields, as for the GIN indexes.
"""

from django.db import migrations

DOCUMENT_TEXTS = ("title", "diary_number", "introduction")
# (search key, the model's table, the texts searched)
INDEXES = (
    (
        "agreement",
        "agreements_agreement",
        (*DOCUMENT_TEXTS, "overall_goal", "sub_goals", "commitments", "leadership_meetings")
        + ("follow_up",),
    ),
    ("actionplan", "actionplans_actionplan", (*DOCUMENT_TEXTS, "purpose", "validity", "follow_up")),
    (
        "pledge",
        "pledges_pledge",
        (*DOCUMENT_TEXTS, "situation_basis", "situation", "focus_place", "promise_intro")
        + ("follow_up", "extension_note"),
    ),
    (
        "focusarea",
        "actionplans_focusarea",
        ("title", "problem", "cause_analysis", "effect_goal", "sub_goal"),
    ),
    ("measure", "actionplans_measure", ("description", "other_parties", "responsible_note")),
    ("promise", "pledges_promise", ("text", "other_parties", "responsible_note")),
    ("dialogue", "pledges_citizendialogue", ("town", "held_by", "raised")),
)


def statements(key: str, table: str, fields: tuple[str, ...]) -> list[str]:
    index = f"search_text_{key}"
    columns = ", ".join(fields)
    new = ", ".join(f"new.{f}" for f in fields)
    old = ", ".join(f"old.{f}" for f in fields)
    add = f"INSERT INTO {index} (rowid, {columns}) VALUES (new.id, {new});"
    remove = f"INSERT INTO {index} ({index}, rowid, {columns}) VALUES ('delete', old.id, {old});"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({columns}, content='{table}',"
        " content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE ON {table} BEGIN {remove} {add} END",
        f"INSERT INTO {index} ({index}) VALUES ('rebuild')",
    ]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for key, table, fields in INDEXES:
        for sql in statements(key, table, fields):
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for key, _table, _fields in INDEXES:
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS search_text_{key}_{event}")
        schema_editor.execute(f"DROP TABLE IF EXISTS search_text_{key}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_indexes"),
        ("actionplans", "0007_actionplan_actionplan_by_status"),
        ("agreements", "0007_agreement_agreement_by_status"),
        ("pledges", "0012_pledge_pledge_by_status"),
    ]

    operations = [migrations.RunPython(create, drop)]
