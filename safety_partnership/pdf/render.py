"""The HTML of any printable object: a document of a registered kind
(its kind names the template and the rows it prints), a council case or a cover memo."""

from django.template.loader import render_to_string

from ..council.models import CouncilCase, CoverMemo
from ..council.pdf import case_html, memo_html
from ..kinds import kind_of
from ..signing.notifications import verify_address
from .dates import document_date, is_draft


def document_context(document) -> dict:
    kind = kind_of(document)
    partnership = document.partnership
    signatures = list(document.signatures.order_by("position"))
    return {
        "document": document,
        "signatures": signatures,
        "rows": kind.rows(document),
        "verify_url": verify_address() if any(s.signed_at for s in signatures) else "",
        "landscape": kind.landscape,
        **kind.pdf_context(document),
        "pdf": {
            "title": document.title,
            "author": partnership.parties,
            "organisations": partnership.organisations,
            "subject": f"{kind.label} {document.period}",
            "keywords": f"{kind.label}, trygghet, {partnership.municipality}",
            "diary_number": document.diary_number,
            "date": document_date(document),
            "draft": is_draft(document),
        },
    }


def html_for(obj) -> str:
    """The final HTML of a document, council case (its protocol extracts) or cover memo."""
    if isinstance(obj, CouncilCase):
        return case_html(obj)
    if isinstance(obj, CoverMemo):
        return memo_html(obj)
    return render_to_string(kind_of(obj).pdf_template, document_context(obj))
