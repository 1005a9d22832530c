"""Typography that never spills: long Swedish compounds, unbroken strings and long party names
stay inside their table cells and the page; Dnr, dates, phone numbers and "§ N" never break."""

import io
import re

import pdfplumber
import pytest

from safety_partnership.council.models import CoverMemo
from safety_partnership.pdf.archive import pdf_bytes
from tests.pdf_samples import COMPOUND, PARTY, UNBROKEN, stress_plan_pdf

SLACK = 0.5  # points: a glyph's advance may touch its cell's border
# A measure's cells start a cell's padding below the focus area's border: let them meet it.
TABLES = {"intersection_tolerance": 6}


def not_the_draft_mark(item: dict) -> bool:
    """All but the big letters of "UTKAST" across a draft's page."""
    return item.get("size", 0) < 40


def smallest_cell(char: dict, cells: list[tuple]) -> tuple | None:
    """The innermost table cell holding the char's left edge and vertical middle."""
    middle = (char["top"] + char["bottom"]) / 2
    holding = [c for c in cells if c[0] - SLACK <= char["x0"] < c[2] and c[1] <= middle <= c[3]]
    return min(holding, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]), default=None)


def spills(pdf: bytes) -> list[str]:
    """Every glyph that leaves the page or the cell its left edge is in."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            cells = [cell for table in page.find_tables(TABLES) for cell in table.cells]
            for char in filter(not_the_draft_mark, page.chars):
                where = f"page {number}: {char['text']!r} at {char['x0']:.1f}–{char['x1']:.1f}"
                if char["x0"] < 0 or char["x1"] > page.width:
                    found.append(f"{where} off the page")
                cell = smallest_cell(char, cells)
                if cell and char["x1"] > cell[2] + SLACK:
                    found.append(f"{where} out of its cell ending {cell[2]:.1f}")
    return found


def cell_texts(pdf: bytes) -> list[str]:
    """Each table cell's text, with its line breaks and the hyphens they added taken out."""
    texts = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for table in page.find_tables(TABLES):
                for cell in table.cells:
                    text = page.crop(cell).filter(not_the_draft_mark).extract_text()
                    texts.append(re.sub(r"[\s\-‐]", "", text))
    return texts


def lines(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [line for page in document.pages for line in page.extract_text().splitlines()]


@pytest.mark.django_db
def test_long_words_strings_and_parties_stay_inside_their_cells_and_the_page(mjolby):
    pdf = stress_plan_pdf()

    assert spills(pdf) == []
    texts = cell_texts(pdf)
    assert any(UNBROKEN == text for text in texts)
    assert any(COMPOUND * 2 in text for text in texts)
    assert "Samhällsbyggnadsförvaltningen" in texts
    assert re.sub(r"[\s\-]", "", PARTY) in texts


@pytest.mark.django_db
def test_the_header_keeps_its_diary_number_and_date_on_one_line_each(mjolby):
    pdf = stress_plan_pdf()

    found = lines(pdf)
    assert any("Dnr KS/2017:359" in line for line in found)
    assert any("17 december 2031" in line for line in found)


@pytest.mark.django_db
def test_the_memo_keeps_the_case_officers_phone_number_on_one_line(mjolby):
    memo = CoverMemo.objects.exclude(case__case_officer__phone="").first()
    found = lines(pdf_bytes(memo))
    assert any("0142-852 36" in line for line in found)
