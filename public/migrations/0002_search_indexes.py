"""GIN indexes for the public search's own kinds, on PostgreSQL only, as
search/migrations/0001_search_indexes.py does for the signed-in search: each on the very
expression public/search.py filters with (SearchVector of the public texts, "swedish"), so a
change to those texts needs a new migration that makes the index again."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {
    # (app, model): (index name, the public texts searched, in order)
    ("actionplans", "FocusArea"): ("public_focusarea_swedish", ("title", "problem", "effect_goal")),
    ("pledges", "Pledge"): (
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
    ("pledges", "PromiseReport"): ("public_reporttext_swedish", ("citizen_text",)),
}


def _indexes(apps):
    for (app, model), (name, fields) in INDEXES.items():
        yield apps.get_model(app, model), GinIndex(SearchVector(*fields, config="swedish"), name=name)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_initial"),
        ("actionplans", "0006_plan_partnership_required"),
        ("pledges", "0011_pledge_reports"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
