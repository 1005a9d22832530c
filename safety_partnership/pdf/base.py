"""WeasyPrint to PDF/A, and what every printed page shares.

A4, Swedish, the font shipped in fonts/, PDF/A-3a and PDF/UA-1 (tagged; accessible.py),
header with the parties, title, diary number and date, "Sida N av M" on every page,
"UTKAST" on drafts. The same document gives the same bytes every time: the date in the
metadata is the document's own (dates.py; a draft's is the day of export) and the file
identifier comes from its content.
With no date known the PDF has no CreationDate, ModDate or XMP dates rather than a made-up one.

A table row that continues a group on a new page can say so: a hidden row
`<tr class="continued" hidden data-continues="X">` before the row `data-row="X"` is shown
where a page begins with that row, and then starts that page itself (pdf.css).
"""

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from weasyprint import HTML, Document
from weasyprint.formatting_structure import boxes

from . import accessible

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
    return document.write_pdf(
        pdf_variant=VARIANT, pdf_identifier=identifier, finisher=accessible.finish
    )


def laid_out(html: str) -> Document:
    return HTML(string=html, base_url=f"{PDF_DIR}/").render(pdf_variant=VARIANT)


def body_rows(box) -> Iterator:
    """The table rows outside table headers under box, in order."""
    for child in getattr(box, "children", []):
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


def file_name_of(parts: list[str], suffix: str = ".pdf") -> str:
    """'Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf': the parts, without characters
    a file system refuses."""
    name = " ".join(str(p) for p in parts if p)
    return re.sub(r'[\\/:*?"<>|]+', "-", name) + suffix
