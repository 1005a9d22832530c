from django.shortcuts import get_object_or_404, render

from safety_partnership.access import check_partnership, get_partnership_for_user, require_reader
from safety_partnership.forms import RegisterForm
from safety_partnership.history import Part
from safety_partnership.kinds import DocumentKind, RowChanges
from safety_partnership.signing.views import signing_context

from .models import Observation, SafetyWalkReport


class ReportForm(RegisterForm):
    class Meta:
        model = SafetyWalkReport
        fields = ["title", "period_start", "period_end", "route"]


def get_report_for_user(user, pk: int, need=require_reader):
    report = get_object_or_404(SafetyWalkReport.objects.select_related("partnership"), pk=pk)
    return report, check_partnership(user, report.partnership, need, report)


def observations(report) -> list:
    return list(report.observations.order_by("position"))


def detail(request, pk: int):
    report, access = get_report_for_user(request.user, pk)
    context = {
        "report": report,
        "observations": observations(report),
        **signing_context(request, report, access),
    }
    return render(request, "extra_kind/report_detail.html", context)


KIND = DocumentKind(
    model=SafetyWalkReport,
    slug="trygghetsvandring",
    singular="trygghetsvandringsrapport",
    definite="trygghetsvandringsrapporten",
    plural="trygghetsvandringsrapporter",
    namespace="extra_kind",
    urls="tests.extra_kind.urls",
    url_prefix="trygghetsvandringar",
    get_for_user=get_report_for_user,
    partnership_path="partnership",
    parent_field="partnership",
    parent_for_user=get_partnership_for_user,
    form=ReportForm,
    form_template="extra_kind/report_form.html",
    new_label="Ny trygghetsvandringsrapport",
    created_message="Rapporten är skapad.",
    detail_template="extra_kind/report_detail.html",
    pdf_template="pdf/safety_walk.html",
    rows=observations,
    as_of_context=lambda report, then, moment: {
        "report": then,
        "observations": list(
            Observation.history.as_of(moment).filter(report_id=report.pk).order_by("position")
        ),
    },
    history_parts=lambda report: [
        Part(
            Observation,
            Observation.history.filter(report_id=report.pk),
            lambda r: f"Iakttagelse: {r.text}",
        )
    ],
    row_changes=(RowChanges(Observation, "report", "En iakttagelse"),),
)
