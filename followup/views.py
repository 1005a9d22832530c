"""The tertial follow-up of a signed action plan: a page per tertial where each party reports
its own measures and the coordinator compiles them; compiled, the reports are locked."""

from __future__ import annotations

from typing import Protocol

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans.access import get_plan_for_user
from actionplans.models import ActionPlan, Measure
from public.selection import internal_ids
from safety_partnership.access import active_person, partnership_access
from safety_partnership.models import Partnership, ResponsibleParty, Role
from safety_partnership.models.documents import FROZEN
from safety_partnership.pdf.process import answers_too_slow
from safety_partnership.pdf.views import PDF, file_response

from . import annual
from .models import MeasureReport, ReportingParty, TertialCompilation
from .pdf import report_file_name, tertial_report_pdf
from .reports import latest_reports, reports_by_measure, status_counts
from .signing import signing_of
from .summary import area_chart, areas_of, last_reported, measures_of, trend_chart
from .tertials import Tertial, tertials_between

FOLLOWED_UP = FROZEN  # a signed plan is followed up, a superseded one keeps its reports


class HasPartnership(Protocol):
    partnership: Partnership


class ReportForm(forms.ModelForm):
    class Meta:
        model = MeasureReport
        fields = ["status", "comment", "indicator_value"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}


def parties_for(user, document: HasPartnership) -> set[str]:
    """For whom the user reports on a document of a partnership (a plan, a pledge): the police
    area's people for the police, the municipality's coordinator for the municipality (and the
    other actors it answers for)."""
    if user.is_authenticated and user.is_superuser:
        return {ReportingParty.POLICE, ReportingParty.MUNICIPALITY}
    person = active_person(user)
    partnership = document.partnership
    if person is None:
        return set()
    if person.police_area_id and person.police_area_id == partnership.police_area_id:
        return {ReportingParty.POLICE}
    if person.municipality_id == partnership.municipality_id and person.role == Role.COORDINATOR:
        return {ReportingParty.MUNICIPALITY}
    return set()


def reporting_parties(measure: Measure) -> set[str]:
    """Who reports a measure: the police theirs, the municipality theirs and other actors',
    joint measures either."""
    if measure.responsible == ResponsibleParty.POLICE:
        return {ReportingParty.POLICE}
    if measure.responsible == ResponsibleParty.JOINT:
        return {ReportingParty.POLICE, ReportingParty.MUNICIPALITY}
    return {ReportingParty.MUNICIPALITY}


def followed_up_plan(user, pk: int, slug: str) -> tuple[ActionPlan, Tertial]:
    plan, _access = get_plan_for_user(user, pk)
    tertial = Tertial.from_slug(slug)
    if plan.status not in FOLLOWED_UP or tertial is None:
        raise Http404(_("Sidan finns inte."))
    if tertial not in tertials_between(plan.period_start, plan.period_end):
        raise Http404(_("Tertialen ligger utanför planens period."))
    return plan, tertial


def compilation_of(plan: ActionPlan, tertial: Tertial) -> TertialCompilation | None:
    return (
        TertialCompilation.objects.filter(plan=plan, year=tertial.year, tertial=tertial.number)
        .select_related("compiled_by")
        .first()
    )


@login_required
def tertial_page(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    plan, tertial = followed_up_plan(request.user, pk, slug)
    reports = reports_by_measure(plan, tertial)
    mine = parties_for(request.user, plan)
    areas = areas_of(plan)
    missing = 0
    for area in areas:
        for measure in measures_of(area):
            measure.report_list = reports.get(measure.pk, [])
            measure.latest = measure.report_list[-1] if measure.report_list else None
            measure.may_report = bool(mine & reporting_parties(measure))
            missing += not measure.report_list
    # Comments a coordinator marked internal say so (public/marking.py).
    of_tertial = MeasureReport.objects.filter(
        measure__focus_area__plan=plan, year=tertial.year, tertial=tertial.number
    )
    internal = internal_ids(MeasureReport, of_tertial.values("pk"), "comment")
    for rows in reports.values():
        for report in rows:
            report.is_internal = report.pk in internal
    compilation = compilation_of(plan, tertial)
    context = {
        "plan": plan,
        "tertial": tertial,
        "can_mark": partnership_access(request.user, plan.partnership).edit,
        "tertials": tertials_between(plan.period_start, plan.period_end),
        "years": list(range(plan.period_start.year, plan.period_end.year + 1)),
        "areas": areas,
        "missing": missing,
        "compilation": compilation,
        "overdue": tertial.is_overdue() and compilation is None,
        "can_compile": compilation is None and ReportingParty.MUNICIPALITY in mine and missing == 0,
        "status_choices": MeasureReport._meta.get_field("status").choices,
        "form": ReportForm(),
        "chart": area_chart(areas, tertial, latest_reports(plan, [tertial])),
        "report_signing": signing_of(compilation, request.user, of=plan),
    }
    return render(request, "followup/tertial.html", context)


@login_required
@require_POST
def report_measure(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """A party's report of a measure: changed until the tertial is compiled, then corrected by
    a new report that names the one it corrects."""
    measure = get_object_or_404(Measure.objects.select_related("focus_area"), pk=pk)
    plan, tertial = followed_up_plan(request.user, measure.focus_area.plan_id, slug)
    parties = parties_for(request.user, plan) & reporting_parties(measure)
    if not parties:
        raise PermissionDenied(_("Åtgärden rapporteras av den part som ansvarar för den."))
    person = active_person(request.user)
    if person is None:
        raise PermissionDenied(_("Bara den som företräder en part rapporterar."))
    party = sorted(parties)[0] if len(parties) == 1 else request.POST.get("party", "")
    if party not in parties:
        party = sorted(parties)[0]
    page = reverse("followup:tertial", args=[plan.pk, tertial.slug])
    with transaction.atomic():
        compiled = compilation_of(plan, tertial) is not None
        earlier = (
            MeasureReport.objects.select_for_update()
            .filter(measure=measure, year=tertial.year, tertial=tertial.number, party=party)
            .order_by("-reported_at", "-pk")
            .first()
        )
        report = earlier if earlier is not None and not compiled else None
        form = ReportForm(request.POST, instance=report)
        if not form.is_valid():
            errors = "; ".join(
                f"{form[name].label}: {' '.join(e)}" for name, e in form.errors.items()
            )
            messages.error(request, _("Rapporten sparades inte. %(errors)s") % {"errors": errors})
            return redirect(f"{page}#atgard-{measure.pk}")
        report = form.save(commit=False)
        if report.pk is None:
            report.measure, report.year, report.tertial = measure, tertial.year, tertial.number
            report.party = party
            report.corrects = earlier if compiled else None
        report.reported_by = person
        report.save()
    said = _("Rättelsen är sparad.") if compiled else _("Rapporten är sparad.")
    messages.success(request, said)
    return redirect(f"{page}#atgard-{measure.pk}")


@login_required
@require_POST
def compile_tertial(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The coordinator's joint compilation: every measure reported, then locked."""
    plan, tertial = followed_up_plan(request.user, pk, slug)
    if ReportingParty.MUNICIPALITY not in parties_for(request.user, plan):
        raise PermissionDenied(_("Samordnaren sammanställer tertialen."))
    page = reverse("followup:tertial", args=[plan.pk, tertial.slug])
    measures = Measure.objects.filter(focus_area__plan=plan)
    unreported = measures.exclude(
        reports__year=tertial.year, reports__tertial=tertial.number
    ).count()
    if unreported:
        messages.error(
            request,
            _("%(n)s åtgärder saknar rapport för %(tertial)s. Tertialen kan inte sammanställas.")
            % {"n": unreported, "tertial": tertial.label},
        )
        return redirect(page)
    person = active_person(request.user)
    if person is None:
        raise PermissionDenied(_("Bara den som företräder en part sammanställer."))
    _compilation, created = TertialCompilation.objects.get_or_create(
        plan=plan, year=tertial.year, tertial=tertial.number, defaults={"compiled_by": person}
    )
    if created:
        messages.success(
            request, _("%(tertial)s är sammanställd och låst.") % {"tertial": tertial.label}
        )
    return redirect(page)


@login_required
def plan_followup(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's follow-up at a glance: every tertial of its period and how far it has come,
    the trend of the statuses, and the focus areas in the latest tertial reported."""
    plan, _access = get_plan_for_user(request.user, pk)
    if plan.status not in FOLLOWED_UP:
        raise Http404(_("Bara en undertecknad plan följs upp."))
    tertials = tertials_between(plan.period_start, plan.period_end)
    latest = latest_reports(plan, tertials)
    areas = areas_of(plan)
    measure_ids = [m.pk for area in areas for m in measures_of(area)]
    compilations = {(c.year, c.tertial): c for c in plan.compilations.select_related("compiled_by")}
    today = timezone.localdate()
    rows = []
    for tertial in tertials:
        compilation = compilations.get((tertial.year, tertial.number))
        rows.append(
            {
                "tertial": tertial,
                "compilation": compilation,
                "missing": status_counts(measure_ids, tertial, latest)[""],
                "started": tertial.start <= today,
                "overdue": compilation is None and tertial.is_overdue(),
            }
        )
    # The trend ends with the tertial under way: later ones have nothing to show yet.
    started = [t for t in tertials if t.start <= today]
    shown = last_reported(tertials, latest)
    annuals = {f.year: f for f in plan.annual_follow_ups.all()}
    context = {
        "plan": plan,
        "rows": rows,
        "annual_years": [
            {
                "year": year,
                "annual": annuals.get(year),
                "open": annual.is_open(plan, year),
                "opens": annual.opening_day(plan, year),
            }
            for year in annual.plan_years(plan)
        ],
        "measures": len(measure_ids),
        "trend": trend_chart(areas, started, latest) if started else None,
        "shown": shown,
        "chart": area_chart(areas, shown, latest) if shown else None,
    }
    return render(request, "followup/plan.html", context)


@login_required
@answers_too_slow
def tertial_pdf(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The tertial report, minutes-ready, for everyone who may read the plan."""
    plan, tertial = followed_up_plan(request.user, pk, slug)
    return file_response(tertial_report_pdf(plan, tertial), report_file_name(plan, tertial), PDF)
