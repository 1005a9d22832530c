"""The public PDFs: a signed pledge with its finalised reports, and a signed plan's public
part, for anyone to print or keep. They are made from the same selection and templates as
the public pages (selection.py decides what is public), in the register's PDF/A-3a and
PDF/UA-1 form (safety_partnership.pdf.base).

A render takes a while, and anyone may ask: each PDF is kept in the cache under the hash of
its HTML, so the same content is rendered once, and a change (a new report, a measure marked
internal) makes a new HTML and so a new PDF at once.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from safety_partnership.models import Municipality
from safety_partnership.pdf.base import file_name_of
from safety_partnership.pdf.dates import signing_date
from safety_partnership.pdf.process import render_apart

from . import selection

KEPT = 24 * 60 * 60  # seconds: the key changes with the content, so this only frees memory


def _pdf_context(municipality: Municipality, document, kind: str, address: str) -> dict:
    partnership = document.partnership
    return {
        "municipality": municipality,
        "address": address,
        "pdf": {
            "title": document.title,
            "author": partnership.parties,
            "organisations": partnership.organisations,
            "subject": f"{kind} {document.period}",
            "keywords": f"{kind}, trygghet, {municipality.name}",
            "date": signing_date(document),
            "draft": False,
        },
    }


def _rendered(html: str) -> bytes:
    key = "public-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_apart(html)
        cache.set(key, pdf, KEPT)
    return pdf


def pledge_pdf(municipality: Municipality, public: selection.PublicPledge, address: str) -> bytes:
    context = _pdf_context(municipality, public.pledge, _("Medborgarlöfte"), address)
    html = render_to_string("public/pdf/pledge.html", {**context, "public": public})
    return _rendered(html)


def plan_pdf(municipality: Municipality, public: selection.PublicPlan, address: str) -> bytes:
    context = _pdf_context(municipality, public.plan, _("Handlingsplan"), address)
    html = render_to_string("public/pdf/plan.html", {**context, "public": public})
    return _rendered(html)


def file_name(municipality: Municipality, document) -> str:
    return file_name_of([municipality.name, document.title, _("(offentlig del)")])
