"""Full-text search on PostgreSQL: Swedish stemming, and hits found through the GIN indexes of
migration search/0001 rather than by reading every row. Skipped on SQLite."""

import itertools
from datetime import date

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.urls import reverse

from actionplans.models import ActionPlan, FocusArea, Measure
from agreements.models import Agreement
from pledges.models import Promise
from public import search as public_search
from safety_partnership.access import partnerships_for
from safety_partnership.models import Partnership
from search import query

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search and GIN indexes: PostgreSQL only"
)

WORDS = (
    "trygghet polisen kommunen skolan fritidsgården belysning trafiken cykelvägen ungdomar "
    "nattvandring kameror samverkan uppföljning bostadsområdet centrum föreningar klotter "
    "skadegörelse narkotika alkohol förebyggande insatser medborgare dialog lägesbild"
).split()


def test_a_word_finds_its_inflected_forms(client, coordinator):
    client.force_login(coordinator)
    promise = Promise.objects.get(text__startswith="Genomföra trygghetsvandringar")

    html = client.get(reverse("search"), {"q": "trygghetsvandring"}).content.decode()

    assert f"#{promise.anchor}" in html
    assert "<mark>trygghetsvandringar</mark>" in html


def test_the_forms_of_a_word_find_each_other(coordinator):
    # "åtgärdas" (the promise) and "åtgärder": the Swedish stemmer makes both "åtgärd".
    hits = list(query.search(coordinator, "åtgärder"))

    assert any(hit["s_kind"] == "promise" and "åtgärdas" in hit["s_body"] for hit in hits), hits


@pytest.fixture
def thousands_of_measures(mjolby):
    """A register at scale: 40 years of action plans of the partnership, 5 focus areas each
    with 20 measures, 4,000 measures of which eight speak of grannsamverkan; then ANALYZE, as
    autovacuum would after such growth, so that the planner knows the tables' sizes."""
    agreement = Agreement.objects.get()
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            agreement=agreement,
            partnership_id=agreement.partnership_id,
            title=f"Handlingsplan {1990 + n}",
            period_start=date(1990 + n, 1, 1),
            period_end=date(1990 + n, 12, 31),
        )
        for n in range(40)
    )
    areas = FocusArea.objects.bulk_create(
        FocusArea(plan=plan, position=n, title=f"Fokusområde {n}")
        for plan in plans
        for n in range(5)
    )
    words = itertools.cycle(WORDS)
    Measure.objects.bulk_create(
        Measure(
            focus_area=area,
            position=n,
            description=" ".join(itertools.islice(words, 12)),
            responsible="municipality",
        )
        for area in areas
        for n in range(20)
    )
    new = list(Measure.objects.order_by("-pk").values_list("pk", flat=True)[:4000])
    Measure.objects.filter(pk__in=new[::500]).update(
        description="Starta grannsamverkan i bostadsområdet"
    )
    with connection.cursor() as cursor:
        for model in (Partnership, Agreement, ActionPlan, FocusArea, Measure):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def plan_of(queryset) -> str:
    return queryset.explain()


def test_the_search_reads_the_stored_vectors_over_thousands_of_measures(
    thousands_of_measures, coordinator
):
    """A measure's vector is stored (public/migrations/0003): the search matches and ranks
    that column, through its GIN index or along the rows as the planner finds cheaper, and
    never makes the vectors anew from the texts."""
    readable = partnerships_for(coordinator).values("pk")

    measure = query.BY_KEY["measure"]
    measures = plan_of(query._hits_of(measure, "grannsamverkan", readable, everywhere=False))
    whole = plan_of(query.search(coordinator, "grannsamverkan"))

    for plan in (measures, whole):
        assert "vector_measure @@" in plan, plan
        assert "to_tsvector('swedish'::regconfig, (((COALESCE(actionplans_measure" not in plan
    assert len(list(query.search(coordinator, "grannsamverkan"))) >= 8


@pytest.mark.parametrize("target", query.TARGETS, ids=lambda t: t.key)
def test_each_kind_has_an_index_on_the_expression_it_is_searched_by(target, mjolby):
    """An expression index serves only a query on the same expression. The seed's few rows
    are read whole anyway, so sequential scans (and scans along another index) are turned
    off here, for this transaction only: if the kind's GIN index did not fit the search's
    expression, PostgreSQL would have no other way than a Seq Scan, and would do it anyway."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # nor a walk along another index
    hits = (
        target.model._default_manager.order_by()
        .alias(found=query.vector(target))
        .filter(found=SearchQuery("trygghet", config=query.CONFIG, search_type="websearch"))
        .values("pk")
    )

    plan = plan_of(hits)

    assert f"Bitmap Index Scan on search_{target.key}_swedish" in plan, plan


@pytest.mark.parametrize(
    "target, index",
    [
        (public_search.AREAS, "public_focusarea_swedish"),
        (public_search.PLEDGES, "public_pledge_swedish"),
        (public_search.REPORT_TEXTS, "public_reporttext_swedish"),
    ],
    ids=lambda value: getattr(value, "key", ""),
)
def test_each_public_kind_has_an_index_on_its_public_texts(target, index, mjolby):
    """As above, for the kinds only the public search has (public/migrations/0002)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    hits = query.matching(target.model._default_manager.order_by(), target, "trygghet")

    assert f"Bitmap Index Scan on {index}" in plan_of(hits.values("pk"))


def test_the_public_search_puts_the_best_match_first(mjolby):
    """Ranked by PostgreSQL's full-text rank across kinds: a measure that says 'kvarterskoll'
    three times before a focus area that says it once, though areas are asked first."""
    plan = ActionPlan.objects.create(
        partnership=Partnership.objects.get(),
        title="Handlingsplan 2031",
        period_start=date(2031, 1, 1),
        period_end=date(2031, 12, 31),
    )
    area = FocusArea.objects.create(
        plan=plan, position=1, title="Grannar", problem="Lite kvarterskoll behövs"
    )
    Measure.objects.create(
        focus_area=area,
        position=1,
        description="Kvarterskoll: kvarterskoll i varje kvarter, kvarterskoll varje vecka",
        responsible="police",
    )
    plan.status = "signed"  # registered as signed on paper
    plan.save()

    hits = public_search.find(public_search.Filters(text="kvarterskoll"))

    assert [hit.kind for hit in hits] == ["Åtgärd", "Fokusområde"]


@pytest.mark.django_db
def test_of_more_public_texts_than_are_ranked_the_newest_are(mjolby, monkeypatch):
    # A word in every municipality's texts: the best of the newest few are shown, not the
    # best of all of them ranked and sorted.
    from tests.public.test_public_search import signed_plan

    for code, first_year in (("9911", 2020), ("9912", 2024), ("9913", 2022)):
        signed_plan(mjolby, code, first_year, "Cykelstölder vid stationen")
    monkeypatch.setattr(public_search, "RANKED_PER_KIND", 2)

    hits = public_search.find(public_search.Filters(text="cykelstölder"))

    assert [hit.title.split(" ›")[0] for hit in hits] == [
        "Handlingsplan 2024",
        "Handlingsplan 2022",
    ]
