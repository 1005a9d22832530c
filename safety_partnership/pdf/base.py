"""WeasyPrint to PDF/A, and what every printed page shares.

A4, Swedish, the font shipped in fonts/, PDF/A-3a (tagged), header with the parties,
title, diary number and date, "Sida N av M" on every page, "UTKAST" on drafts. The same
document gives the same bytes every time: the dates in the metadata come from the
document's own history and the file identifier from its content.
"""

import hashlib
import re
from pathlib import Path

from django.utils import timezone
from weasyprint import HTML

PDF_DIR = Path(__file__).resolve().parent
VARIANT = "pdf/a-3a"


def render_pdf(html: str) -> bytes:
    """WeasyPrint alone: the final HTML to PDF/A bytes."""
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    return HTML(string=html, base_url=f"{PDF_DIR}/").write_pdf(
        pdf_variant=VARIANT, pdf_identifier=identifier
    )


def last_change(obj):
    """When obj last changed, from its history: the date a printed copy carries."""
    latest = obj.history.order_by("-history_date").values_list("history_date", flat=True).first()
    return latest or timezone.now()


def file_name_of(parts: list[str]) -> str:
    """'Handlingsplan 2018–2020 KS-2017-359.pdf': the parts, without characters a file system
    refuses."""
    name = " ".join(str(p) for p in parts if p)
    return re.sub(r'[\\/:*?"<>|]+', "-", name) + ".pdf"
