"""Minutes-ready PDFs of every document and council case, rendered with WeasyPrint.

A4, Swedish, the font shipped in fonts/, PDF/A-3a (tagged), header with the parties,
title, diary number and date, "Sida N av M" on every page, "UTKAST" on drafts. The same
document gives the same bytes every time: the dates in the metadata come from the
document's own history and the file identifier from its content. A signed document's
PDF is rendered once, when it becomes signed, and its stored bytes are served after.
"""

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML

from ..models import FROZEN, ArchivedPdf, CouncilCase, CoverMemo, DocumentStatus
from .seal import seal

PDF_DIR = Path(__file__).resolve().parent
VARIANT = "pdf/a-3a"

KIND_NAMES = {
    "agreement": "Samverkansöverenskommelse",
    "actionplan": "Handlingsplan",
    "pledge": "Medborgarlöfte",
    "councilcase": "Protokollsutdrag",
    "covermemo": "Missiv",
}


def render_pdf(html: str) -> bytes:
    """WeasyPrint alone: the final HTML to PDF/A bytes."""
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    return HTML(string=html, base_url=f"{PDF_DIR}/").write_pdf(
        pdf_variant=VARIANT, pdf_identifier=identifier
    )


def _last_change(obj):
    latest = obj.history.order_by("-history_date").values_list("history_date", flat=True).first()
    return latest or timezone.now()


def _document_context(document) -> dict:
    model = document._meta.model_name
    partnership = document.partnership
    signatures = list(document.signatures.order_by("position"))
    signed_dates = [s.signed_on for s in signatures if s.signed_on]
    created = _last_change(document)
    context = {
        "document": document,
        "signatures": signatures,
        "verify_url": f"{settings.SITE_URL.rstrip('/')}{reverse('verify')}"
        if any(s.signed_at for s in signatures)
        else "",
        "landscape": model == "actionplan",
        "pdf": {
            "title": document.title,
            "author": f"{partnership.municipality} och {partnership.police_area}",
            "organisations": f"{partnership.municipality} · {partnership.police_area}",
            "subject": f"{KIND_NAMES[model]} {document.period}",
            "keywords": f"{KIND_NAMES[model]}, trygghet, {partnership.municipality}",
            "diary_number": document.diary_number,
            "date": max(signed_dates) if signed_dates else timezone.localdate(created),
            "created": created,
            "draft": document.status in (DocumentStatus.DRAFT, DocumentStatus.AWAITING_SIGNATURES),
        },
    }
    if model == "actionplan":
        from actionplans.models import Measure

        areas = document.focus_areas.order_by("position").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("position"))
        )
        for area in areas:
            area.measure_rows = list(area.measures.all())
        context["rows"] = list(areas)
    elif model == "pledge":
        context["rows"] = list(document.promises.order_by("position"))
    return context


def _case_context(case: CouncilCase, memo: CoverMemo | None = None) -> dict:
    municipality = case.municipality
    basis = list(case.decision_basis.order_by("position"))
    source = memo or case
    created = _last_change(source)
    context = {
        "case": case,
        "memo": memo,
        "basis": basis,
        "pdf": {
            "title": f"{'Missiv' if memo else 'Protokollsutdrag'}: {case.title}",
            "author": str(municipality),
            "organisations": str(municipality),
            "subject": f"Dnr {case.diary_number}",
            "keywords": "ärende, protokollsutdrag, missiv",
            "diary_number": case.diary_number,
            "date": memo.date if memo else timezone.localdate(created),
            "created": created,
            "draft": False,
        },
    }
    if memo:
        context["recipients"] = list(memo.recipients.order_by("position"))
        context["signatures"] = list(memo.signatures.order_by("position"))
    else:
        paragraphs = list(case.paragraphs.order_by("meeting_date", "number"))
        for paragraph in paragraphs:
            paragraph.recipient_list = list(paragraph.recipients.order_by("position"))
        context["rows"] = paragraphs
    return context


def html_for(obj) -> str:
    """The final HTML of a document, council case (its protocol extracts) or cover memo."""
    if isinstance(obj, CouncilCase):
        return render_to_string("pdf/case.html", _case_context(obj))
    if isinstance(obj, CoverMemo):
        return render_to_string("pdf/memo.html", _case_context(obj.case, obj))
    return render_to_string(f"pdf/{obj._meta.model_name}.html", _document_context(obj))


def _archived(document) -> ArchivedPdf | None:
    content_type = ContentType.objects.get_for_model(document)
    return ArchivedPdf.objects.filter(content_type=content_type, object_id=document.pk).first()


@transaction.atomic
def archive(document) -> ArchivedPdf:
    """Render a signed document once and keep the bytes with their SHA-256."""
    existing = _archived(document)
    if existing is not None:
        return existing
    pdf = seal(render_pdf(html_for(document)))  # sealed when a certificate is configured
    return ArchivedPdf.objects.create(
        document=document, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest()
    )


def pdf_bytes(obj) -> bytes:
    """The PDF to hand out: a signed document's archived bytes, anything else rendered now."""
    if getattr(obj, "status", None) in FROZEN:
        # The seed's paper-signed documents are archived the first time they are asked for.
        return bytes(archive(obj).pdf)
    return render_pdf(html_for(obj))


def file_name(obj) -> str:
    """'Handlingsplan 2018–2020 KS-2017-359.pdf': kind, period or date, diary number."""
    if isinstance(obj, CouncilCase):
        parts = ["Protokollsutdrag", obj.diary_number]
    elif isinstance(obj, CoverMemo):
        parts = ["Missiv", obj.date.isoformat(), obj.case.diary_number]
    else:
        parts = [KIND_NAMES[obj._meta.model_name], obj.period, obj.diary_number]
        if obj.revision > 1:
            parts.append(f"rev {obj.revision}")
    name = " ".join(p for p in parts if p)
    return re.sub(r'[\\/:*?"<>|]+', "-", name) + ".pdf"
