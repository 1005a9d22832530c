"""GIN indexes for the full-text search, on PostgreSQL only (SQLite has no GIN; the search
there matches words without an index, see search/query.py).

Each index is on the very expression the search filters with, `query.vector(target)`:
SearchVector(<the kind's texts>, config="swedish"), i.e. to_tsvector('swedish', coalesce(…)
|| ' ' || …). The planner uses an expression index only for the same expression, so the
fields are written out here as the search has them: a change to a kind's texts in
search/query.py needs a new migration that makes its index again (tests/search/
test_search_postgres.py EXPLAINs the search of every kind and fails otherwise).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

DOCUMENT_TEXTS = ("title", "diary_number", "introduction")
INDEXES = {
    # (app, model): (index name, the texts searched, in order)
    ("agreements", "Agreement"): (
        "search_agreement_swedish",
        (*DOCUMENT_TEXTS, "overall_goal", "sub_goals", "commitments", "leadership_meetings")
        + ("follow_up",),
    ),
    ("actionplans", "ActionPlan"): (
        "search_actionplan_swedish",
        (*DOCUMENT_TEXTS, "purpose", "validity", "follow_up"),
    ),
    ("pledges", "Pledge"): (
        "search_pledge_swedish",
        (*DOCUMENT_TEXTS, "situation_basis", "situation", "focus_place", "promise_intro")
        + ("follow_up", "extension_note"),
    ),
    ("actionplans", "FocusArea"): (
        "search_focusarea_swedish",
        ("title", "problem", "cause_analysis", "effect_goal", "sub_goal"),
    ),
    ("actionplans", "Measure"): (
        "search_measure_swedish",
        ("description", "other_parties", "responsible_note"),
    ),
    ("pledges", "Promise"): (
        "search_promise_swedish",
        ("text", "other_parties", "responsible_note"),
    ),
    ("pledges", "CitizenDialogue"): (
        "search_dialogue_swedish",
        ("town", "held_by", "raised"),
    ),
}


def _indexes(apps):
    for (app, model), (name, fields) in INDEXES.items():
        index = GinIndex(SearchVector(*fields, config="swedish"), name=name)
        yield apps.get_model(app, model), index


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0004_history_change_reason_text"),
        ("actionplans", "0004_history_change_reason_text"),
        ("pledges", "0009_history_change_reason_text"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
