"""The public search and theme overview: published texts only, filters, no session."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import ActionPlan, FocusArea, Measure
from pledges.models import Pledge
from public import search as public_search
from public.models import InternalMark
from safety_partnership.models import Partnership
from tests.conftest import make_municipality
from tests.public.test_public_pages import MARK, marked, signed_plan_in  # noqa: F401 - a fixture

SEARCH = "/kommuner/sok/"


def get(url: str, **params) -> str:
    response = Client().get(url, params)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    return response.content.decode()


@pytest.mark.django_db
def test_mjolbys_pledge_and_plan_are_found_by_a_word(mjolby):
    html = get(SEARCH, q="trygghetsvandringar")

    assert "Mjölby kommun" in html
    assert "<mark>trygghetsvandringar</mark>" in html
    assert 'href="/kommuner/0586-mjolby-kommun/' in html


@pytest.mark.django_db
def test_a_word_finds_other_forms_of_it(mjolby):
    assert "<mark>" in get(SEARCH, q="trygghetsvandring")


@pytest.mark.django_db
def test_an_empty_search_shows_the_filters_and_help(mjolby):
    html = get(SEARCH)

    assert 'name="lan"' in html and 'name="region"' in html and 'name="tema"' in html
    assert "Östergötlands län" in html and "Region Öst" in html
    assert "Skriv ett eller flera ord" in html
    assert "<mark>" not in html


@pytest.mark.django_db
def test_the_filters_narrow_the_hits(mjolby):
    region = mjolby.police_area.region
    assert "Mjölby kommun" in get(SEARCH, q="trygghetsvandringar", lan="05")
    assert "Mjölby kommun" not in get(SEARCH, q="trygghetsvandringar", lan="12")
    assert "Mjölby kommun" in get(SEARCH, q="trygghetsvandringar", region=region)
    other = "syd" if region != "syd" else "nord"
    assert "Mjölby kommun" not in get(SEARCH, q="trygghetsvandringar", region=other)
    assert "Mjölby kommun" not in get(SEARCH, q="trygghetsvandringar", ar="2001")


@pytest.mark.django_db
def test_bad_filters_are_explained_in_swedish(mjolby):
    html = get(SEARCH, q="trygghetsvandringar", lan="99", ar="tjugo", tema="okänt")

    assert "Länet finns inte" in html
    assert "Skriv året med fyra siffror" in html
    assert "Temat finns inte" in html


@pytest.mark.django_db
def test_a_theme_finds_mjolby_and_the_list_counts(mjolby):
    html = get("/kommuner/teman/")
    assert "Trafik" in html and "Våldsbejakande extremism" in html

    html = get("/kommuner/teman/trygghet/")
    assert "Mjölby kommun" in html
    assert "Vad som lovades och planerades" in html and "Hur det gick" in html
    assert Client().get("/kommuner/teman/inget-sadant/").status_code == 404


@pytest.mark.django_db
def test_how_it_went_shows_the_status_and_citizen_text(marked):  # noqa: F811
    html = get("/kommuner/teman/inbrott/", ar="2025")  # nothing about patrols in that theme
    assert "Polisen har patrullerat" not in html

    html = get(SEARCH, q="patrullerat", ar="2025")
    assert "Polisen har <mark>patrullerat</mark> varje fredag" in html
    assert "Genomförd" in html or "Status" in html


@pytest.mark.django_db
def test_drafts_internal_measures_and_working_notes_are_never_found(marked):  # noqa: F811
    InternalMark.objects.create(row=marked["hidden"])
    for word in (MARK, f"{MARK}-measure", f"{MARK}-draft-measure", f"{MARK}-promise-done"):
        html = get(SEARCH, q=word)
        assert MARK not in html.replace(f'value="{word}"', ""), word
        assert "Inget hittades" in html


@pytest.mark.django_db
def test_marking_a_measure_internal_takes_it_out_of_the_search(marked):  # noqa: F811
    assert "Fotpatrullering" in get(SEARCH, q="fotpatrullering")

    InternalMark.objects.create(row=marked["shown"])

    assert "Fotpatrullering" not in get(SEARCH, q="fotpatrullering")


def count_queries(url: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(url, **params)
    return len(captured)


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_hits(mjolby, marked):  # noqa: F811
    urls = (
        (SEARCH, {"q": "patrullering"}),
        ("/kommuner/teman/", {}),
        ("/kommuner/teman/trafik/", {}),
    )
    for url, params in urls:
        count_queries(url, **params)  # content types cached
    before = [count_queries(url, **params) for url, params in urls]
    # More signed plans elsewhere, with measures that the search finds.
    for name, code in (("Andra kommun", "9903"), ("Tredje kommun", "1280")):
        other = Partnership.objects.create(
            municipality=make_municipality(name, code), police_area=mjolby.police_area
        )
        plan = ActionPlan.objects.create(
            partnership=other,
            title="Plan",
            period_start=date(2025, 1, 1),
            period_end=date(2026, 12, 31),
        )
        focus = FocusArea.objects.create(plan=plan, position=1, title="Trafik")
        for n in range(3):
            Measure.objects.create(
                focus_area=focus,
                position=n + 1,
                description=f"Patrullering trafik {n}",
                responsible="police",
            )
        plan.status = "signed"  # as a plan signed on paper and registered as such
        plan.save()
    after = [count_queries(url, **params) for url, params in urls]

    assert after == before
    assert get(SEARCH, q="patrullering").count("Tredje kommun") == 3


@pytest.mark.django_db
def test_the_coordinator_sees_partnerships_with_similar_focus_areas(
    mjolby,
    marked,  # noqa: F811 - a signed plan in Markeringe with the focus area "Trafiken"
    coordinator,
    police_chief,
):
    # A municipality whose only plan on traffic is a draft: not public, not listed.
    draft = ActionPlan.objects.create(
        partnership=Partnership.objects.create(
            municipality=make_municipality("Utkastby kommun", "9905"),
            police_area=mjolby.police_area,
        ),
        title="Plan",
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
    )
    FocusArea.objects.create(plan=draft, position=1, title="Trafiksäkerhet")
    plan = ActionPlan.objects.get(partnership=mjolby, status="signed")
    client = Client()
    client.force_login(coordinator)

    html = client.get(plan.get_absolute_url()).content.decode()

    assert "Liknande samverkan" in html
    assert 'href="/kommuner/9901-markeringe-kommun/"' in html
    assert "Trafik" in html.split("Liknande samverkan")[1]
    assert "Utkastby" not in html
    assert MARK not in html.split("Liknande samverkan")[1]

    client.force_login(police_chief)  # a reader, not the plan's coordinator
    assert "Liknande samverkan" not in client.get(plan.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_focus_areas_and_a_pledges_situation_are_found_but_not_what_is_not_public(marked):  # noqa: F811
    plan = ActionPlan.objects.create(
        partnership=marked["plan"].partnership,
        title="Handlingsplan 2028–2030",
        period_start=date(2028, 1, 1),
        period_end=date(2030, 12, 31),
    )
    # The cause analysis is not shown publicly: it must not make the area found either.
    area = FocusArea.objects.create(
        plan=plan,
        position=1,
        title="Mopeder",
        problem="Buskörning i centrum",
        cause_analysis="Orsaken är hemlighetsmakeri",
    )
    plan.status = "signed"  # registered as signed on paper
    plan.save()
    plan_url = f"/kommuner/9901-markeringe-kommun/handlingsplaner/{plan.pk}/"

    by_problem = get(SEARCH, q="buskörning")
    by_situation = get(SEARCH, q="stationen")

    assert "Fokusområde" in by_problem and f'href="{plan_url}#fokusomrade-{area.pk}"' in by_problem
    assert "Medborgarlöfte" in by_situation and "<mark>stationen</mark>" in by_situation
    assert "Inget hittades" in get(SEARCH, q="hemlighetsmakeri")


@pytest.mark.django_db
def test_a_signed_plan_has_a_page_and_an_earlier_one_is_listed(marked):  # noqa: F811
    later = ActionPlan.objects.create(
        partnership=marked["plan"].partnership,
        title="Handlingsplan 2028–2030",
        period_start=date(2028, 1, 1),
        period_end=date(2030, 12, 31),
        status="signed",  # registered as signed on paper
    )
    slug = "/kommuner/9901-markeringe-kommun/"

    page = get(slug)
    plan_page = get(f"{slug}handlingsplaner/{marked['plan'].pk}/")

    assert f'href="{slug}handlingsplaner/{later.pk}/"' in page
    assert "Tidigare handlingsplaner" in page
    assert f'href="{slug}handlingsplaner/{marked["plan"].pk}/"' in page
    assert "Trafiken" in plan_page and "Fotpatrullering" in plan_page
    assert "Polly Chef, Lokalpolisområdeschef" in plan_page
    missing = Client().get(f"{slug}handlingsplaner/{marked['draft'].pk}/")
    assert missing.status_code == 404


@pytest.mark.django_db
def test_the_theme_list_counts_what_each_theme_finds(marked):  # noqa: F811
    from public import search, themes

    counts = search.theme_counts(themes.THEMES)

    for theme, counted in zip(themes.THEMES, counts, strict=True):
        found = sum(
            search._found(kind, search.Filters(theme=theme)).count() for kind in search.KINDS
        )
        assert counted == found, theme.slug
    assert sum(counts) > 0


@pytest.mark.django_db
def test_a_plan_that_ended_years_ago_is_not_compared(mjolby, coordinator):
    old = ActionPlan.objects.create(
        partnership=Partnership.objects.create(
            municipality=make_municipality("Förrby kommun", "9906"),
            police_area=mjolby.police_area,
        ),
        title="Plan 2010–2012",
        period_start=date(2010, 1, 1),
        period_end=date(2012, 12, 31),
    )
    FocusArea.objects.create(plan=old, position=1, title="Trafiksäkerhet")
    old.status = "signed"  # registered as signed on paper
    old.save()
    plan = ActionPlan.objects.get(partnership=mjolby, status="signed")
    client = Client()
    client.force_login(coordinator)

    assert "Förrby" not in client.get(plan.get_absolute_url()).content.decode()


def signed_measures(mjolby, descriptions: list[str]) -> None:
    """A plan of another municipality with these measures, signed (as on paper)."""
    other = Partnership.objects.create(
        municipality=make_municipality("Fjärde kommun", "9905"), police_area=mjolby.police_area
    )
    plan = ActionPlan.objects.create(
        partnership=other,
        title="Plan",
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
    )
    focus = FocusArea.objects.create(plan=plan, position=1, title="Grannskap")
    for position, description in enumerate(descriptions, 1):
        Measure.objects.create(
            focus_area=focus, position=position, description=description, responsible="police"
        )
    plan.status = "signed"
    plan.save()


@pytest.mark.django_db
def test_words_in_capitals_and_with_a_ring_and_dots_are_found_as_written(mjolby):
    # Mjölby's focus area "Tillgreppsbrott": its problem names "Tillgreppsbrotten".
    for word in ("TILLGREPPSBROTT", "tillgreppsbrotten", "TiLlGrEpPsBrOtT"):
        assert "<mark>Tillgreppsbrott" in get(SEARCH, q=word), word
    signed_measures(mjolby, ["Förebygga ÅTERFALL i Östra stan"])
    assert "<mark>ÅTERFALL</mark>" in get(SEARCH, q="återfall")
    assert "<mark>Östra</mark>" in get(SEARCH, q="ÖSTRA")
    assert "<mark>" not in get(SEARCH, q="ostra")  # an o is not an ö
    assert "<mark>" not in get(SEARCH, q="aterfall")


@pytest.mark.django_db
def test_hits_come_twenty_a_page_and_a_bad_page_number_shows_the_first_or_last(mjolby):
    signed_measures(mjolby, [f"Kvarterspatrull {number:02}" for number in range(25)])

    first = get(SEARCH, q="kvarterspatrull")
    assert "25 träffar" in first and "Sida 1 av 2" in first
    assert first.count("<mark>Kvarterspatrull</mark>") == 20
    assert '<a href="?q=kvarterspatrull&amp;sida=2" rel="next">Nästa sida</a>' in first
    second = get(SEARCH, q="kvarterspatrull", sida="2")
    assert second.count("<mark>Kvarterspatrull</mark>") == 5
    assert '<ol class="public-list" start="21">' in second
    assert "</mark> 24" in second and "</mark> 00" in first and "</mark> 20" not in first
    assert get(SEARCH, q="kvarterspatrull", sida="två") == first
    assert get(SEARCH, q="kvarterspatrull", sida="-1") == second
    assert get(SEARCH, q="kvarterspatrull", sida="9999999999999999") == second
    # Each page asks as many queries.
    assert count_queries(SEARCH, q="kvarterspatrull") == count_queries(
        SEARCH, q="kvarterspatrull", sida="2"
    )


def signed_plan(mjolby, code: str, first_year: int, area: str) -> ActionPlan:
    """A plan of its own municipality with one focus area, signed (as on paper)."""
    title = f"Handlingsplan {first_year}"
    return signed_plan_in(
        f"Kommun {code}", code, mjolby.police_area, first_year, title, areas=(area,)
    )


@pytest.mark.django_db
def test_of_more_hits_than_are_kept_the_newest_documents_are_shown(mjolby, monkeypatch):
    for code, first_year in (("9911", 2020), ("9912", 2024), ("9913", 2022)):
        signed_plan(mjolby, code, first_year, "Cykelstölder vid stationen")
    monkeypatch.setattr(public_search, "PER_KIND", 2)

    html = get(SEARCH, q="cykelstölder")

    assert "2 träffar" in html
    assert html.index("Handlingsplan 2024") < html.index("Handlingsplan 2022")
    assert "Handlingsplan 2020" not in html


@pytest.mark.django_db
def test_a_word_only_in_a_pledges_joint_goals_is_found(mjolby):
    other = Partnership.objects.create(
        municipality=make_municipality("Femte kommun", "9906"), police_area=mjolby.police_area
    )
    pledge = Pledge.objects.create(
        partnership=other,
        title="Medborgarlöfte 2025",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        joint_goals="Färre inbrott i Kvarnbacken",
    )
    pledge.status = "signed"  # as a pledge signed on paper and registered as such
    pledge.save()

    html = get(SEARCH, q="kvarnbacken")

    assert "1 träff" in html and "Femte kommun" in html
    assert "<mark>Kvarnbacken</mark>" in html


@pytest.mark.django_db
def test_every_hits_link_opens_its_public_page(mjolby):
    pledge = Pledge.objects.get(partnership=mjolby, status="signed")
    html = get(SEARCH, q="trygghet")
    hits = html.partition('<ol class="public-list"')[2].partition("</ol>")[0]
    links = re.findall(r'<a href="([^"]+)">', hits)

    assert reverse("public:pledge", args=["0586-mjolby-kommun", pledge.pk]) in links
    assert any("/handlingsplaner/" in link for link in links)
    for link in links:
        assert Client().get(link.partition("#")[0]).status_code == 200, link
