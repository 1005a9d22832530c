"""The follow-up's charts: the picture says what the table beside it says, and is readable
without colour; the plan's overview and the tertial page show them, in the same number of
queries however large the plan; the tertial report PDF prints them for those who may read."""

import io
import re
from datetime import UTC, date, datetime
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actionplans.models import ActionPlan, FocusArea, Measure
from followup import charts
from followup.models import MeasureReport, TertialCompilation
from followup.tertials import Tertial
from safety_partnership import triggers
from safety_partnership.services import copy_document
from tests.pdf_samples import frozen_clock

T1_2018, T2_2018 = Tertial(2018, 1), Tertial(2018, 2)
STATUS_NAMES = ["Ej påbörjad", "Pågår", "Genomförd", "Stoppad/ändrad", "Ej rapporterad"]


class Figures(HTMLParser):
    """Per chart (figure id): its segments' numbers {(row, status or kind): number} and its
    table {(row, column heading): cell}."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.drawn: dict[str, dict] = {}
        self.table: dict[str, dict] = {}
        self.patterns: dict[str, list[str]] = {}
        self.figure = ""
        self.cell: list[str] | None = None
        self.headers: list[str] = []
        self.row: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and "chart" in (a.get("class") or ""):
            self.figure = a["id"]
            self.drawn[self.figure], self.table[self.figure] = {}, {}
            self.patterns[self.figure], self.headers = [], []
        elif not self.figure:
            return
        elif tag == "pattern":
            self.patterns[self.figure].append(a["id"])
        elif "data-row" in a:
            what = a.get("data-status") or a.get("data-kind")
            self.drawn[self.figure][(a["data-row"], what)] = a.get("data-count") or a["data-value"]
        elif tag in ("th", "td"):
            self.cell = []
        elif tag == "tr":
            self.row = []

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag):
        if not self.figure:
            return
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(unescape("".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr":
            if not self.headers:
                self.headers = self.row
            else:
                for heading, value in zip(self.headers[1:], self.row[1:], strict=True):
                    self.table[self.figure][(self.row[0], heading)] = value
        elif tag == "figure":
            self.figure = ""


def chart_html(chart: charts.Chart) -> str:
    from django.template.loader import render_to_string

    return render_to_string("followup/chart.html", {"chart": chart})


# The target chart's markers by the table's column they show.
KINDS = {"baseline": "Utgångsläge", "target": "Mål", "measured": "Uppmätt"}


def drawn_equals_table(figures: Figures, key: str, columns: list[str]) -> None:
    """Every number drawn is the table's, and every number of the table's columns but "0" and
    "–" is drawn."""
    drawn = {(row, KINDS.get(c, c)): value for (row, c), value in figures.drawn[key].items()}
    table = figures.table[key]
    assert drawn, f"nothing drawn in {key}"
    for (row, column), value in drawn.items():
        assert table[(row, column)] == value, (row, column)
    for (row, column), value in table.items():
        if column in columns and value not in ("0", "–"):
            assert drawn[(row, column)] == value, (row, column)


def test_status_bars_draw_the_numbers_of_their_table_with_patterns_and_labels():
    rows = [
        ("Trafikmiljön", {"done": 2, "ongoing": 1, "": 3}),
        ("Droger/ANDT <&>", {"stopped": 1, "not_started": 4}),
    ]
    one = charts.status_bars("a", "Åtgärder per status", "Fokusområde", rows)
    other = charts.status_bars("b", "Åtgärder per status", "Fokusområde", rows)
    figures = Figures(chart_html(one) + chart_html(other))

    drawn_equals_table(figures, "a", STATUS_NAMES)
    assert figures.table["a"][("Trafikmiljön", "Totalt")] == "6"
    assert figures.table["a"][("Droger/ANDT <&>", "Ej påbörjad")] == "4"
    # Not colour alone: a pattern per status, a legend naming each, the numbers as text.
    assert len(set(figures.patterns["a"])) == 5
    assert not set(figures.patterns["a"]) & set(figures.patterns["b"])  # ids unique per page
    svg = str(one.svg)
    assert all(name in svg for name in STATUS_NAMES)
    assert 'font-weight="bold">3</text>' in svg and 'font-weight="bold">4</text>' in svg
    assert 'role="img"' in svg and '<title id="a-title">' in svg and "<desc" in svg


def contrast_on_white(colour: str) -> float:
    """WCAG's contrast ratio of a #rrggbb colour against white."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_colour_drawn_has_3_to_1_contrast_on_white():
    svg = str(charts.status_bars("c", "T", "Rad", [("A", {"done": 1})]).svg)
    svg += str(charts.target_bars("d", "T", [("A", "st", 1, 2, 3)]).svg)
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', svg)) - {"#ffffff"}

    assert len(colours) >= 5
    assert {c: round(contrast_on_white(c), 1) for c in colours if contrast_on_white(c) < 3} == {}


def test_target_bars_draw_baseline_target_and_measured_as_their_table_says():
    targets = [
        ("Anmälda skadegörelsebrott", "antal", 120, 90, 104),
        ("Andel som känner sig trygga", "procent", None, 75.5, None),
    ]
    chart = charts.target_bars("mal", "Mål och utfall", targets)
    figures = Figures(chart_html(chart))

    drawn_equals_table(figures, "mal", list(KINDS.values()))
    drawn = figures.drawn["mal"]
    assert drawn[("Anmälda skadegörelsebrott", "baseline")] == "120"
    assert drawn[("Anmälda skadegörelsebrott", "measured")] == "104"
    assert drawn[("Andel som känner sig trygga", "target")] == "75,5"
    assert ("Andel som känner sig trygga", "measured") not in drawn
    assert figures.table["mal"][("Andel som känner sig trygga", "Uppmätt")] == "–"
    assert "Utgångsläge 120 · Mål 90 · Uppmätt 104" in str(chart.svg)


def signed_plan():
    """The seed's plan."""
    return ActionPlan.objects.filter(status="signed").earliest("pk")


def report_all(
    plan, tertial, person, statuses=("done", "ongoing", "not_started", "stopped"), leave=1
):
    """A report of each measure but the last `leave`, round the statuses; (the report's
    measure, its status) for each."""
    made = []
    measures = list(Measure.objects.filter(focus_area__plan=plan).order_by("pk"))
    for i, measure in enumerate(measures[: len(measures) - leave]):
        status = statuses[i % len(statuses)]
        MeasureReport.objects.create(
            measure=measure,
            year=tertial.year,
            tertial=tertial.number,
            party="municipality",
            status=status,
            comment=f"Kommentar {i}",
            reported_by=person,
            reported_at=timezone.now(),  # the frozen clock's (the default is the real one)
        )
        made.append((measure, status))
    return made


@pytest.mark.django_db
def test_the_overview_shows_every_tertial_the_trend_and_the_latest_tertial(client, coordinator):
    plan = signed_plan()
    person = coordinator.person
    with frozen_clock(datetime(2018, 4, 20, 10, tzinfo=UTC)):
        report_all(plan, T1_2018, person)
        TertialCompilation.objects.create(
            plan=plan, year=2018, tertial=1, compiled_by=person, compiled_at=timezone.now()
        )
    with frozen_clock(datetime(2018, 8, 1, 10, tzinfo=UTC)):
        made = report_all(plan, T2_2018, person, statuses=("ongoing",))
    client.force_login(coordinator)

    with frozen_clock(datetime(2018, 9, 15, 10, tzinfo=UTC)):
        text = client.get(reverse("followup:plan", args=[plan.pk])).text
    figures = Figures(text)

    assert "Sammanställd 20 april 2018 av Roger Max." in text
    assert "Försenad: 1 åtgärd saknar rapport." in text  # T2, over since 1 September
    assert "Börjar 1 januari 2019." in text
    drawn_equals_table(figures, "trend", STATUS_NAMES)
    assert figures.table["trend"][(T2_2018.label, "Pågår")] == str(len(made))
    assert figures.table["trend"][(T2_2018.label, "Ej rapporterad")] == "1"
    # Tertials not yet begun are not in the trend.
    assert (Tertial(2019, 1).label, "Totalt") not in figures.table["trend"]
    # The focus areas in the latest tertial reported, T2 2018: the same numbers by area.
    drawn_equals_table(figures, "omraden-2018-T2", STATUS_NAMES)
    by_area = figures.table["omraden-2018-T2"]
    assert sum(int(v) for (_a, c), v in by_area.items() if c == "Pågår") == len(made)
    assert reverse("followup:tertial_pdf", args=[plan.pk, T2_2018.slug]) in text


@pytest.mark.django_db
def test_the_tertial_page_shows_its_chart_and_links_the_pdf(client, coordinator):
    plan = signed_plan()
    made = report_all(plan, T2_2018, coordinator.person)
    client.force_login(coordinator)

    text = client.get(reverse("followup:tertial", args=[plan.pk, T2_2018.slug])).text
    figures = Figures(text)

    drawn_equals_table(figures, "omraden-2018-T2", STATUS_NAMES)
    done = sum(1 for _m, status in made if status == "done")
    table = figures.table["omraden-2018-T2"]
    assert sum(int(v) for (_a, c), v in table.items() if c == "Genomförd") == done
    assert reverse("followup:tertial_pdf", args=[plan.pk, T2_2018.slug]) in text


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    return text.replace("\u2010 ", "")  # words hyphenated at a line's end, joined


@pytest.mark.django_db
def test_the_tertial_report_pdf_is_dated_by_its_compilation_and_marks_corrections(
    client, coordinator, police_chief
):
    plan = signed_plan()
    url = reverse("followup:tertial_pdf", args=[plan.pk, T2_2018.slug])
    with frozen_clock(datetime(2018, 8, 20, 10, tzinfo=UTC)):
        made = report_all(plan, T2_2018, coordinator.person)
    client.force_login(police_chief)
    with frozen_clock(datetime(2018, 8, 25, 10, tzinfo=UTC)):
        draft = client.get(url)
    with frozen_clock(datetime(2018, 9, 3, 10, tzinfo=UTC)):
        TertialCompilation.objects.create(
            plan=plan,
            year=2018,
            tertial=2,
            compiled_by=coordinator.person,
            compiled_at=timezone.now(),
        )
    with frozen_clock(datetime(2018, 9, 10, 10, tzinfo=UTC)):
        first = MeasureReport.objects.get(measure=made[0][0])
        MeasureReport.objects.create(
            measure=first.measure,
            year=2018,
            tertial=2,
            party="municipality",
            status="stopped",
            comment="Rättat i efterhand",
            corrects=first,
            reported_by=coordinator.person,
            reported_at=timezone.now(),
        )
    with frozen_clock(datetime(2018, 11, 1, 10, tzinfo=UTC)):
        compiled = client.get(url)

    assert draft["Content-Type"] == "application/pdf"
    name = "Mjölby kommun Uppföljning 2018-T2 Handlingsplan för 2018-2020 KS-2017-359.pdf"
    assert unquote(draft["Content-Disposition"]).endswith(f"''{name}")
    draft_text, text = pdf_text(draft.content), pdf_text(compiled.content)
    assert "Utkast – ej sammanställd" in draft_text and "25 augusti 2018" in draft_text
    assert "Uppföljning T2 2018 (maj–augusti)" in text and f"Dnr {plan.diary_number}" in text
    assert "Sammanställd: 3 september 2018 av Roger Max" in text
    assert "Utkast" not in text and "1 november 2018" not in text
    assert "Sida 1 av" in text
    # The chart: its legend, its table, and each focus area with its measures and reports.
    assert all(name in text for name in STATUS_NAMES)
    assert "Siffrorna i diagrammet" in text
    assert "Rättelse: Stoppad/ändrad" in text and "Rättat i efterhand" in text
    assert "(rättad nedan)" in text and "Kommentar 1" in text
    assert "Roger Max" in text and "Ej rapporterad" in text
    first_area = FocusArea.objects.filter(plan=plan).order_by("position")[0]
    assert first_area.title in text


@pytest.mark.django_db
def test_only_readers_of_the_plan_get_the_overview_and_the_report(client, other_coordinator):
    plan = signed_plan()
    client.force_login(other_coordinator)

    assert client.get(reverse("followup:plan", args=[plan.pk])).status_code == 404
    url = reverse("followup:tertial_pdf", args=[plan.pk, T2_2018.slug])
    assert client.get(url).status_code == 404


def a_signed_plan(areas: int, measures: int, end: date) -> ActionPlan:
    """A plan of `areas` focus areas of `measures` measures each, signed, 2021 to end."""
    draft = copy_document(
        original=signed_plan(),
        title=f"Handlingsplan {areas}×{measures}",
        period_start=date(2021, 1, 1),
        period_end=end,
    )
    draft.focus_areas.all().delete()
    for a in range(areas):
        area = FocusArea.objects.create(plan=draft, position=a, title=f"Område {a}")
        for m in range(measures):
            Measure.objects.create(
                focus_area=area, position=m, description=f"Åtgärd {m}", responsible="joint"
            )
    with triggers.set_aside(connection):
        ActionPlan.objects.filter(pk=draft.pk).update(status="signed")
    return ActionPlan.objects.get(pk=draft.pk)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_pages_run_the_same_queries_for_more_measures_and_tertials(client, coordinator):
    client.force_login(coordinator)
    first = Tertial(2021, 1)

    small = a_signed_plan(1, 1, date(2021, 4, 30))
    report_all(small, first, coordinator.person, leave=0)
    # Content types (of the internal marks) are cached once per process, by whichever test
    # asks first: once asked here, both plans' pages find them cached.
    queries(client, reverse("followup:tertial", args=[small.pk, first.slug]))
    few = [
        queries(client, reverse("followup:plan", args=[small.pk])),
        queries(client, reverse("followup:tertial", args=[small.pk, first.slug])),
    ]
    large = a_signed_plan(4, 6, date(2023, 12, 31))
    for tertial in (first, Tertial(2022, 2), Tertial(2023, 3)):
        report_all(large, tertial, coordinator.person)
    TertialCompilation.objects.create(
        plan=large, year=2021, tertial=1, compiled_by=coordinator.person
    )
    many = [
        queries(client, reverse("followup:plan", args=[large.pk])),
        queries(client, reverse("followup:tertial", args=[large.pk, first.slug])),
    ]

    assert many == few
