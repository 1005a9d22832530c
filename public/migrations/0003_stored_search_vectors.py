"""On PostgreSQL, the search vectors of the kinds the public search ranks are stored in a
generated column of their table (`vector_<key>`), with the GIN index that was on the
expression now on the column, under the same name. A search then reads each hit's vector
instead of making it anew from the texts, twice (to match and to rank): for a word found in
every municipality's pledge that is most of the search's time. SQLite gets nothing here (it
has its trigram indexes, search/migrations/0002).

The columns are PostgreSQL's own: the models do not name them, Django never writes them, and
search/query.py reads them through StoredVector. Each is made of the same texts, in the same
order, as its kind's Target (search/query.py, public/search.py); a change there needs a
migration that makes the column again.
"""

from django.db import migrations

# (table, search key, the index's name, the texts searched)
STORED = (
    (
        "actionplans_measure",
        "measure",
        "search_measure_swedish",
        ("description", "other_parties", "responsible_note"),
    ),
    (
        "pledges_promise",
        "promise",
        "search_promise_swedish",
        ("text", "other_parties", "responsible_note"),
    ),
    (
        "actionplans_focusarea",
        "publicarea",
        "public_focusarea_swedish",
        ("title", "problem", "effect_goal"),
    ),
    (
        "pledges_pledge",
        "publicpledge",
        "public_pledge_swedish",
        (
            "title",
            "introduction",
            "situation",
            "focus_place",
            "joint_goals",
            "promise_intro",
            "follow_up",
        ),
    ),
    ("pledges_promisereport", "reporttext", "public_reporttext_swedish", ("citizen_text",)),
)


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, key, index, fields in STORED:
        # As SearchVector(*fields, config="swedish") writes it, so that ranks stay the same.
        texts = " || ' ' || ".join(f"COALESCE({field}::text, '')" for field in fields)
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN vector_{key} tsvector GENERATED ALWAYS AS"
            f" (to_tsvector('swedish'::regconfig, {texts})) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (vector_{key})")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, key, index, fields in STORED:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN vector_{key}")  # and its index
        texts = " || ' ' || ".join(f"COALESCE({field}::text, '')" for field in fields)
        schema_editor.execute(
            f"CREATE INDEX {index} ON {table} USING gin"
            f" (to_tsvector('swedish'::regconfig, {texts}))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0002_search_indexes"),
        ("search", "0002_sqlite_text_index"),
    ]

    operations = [migrations.RunPython(add, remove)]
