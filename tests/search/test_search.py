"""The search box: what a user finds, where the hit is said to be and where it links, on
SQLite and PostgreSQL alike (test_search_postgres.py adds stemming and the indexes)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import ActionPlan, FocusArea, Measure
from agreements.models import Agreement
from pledges.models import CitizenDialogue, Pledge, Promise
from search import query
from search.query import stem

GRANNSAMVERKAN = "Medverka till spridande av grannsamverkan."


def found(client, text: str, **params) -> str:
    response = client.get(reverse("search"), {"q": text, **params})
    assert response.status_code == 200
    return response.content.decode()


def links(html: str) -> list[str]:
    hits = html.split('<ol class="search-hits"', 1)
    return (
        re.findall(r'<h2 class="search-hit__title"><a href="([^"]+)">', hits[-1])
        if len(hits) > 1
        else []
    )


def labels(html: str) -> list[str]:
    return re.findall(r'<h2 class="search-hit__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_header_has_a_labelled_search_box(as_coordinator):
    html = as_coordinator.get(reverse("home")).content.decode()

    assert '<form class="site-header__search" role="search" method="get" action="/sok/">' in html
    assert '<label for="sok">Sök</label>' in html


def test_the_coordinator_finds_the_grannsamverkan_measure_in_its_plan_and_area(as_coordinator):
    measure = Measure.objects.get(description=GRANNSAMVERKAN)
    plan = measure.focus_area.plan

    html = found(as_coordinator, "grannsamverkan")

    assert f"{plan.get_absolute_url()}#atgard-{measure.pk}" in links(html)
    assert f"Åtgärd i {plan.title} › {measure.focus_area.title}" in labels(html)
    assert "Medverka till spridande av <mark>grannsamverkan</mark>." in html
    # The link leads to the plan's page, where the row has that anchor.
    page = as_coordinator.get(plan.get_absolute_url()).content.decode()
    assert f'<tr id="atgard-{measure.pk}"' in page


def test_every_kind_links_to_its_page_and_row(as_coordinator):
    area = FocusArea.objects.get(title="Trafikmiljön")
    promise = Promise.objects.get(text__startswith="Genomföra trygghetsvandringar")
    dialogue = CitizenDialogue.objects.create(
        partnership=Pledge.objects.get().partnership, year=2019, town="Skänninge"
    )
    plan, pledge, agreement = (
        ActionPlan.objects.get(),
        Pledge.objects.get(),
        Agreement.objects.get(),
    )

    assert f"{plan.get_absolute_url()}#fokusomrade-{area.pk}" in links(
        found(as_coordinator, "Trafikmiljön")
    )
    assert f"{pledge.get_absolute_url()}#lofte-{promise.pk}" in links(
        found(as_coordinator, "trygghetsvandringar representanter")
    )
    assert dialogue.get_absolute_url() in links(found(as_coordinator, "Skänninge"))
    assert f"Medborgardialog {dialogue.year}, Skänninge" in labels(
        found(as_coordinator, "skänninge")
    )
    assert plan.get_absolute_url() in links(found(as_coordinator, plan.title))
    assert pledge.get_absolute_url() in links(found(as_coordinator, pledge.title))
    assert agreement.get_absolute_url() in links(found(as_coordinator, agreement.diary_number))


def test_words_in_capitals_with_a_ring_and_dots_are_found(as_coordinator):
    html = found(as_coordinator, "TRYGGHETSVANDRINGAR")
    assert "<mark>trygghetsvandringar</mark>" in html
    assert Promise.objects.get(text__startswith="Genomföra trygghetsvandringar").anchor in html

    html = found(as_coordinator, "ÖVERENSKOMMELSE")
    assert Agreement.objects.get().get_absolute_url() in links(html)
    assert re.search(r"<mark>\w*överenskommelse\w*</mark>", html, re.IGNORECASE)


def test_every_word_must_be_found(as_coordinator):
    assert links(found(as_coordinator, "grannsamverkan spridande"))
    assert links(found(as_coordinator, "grannsamverkan xylofonorkester")) == []
    assert "0 träffar för ”grannsamverkan xylofonorkester”." in found(
        as_coordinator, "grannsamverkan xylofonorkester"
    )


@pytest.mark.parametrize("persona", ["other_area", "other_coordinator", "inactive"])
def test_who_may_not_read_mjolby_finds_nothing_of_it(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    for text in ["grannsamverkan", "Mjölby", "Trafikmiljön", "trygghetsvandringar"]:
        html = found(client, text)
        assert links(html) == [], (persona, text)
        assert "Mjölby" not in html.split("<main", 1)[1].replace(f"”{text}”", ""), (persona, text)


def test_the_police_chief_of_the_area_finds_mjolby(client, police_chief):
    client.force_login(police_chief)

    html = found(client, "grannsamverkan")

    assert links(html)
    assert "Åtgärd · Mjölby kommun · Undertecknad" in html


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("search"), {"q": "grannsamverkan"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Skriv ett eller flera ord att söka efter."),
        ("   ", "Skriv ett eller flera ord att söka efter."),
        ("!?–", "Skriv ett eller flera ord att söka efter."),
        ("trygghet " * 30, "Sökningen är för lång: skriv högst 200 tecken"),
    ],
)
def test_an_empty_or_too_long_query_is_answered_in_swedish(as_coordinator, text, message):
    html = found(as_coordinator, text)

    assert message in html
    assert links(html) == []


def test_the_snippet_escapes_the_text_and_marks_every_word(draft_plan, as_coordinator):
    area = draft_plan.focus_areas.order_by("position").first()
    Measure.objects.create(
        focus_area=area,
        position=99,
        description="Före <script>alert(1)</script> grannsamverkan och GRANNSAMVERKAN igen",
        responsible="police",
    )

    html = found(as_coordinator, "grannsamverkan")

    assert "<script>alert(1)" not in html
    assert (
        "Före &lt;script&gt;alert(1)&lt;/script&gt; <mark>grannsamverkan</mark> och "
        "<mark>GRANNSAMVERKAN</mark> igen" in html
    )


def test_a_long_text_is_cut_around_the_hit():
    body = " ".join(["ord"] * 200 + ["grannsamverkan"] + ["mer"] * 200)

    piece = str(query.snippet(body, "grannsamverkan"))

    assert piece.startswith("… ") and piece.endswith(" …")
    assert "<mark>grannsamverkan</mark>" in piece
    assert len(piece) < query.SNIPPET_CHARS + 40


def test_hits_come_fifty_a_page(draft_plan, as_coordinator):
    area = draft_plan.focus_areas.order_by("position").first()
    Measure.objects.bulk_create(
        Measure(
            focus_area=area,
            position=100 + i,
            description=f"Kameraövervakning {i}",
            responsible="police",
        )
        for i in range(60)
    )

    first = found(as_coordinator, "kameraövervakning")
    second = found(as_coordinator, "kameraövervakning", sida=2)

    assert "60 träffar för ”kameraövervakning”." in first
    assert len(links(first)) == 50 and len(links(second)) == 10
    assert set(links(first)).isdisjoint(links(second))
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_the_number_of_queries_does_not_grow_with_the_hits(
    draft_plan, draft_pledge, as_coordinator
):
    def queries(text: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            found(as_coordinator, text)
        return len(captured)

    few = queries("grannsamverkan")
    area = draft_plan.focus_areas.order_by("position").first()
    Measure.objects.bulk_create(
        Measure(
            focus_area=area,
            position=100 + i,
            description=f"grannsamverkan {i}",
            responsible="police",
        )
        for i in range(80)
    )
    Promise.objects.bulk_create(
        Promise(
            pledge=draft_pledge, position=100 + i, text="Mer grannsamverkan", responsible="police"
        )
        for i in range(20)
    )
    CitizenDialogue.objects.create(
        partnership=draft_pledge.partnership, year=2019, raised="Grannsamverkan"
    )

    assert queries("grannsamverkan") == few
    # The session, the user and the person, then one count and one page of hits of all kinds.
    assert few == 5


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("trygghetsvandringar", "trygghetsvandring"),
        ("grannsamverkan", "grannsamverkan"),
        ("polisen", "polis"),
        ("åtgärder", "åtgärd"),
        ("bilar", "bilar"),  # too little would be left
    ],
)
def test_the_sqlite_stem_strips_a_common_ending(word, expected):
    assert stem(word) == expected


def test_a_plan_without_an_agreement_is_found_with_its_areas_and_measures(
    as_coordinator, draft_plan
):
    """A plan belongs to its partnership with or without an agreement (a district plan)."""
    ActionPlan.objects.filter(pk=draft_plan.pk).update(
        agreement=None, purpose="Distriktsplan för Skänninge"
    )
    area = draft_plan.focus_areas.order_by("position").first()
    FocusArea.objects.filter(pk=area.pk).update(problem="Mopedbuskörning vid torget")
    Measure.objects.filter(pk=area.measures.first().pk).update(description="Cykelpatrull Skänninge")

    assert draft_plan.get_absolute_url() in links(found(as_coordinator, "distriktsplan"))
    assert any(
        url.startswith(draft_plan.get_absolute_url())
        for url in links(found(as_coordinator, "mopedbuskörning"))
    )
    assert any(
        url.startswith(draft_plan.get_absolute_url())
        for url in links(found(as_coordinator, "cykelpatrull"))
    )


@pytest.mark.parametrize(
    ("part", "pattern"),
    [
        ("tryggh", "%tryggh%"),  # every letter kept: LIKE alone decides
        ("återfall", "%_terfall%"),  # å is any one letter, the regular expression decides
        ("tillgreppsbrott", "%t_llgrepp_brott%"),  # i and s: also ı, İ and ſ in Python
        ("kvarter_2", "%_varter_2%"),  # k: also the Kelvin sign; _ is any one character
    ],
)
def test_the_sqlite_prefilter_keeps_only_letters_that_fold_as_in_python(part, pattern):
    assert query.like_pattern(part) == pattern
