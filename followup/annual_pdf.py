"""The annual follow-up as a minutes-ready PDF: the register's PDF template and standards
(safety_partnership/pdf), dated the day it was finalised, or printed as a draft."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan
from safety_partnership.pdf.base import file_name_of
from safety_partnership.pdf.process import render_apart

from . import annual as a
from .signing import signing_of


def annual_context(plan: ActionPlan, year: int) -> dict:
    annual = a.annual_of(plan, year)
    finalised = annual is not None and annual.finalised_on is not None
    partnership = plan.partnership
    title = _("Årsuppföljning %(year)s: %(plan)s") % {"year": year, "plan": plan.title}
    rows = a.area_years(plan, year, annual)
    return {
        "plan": plan,
        "year": year,
        "annual": annual,
        "finalised": finalised,
        "rows": rows,
        "chart": a.year_chart(year, rows),
        "status_labels": a.status_labels(),
        "report_signing": signing_of(annual, of=plan),
        "pdf": {
            "title": title,
            "author": partnership.parties,
            "organisations": partnership.organisations,
            "subject": _("Årsuppföljning %(year)s av handlingsplan %(period)s")
            % {"year": year, "period": plan.period},
            "keywords": f"årsuppföljning, handlingsplan, trygghet, {partnership.municipality}",
            "diary_number": plan.diary_number,
            # Its own date: the day it was finalised; a draft the day it is printed.
            "date": annual.finalised_on if finalised else timezone.localdate(),
            "draft": not finalised,
        },
    }


def annual_html(plan: ActionPlan, year: int) -> str:
    return render_to_string("pdf/annual.html", annual_context(plan, year))


def annual_pdf(plan: ActionPlan, year: int) -> bytes:
    return render_apart(annual_html(plan, year))


def annual_pdf_name(plan: ActionPlan, year: int) -> str:
    return file_name_of(
        [
            plan.partnership.municipality.name,
            _("Årsuppföljning"),
            year,
            plan.period,
            plan.diary_number,
        ]
    )
