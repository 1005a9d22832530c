"""The tertial report: a plan's follow-up of one tertial as a minutes-ready PDF, printed the
way every PDF of the register is (templates/pdf/base.html, safety_partnership/pdf).

Its date is the compilation's; a tertial not yet compiled is printed as a draft, "Utkast – ej
sammanställd", with the day it is printed.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan
from safety_partnership.pdf.base import file_name_of
from safety_partnership.pdf.process import render_apart

from .charts import number
from .models import TertialCompilation
from .reports import latest_reports, reports_by_measure
from .signing import signing_of
from .summary import area_chart, areas_of, measures_of
from .tertials import Tertial


def report_context(plan: ActionPlan, tertial: Tertial) -> dict:
    compilation = (
        TertialCompilation.objects.filter(plan=plan, year=tertial.year, tertial=tertial.number)
        .select_related("compiled_by")
        .first()
    )
    reports = reports_by_measure(plan, tertial)
    areas = areas_of(plan)
    for area in areas:
        for measure in measures_of(area):
            measure.report_list = reports.get(measure.pk, [])
            # A report a later one corrects is printed as replaced, not left to look current.
            corrected = {r.corrects_id for r in measure.report_list if r.corrects_id}
            for report in measure.report_list:
                report.is_corrected = report.pk in corrected
                report.value_text = number(report.indicator_value)
    partnership = plan.partnership
    title = _("Uppföljning %(tertial)s") % {"tertial": tertial.label}
    return {
        "plan": plan,
        "tertial": tertial,
        "areas": areas,
        "compilation": compilation,
        "report_signing": signing_of(compilation, of=plan),
        "landscape": True,  # six columns of text per report
        "chart": area_chart(areas, tertial, latest_reports(plan, [tertial])),
        "pdf": {
            "title": f"{title}: {plan.title}",
            "author": partnership.parties,
            "organisations": partnership.organisations,
            "subject": title,
            "keywords": f"{_('Uppföljning')}, {_('Handlingsplan')}, {partnership.municipality}",
            "diary_number": plan.diary_number,
            "date": (
                timezone.localdate(compilation.compiled_at) if compilation else timezone.localdate()
            ),
            "draft": compilation is None,
        },
    }


def tertial_report_html(plan: ActionPlan, tertial: Tertial) -> str:
    return render_to_string("pdf/followup_tertial.html", report_context(plan, tertial))


def tertial_report_pdf(plan: ActionPlan, tertial: Tertial) -> bytes:
    return render_apart(tertial_report_html(plan, tertial))


def report_file_name(plan: ActionPlan, tertial: Tertial) -> str:
    """'Mjölby kommun Uppföljning 2018-T2 Handlingsplan 2018–2020 KS-2017-359.pdf'."""
    municipality = plan.partnership.municipality
    return file_name_of(
        [str(municipality), _("Uppföljning"), tertial.slug, plan.title, plan.diary_number]
    )
