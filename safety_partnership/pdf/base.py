"""WeasyPrint to PDF/A, and what every printed page shares.

A4, Swedish, the font shipped in fonts/ (nothing else is loaded: fetcher.py), PDF/A-3a and
PDF/UA-1 (tagged; accessible.py), header with the parties, title, diary number and date,
"Sida N av M" on every page, "UTKAST" on drafts. The same document gives the same bytes
every time: the date in the metadata is the document's own (dates.py; a draft's is the day
of export) and the file identifier comes from its content.
With no date known the PDF has no CreationDate, ModDate or XMP dates rather than a made-up one.

A page that begins inside a group of a table says so under its header (a plan's "<area>
(forts.)"), in the same single layout: the named string `continued` (pdf.css,
pdf/actionplan.html).
"""

import hashlib
import re
from pathlib import Path

from weasyprint import HTML, Document

from . import accessible
from .fetcher import RegisterURLFetcher

PDF_DIR = Path(__file__).resolve().parent
VARIANT = "pdf/a-3a"


def render_pdf(html: str) -> bytes:
    """WeasyPrint alone: the final HTML to PDF/A bytes."""
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    document = laid_out(html)
    return document.write_pdf(
        pdf_variant=VARIANT, pdf_identifier=identifier, finisher=accessible.finish
    )


def laid_out(html: str) -> Document:
    # Only the register's own stylesheet, fonts and static files are loaded (fetcher.py).
    return HTML(string=html, base_url=f"{PDF_DIR}/", url_fetcher=RegisterURLFetcher()).render(
        pdf_variant=VARIANT
    )


def file_name_of(parts: list[str], suffix: str = ".pdf") -> str:
    """'Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf': the parts, without characters
    a file system refuses."""
    name = " ".join(str(p) for p in parts if p)
    return re.sub(r'[\\/:*?"<>|]+', "-", name) + suffix
