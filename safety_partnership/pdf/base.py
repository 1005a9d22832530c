"""WeasyPrint to PDF/A, and what every printed page shares.

A4, Swedish, the font shipped in fonts/, PDF/A-3a (tagged), header with the parties,
title, diary number and date, "Sida N av M" on every page, "UTKAST" on drafts. The same
document gives the same bytes every time: the date in the metadata is the document's own
(dates.py; a draft's is the day of export) and the file identifier comes from its content.
With no date known the PDF has no CreationDate, ModDate or XMP dates rather than a made-up one.
"""

import hashlib
import re
from pathlib import Path

from weasyprint import HTML

PDF_DIR = Path(__file__).resolve().parent
VARIANT = "pdf/a-3a"


def render_pdf(html: str) -> bytes:
    """WeasyPrint alone: the final HTML to PDF/A bytes."""
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    return HTML(string=html, base_url=f"{PDF_DIR}/").write_pdf(
        pdf_variant=VARIANT, pdf_identifier=identifier
    )


def file_name_of(parts: list[str], suffix: str = ".pdf") -> str:
    """'Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf': the parts, without characters
    a file system refuses."""
    name = " ".join(str(p) for p in parts if p)
    return re.sub(r'[\\/:*?"<>|]+', "-", name) + suffix
