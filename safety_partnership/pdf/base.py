"""WeasyPrint to PDF/A, and what every printed page shares.

A4, Swedish, the font shipped in fonts/ (nothing else is loaded: fetcher.py), PDF/A-3a and
PDF/UA-1 (tagged; accessible.py), header with the parties, title, diary number and date,
"Sida N av M" on every page, "UTKAST" on drafts. The same document gives the same bytes
every time: the date in the metadata is the document's own (dates.py; a draft's is the day
of export) and the file identifier comes from its content.
With no date known the PDF has no CreationDate, ModDate or XMP dates rather than a made-up one.

A table row that continues a group on a new page can say so: a hidden row
`<tr class="continued" hidden data-continues="X">` before the row `data-row="X"` is shown
where a page begins with that row, and then starts that page itself (pdf.css). A row too
tall for one page that goes on onto the next says so under that page's header, with its
`data-group` label and "(forts.)".
"""

import hashlib
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

from weasyprint import HTML, Document
from weasyprint.formatting_structure import boxes

from . import accessible
from .fetcher import RegisterURLFetcher

PDF_DIR = Path(__file__).resolve().parent
VARIANT = "pdf/a-3a"


def render_pdf(html: str) -> bytes:
    """WeasyPrint alone: the final HTML to PDF/A bytes."""
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    document = laid_out(html)
    # One continuation at a time, the earliest page first: showing one moves only the
    # pages after it, so each pass settles one more page (a few passes for a long plan).
    while (row := first_continued_row(document, html)) is not None:
        html = html.replace(
            f'<tr class="continued" hidden data-continues="{row}">',
            f'<tr class="continued" data-continues="{row}">',
        )
        document = laid_out(html)
    if split := rows_going_on(document):
        # Only the page margins change: the pages stay as they are. At the start, so that
        # each running element is there, from page 1 on, for the page that shows it.
        document = laid_out(html.replace("<body>", "<body>" + continued_under_header(split), 1))
    return document.write_pdf(
        pdf_variant=VARIANT, pdf_identifier=identifier, finisher=accessible.finish
    )


def laid_out(html: str) -> Document:
    # Only the register's own stylesheet, fonts and static files are loaded (fetcher.py).
    return HTML(string=html, base_url=f"{PDF_DIR}/", url_fetcher=RegisterURLFetcher()).render(
        pdf_variant=VARIANT
    )


def body_rows(box) -> Iterator:
    """The table rows of the page's content under box, in order: not those of table headers
    nor of the page margins (the running header is a table)."""
    for child in getattr(box, "children", []):
        if isinstance(child, boxes.MarginBox):
            continue
        if isinstance(child, boxes.TableRowGroupBox) and child.is_header:
            continue
        if isinstance(child, boxes.TableRowBox):
            yield child
        else:
            yield from body_rows(child)


def first_continued_row(document: Document, html: str) -> str | None:
    """The data-row of the first row that begins a page, not its first, and has a hidden
    continuation before it; None when there is none."""
    seen: set = set()
    for page in document.pages:
        rows = list(body_rows(page._page_box))
        if rows and rows[0].element not in seen:
            row = rows[0].element.get("data-row")
            hidden = f'<tr class="continued" hidden data-continues="{row}">'
            if row and seen and hidden in html:
                return row
        seen.update(r.element for r in rows)
    return None


def rows_going_on(document: Document) -> dict[int, str]:
    """{page number: the group's label} for each page that begins inside a row (with a
    data-group) begun on the page before."""
    going_on, last = {}, None
    for number, page in enumerate(document.pages, start=1):
        rows = list(body_rows(page._page_box))
        if rows and last is not None and rows[0].element is last.element:
            if label := last.element.get("data-group"):
                going_on[number] = label
        last = rows[-1] if rows else None
    return going_on


def continued_under_header(going_on: dict[int, str]) -> str:
    """For each page, a running element with "<label> (forts.)" and a page rule that shows it
    under the header (beside element(page-header), as .page-continued is in pdf.css)."""
    parts = []
    for number, label in going_on.items():
        parts.append(
            f"<style>@page :nth({number}) {{ @top-left {{ content: element(page-header) "
            f"element(going-on-{number}); }} }}</style>"
            f'<div class="page-continued" style="position: running(going-on-{number})">'
            f"{escape(label)} (forts.)</div>"
        )
    return "".join(parts)


def file_name_of(parts: list[str], suffix: str = ".pdf") -> str:
    """'Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf': the parts, without characters
    a file system refuses."""
    name = " ".join(str(p) for p in parts if p)
    return re.sub(r'[\\/:*?"<>|]+', "-", name) + suffix
