"""The PDF has the sections of the web page: the same headings in the same order (its
outline), none empty; a focus area that goes on to a new page says so."""

import io
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from actionplans.models import ActionPlan, Measure
from agreements.models import Agreement
from pledges.models import Pledge
from safety_partnership.pdf.base import render_pdf
from safety_partnership.pdf.render import html_for

PROMISE_GROUPS = ["Polisen lovar", "Tillsammans lovar vi", "Kommunen lovar"]


class ContentHeadings(HTMLParser):
    """The h2 and h3 headings inside the page's <div class="document-content">."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # open divs inside the content, plus one for the content itself
        self.heading: list[str] | None = None
        self.headings: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "div" and (self.depth or ("class", "document-content") in attrs):
            self.depth += 1
        elif self.depth and tag in ("h2", "h3"):
            self.heading = []

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
        elif tag in ("h2", "h3") and self.heading is not None:
            self.headings.append(" ".join("".join(self.heading).split()))
            self.heading = None

    def handle_data(self, data):
        if self.heading is not None:
            self.heading.append(data)


def page_headings(client, document) -> list[str]:
    parser = ContentHeadings()
    parser.feed(client.get(document.get_absolute_url()).text)
    return parser.headings


def outline(pdf: bytes) -> list[str]:
    """The PDF's bookmarks in order, below the document's title."""

    def titles(items):
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    return list(titles(PdfReader(io.BytesIO(pdf)).outline))[1:]


def pdf_of(document) -> bytes:
    return render_pdf(html_for(document))


def height_of(page, beginning: str) -> float:
    """How high on the page (from its foot) the first piece of text that begins so is."""
    heights: list[float] = []

    def visit(text, cm, tm, font, size):
        if " ".join(text.split()).startswith(beginning):
            heights.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return heights[0]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Agreement, ActionPlan, Pledge])
def test_the_pdf_outline_is_the_pages_headings(client, staff, model):
    document = model.objects.get()
    client.force_login(staff)

    headings = page_headings(client, document)

    assert headings and outline(pdf_of(document)) == headings


@pytest.mark.django_db
def test_the_seed_pledge_prints_every_section_of_its_page(client, staff, mjolby):
    client.force_login(staff)

    # The promises under who promises, in the order the seed's first promises come.
    assert page_headings(client, Pledge.objects.get()) == [
        "Lägesbild",
        "Löftena",
        *PROMISE_GROUPS,
        "Uppföljning",
    ]
    assert page_headings(client, Agreement.objects.get())[:3] == [
        "Övergripande mål",
        "Delmål",
        "Åtaganden",
    ]


@pytest.mark.django_db
def test_a_section_without_content_is_left_out_of_both(client, staff, draft_pledge, draft_plan):
    Pledge.objects.filter(pk=draft_pledge.pk).update(situation="", focus_place="", follow_up="")
    draft_pledge.refresh_from_db()
    draft_plan.focus_areas.all().delete()
    client.force_login(staff)

    for document, expected in [
        (draft_pledge, ["Löftena", *PROMISE_GROUPS]),
        (draft_plan, ["Uppföljning"]),
    ]:
        headings = page_headings(client, document)
        assert headings == expected
        assert outline(pdf_of(document)) == expected


@pytest.mark.django_db
def test_a_focus_area_on_two_pages_repeats_its_name_and_keeps_measures_whole(draft_plan):
    area = draft_plan.focus_areas.get(title="Tillgreppsbrott")
    first = area.measures.order_by("position").first()
    text = "Åtgärd nummer {n} som fyller en hel rad i tabellen med ord efter ord efter ord."
    for n in range(40):
        Measure.objects.create(
            focus_area=area,
            position=100 + n,
            description=text.format(n=n),
            responsible=first.responsible,
        )

    reader = PdfReader(io.BytesIO(pdf_of(draft_plan)))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]

    continued = [n for n, page in enumerate(pages) if "Tillgreppsbrott (forts.)" in page]
    assert continued and continued[0] > 0
    assert "(forts.)" not in pages[0]
    for n in continued:
        # Under the page's header, above the column headings and the measures.
        label, headings = (
            height_of(reader.pages[n], t) for t in ("Tillgreppsbrott (", "Problembild")
        )
        assert label > headings > height_of(reader.pages[n], "Åtgärd nummer")
    # No measure is split: each one's text is whole on one page.
    assert sum(page.count("efter ord efter ord.") for page in pages) == 40


@pytest.mark.django_db
def test_a_focus_area_taller_than_a_page_says_so_on_the_page_it_goes_on_to(draft_plan):
    area = draft_plan.focus_areas.get(title="Tillgreppsbrott")
    area.problem = " ".join(f"Rad {n} i problembilden, med ord i sin cell." for n in range(150))
    area.save()

    pages = [
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf_of(draft_plan))).pages
    ]

    starts = next(n for n, page in enumerate(pages) if "Rad 0 i" in page)
    goes_on = next(n for n, page in enumerate(pages) if "Rad 149 i" in page)
    assert goes_on > starts
    for n, page in enumerate(pages):
        # Under the header of each page the area goes on to, and of no other.
        assert ("Tillgreppsbrott (forts.)" in page) == (starts < n <= goes_on), n


@pytest.mark.django_db
def test_a_page_after_the_plan_table_does_not_say_it_goes_on(draft_plan):
    area = draft_plan.focus_areas.order_by("position").last()
    for n in range(30):
        Measure.objects.create(focus_area=area, position=100 + n, description=f"Åtgärd {n}")
    html = html_for(draft_plan)
    end = html.rindex("</table>") + len("</table>")
    # What follows the table (signatures, say) begins a page of its own.
    html = html[:end] + '<p style="break-before: page">Efter planen</p>' + html[end:]

    pages = [
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(render_pdf(html))).pages
    ]

    assert f"{area.title} (forts.)" in pages[-2]
    assert "Efter planen" in pages[-1] and "(forts.)" not in pages[-1]
