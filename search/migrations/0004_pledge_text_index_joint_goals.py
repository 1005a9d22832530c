"""On SQLite, a pledge's trigram index also holds its joint goals: the public search reads
them (public.selection.PUBLIC_FIELDS), and the index is asked first, so a word only there
was not found."""

from importlib import import_module

from django.db import migrations

first = import_module("search.migrations.0002_sqlite_text_index")
TABLE = "pledges_pledge"
BEFORE = next(fields for key, _table, fields in first.INDEXES if key == "pledge")


def make(fields):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER search_text_pledge_{event}")
        schema_editor.execute("DROP TABLE search_text_pledge")
        for sql in first.statements("pledge", TABLE, fields):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_text_index_models"),
        ("pledges", "0012_pledge_pledge_by_status"),
    ]

    operations = [migrations.RunPython(make((*BEFORE, "joint_goals")), make(BEFORE))]
