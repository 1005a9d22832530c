"""On SQLite the search reads each kind's trigram index (search/migrations/0002) instead of
every text: the index must follow every write, and the query must go through it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import Measure
from search import query
from search.query import TARGETS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's trigram index only"),
]


def hits(client, text: str) -> str:
    response = client.get(reverse("search"), {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def test_the_index_follows_an_edit_a_new_row_and_a_delete(client, coordinator, draft_plan):
    client.force_login(coordinator)
    measure = Measure.objects.filter(focus_area__plan=draft_plan).first()
    measure.description = "Kvarterspromenader med Skäggetorps fritidsgård"
    measure.save()
    assert "<mark>Skäggetorps</mark>" in hits(client, "skäggetorps")

    measure.description = "Ronder på torget"
    measure.save()
    assert "Skäggetorps" not in hits(client, "skäggetorps")  # the old words are gone
    assert "<mark>Ronder</mark>" in hits(client, "RONDER")

    added = Measure.objects.create(
        focus_area=measure.focus_area, position=99, description="Örnvakt"
    )
    assert "<mark>Örnvakt</mark>" in hits(client, "örnvakt")
    added.delete()
    assert "Örnvakt" not in hits(client, "örnvakt")


def test_a_short_word_is_found_without_the_index(client, coordinator, draft_plan):
    client.force_login(coordinator)
    measure = Measure.objects.filter(focus_area__plan=draft_plan).first()
    measure.description = "Ett nytt ö i planen"
    measure.save()
    assert "Ett nytt <mark>ö</mark>" in hits(client, "ö")


def test_every_kind_is_searched_through_its_index(coordinator):
    text = "trygghetsvandring"
    for target in TARGETS:
        rows = query.matching(target.model._default_manager.all(), target, text)
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "VIRTUAL TABLE INDEX" in plan and f"search_text_{target.key}" in plan, plan


def test_the_public_search_walks_each_index_newest_first_and_sorts_nothing(mjolby):
    # A word in every municipality's texts must not make every row that holds it read and
    # sorted: each kind's query starts from its index, in the index's order, up to a limit.
    with CaptureQueriesContext(connection) as captured:
        assert Client().get("/kommuner/sok/", {"q": "trygghet"}).status_code == 200
    searched = [query["sql"] for query in captured if "MATCH" in query["sql"]]
    assert len(searched) == 4  # focus areas, measures, pledges, promises
    with connection.cursor() as cursor:
        for sql in searched:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = [row[3] for row in cursor.fetchall()]
            assert plan[0].startswith("SCAN search_text_"), plan
            assert not any("ORDER BY" in step for step in plan), plan
            assert "LIMIT 50" in sql
