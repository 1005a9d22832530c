"""The pledge's reports: read by whoever reads the pledge, written by the police area's people
and the municipality's coordinator once the report opens, finalised by the coordinator."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from followup.models import ReportingParty
from followup.signing import signing_of
from followup.views import parties_for
from public.selection import internal_ids
from safety_partnership.access import active_person, partnership_access
from safety_partnership.concurrency import conflict_since, latest_version
from safety_partnership.forms import limit_texts
from safety_partnership.pdf.base import file_name_of
from safety_partnership.pdf.process import answers_too_slow, render_apart
from safety_partnership.pdf.views import PDF, file_response

from .access import get_pledge_for_user
from .models import FinalisedReport, Pledge, PledgeReport, PromiseReport, TargetReport
from .reports import (
    FOLLOWED_UP,
    KINDS,
    Sheet,
    is_open,
    may_write,
    opens_label,
    report_html,
    sheet,
)


class RowForm(forms.ModelForm):
    """A row of the report: long texts limited as every form of the register limits them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_texts(self)


class PromiseReportForm(RowForm):
    class Meta:
        model = PromiseReport
        fields = ["status", "done", "citizen_text"]
        widgets = {
            "done": forms.Textarea(attrs={"rows": 3}),
            "citizen_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        status.choices = [("", gettext_lazy("Välj status")), *status.choices[1:]]  # type: ignore[attr-defined]


class TargetReportForm(RowForm):
    class Meta:
        model = TargetReport
        fields = ["measured_value", "measured_on"]
        widgets = {"measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def row_forms(report_sheet: Sheet, data=None) -> None:
    """Each promise and target of the sheet gets its form (`form`), prefixed by its row."""
    for promise in report_sheet.promises:
        row = promise.row  # type: ignore[attr-defined]
        promise.form = PromiseReportForm(data, instance=row, prefix=f"lofte-{promise.pk}")  # type: ignore[attr-defined]
    for target in report_sheet.targets:
        row = target.row  # type: ignore[attr-defined]
        target.form = TargetReportForm(data, instance=row, prefix=f"mal-{target.pk}")  # type: ignore[attr-defined]


def all_forms(report_sheet: Sheet) -> list[forms.ModelForm]:
    rows = [*report_sheet.promises, *report_sheet.targets]
    return [row.form for row in rows]  # type: ignore[attr-defined]


def followed_up_pledge(user, pk: int, slug: str) -> tuple[Pledge, int]:
    """The signed pledge, if the user may read it, and which report the address names."""
    pledge, _access = get_pledge_for_user(user, pk)
    kind = KINDS.get(slug)
    if kind is None or pledge.status not in FOLLOWED_UP:
        raise Http404(_("Bara ett undertecknat medborgarlöfte har rapporter."))
    return pledge, kind


def posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def report_url(pledge: Pledge, report_sheet: Sheet) -> str:
    return reverse("pledges:report", args=[pledge.pk, report_sheet.slug])


@login_required
def report_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    pledge, kind = followed_up_pledge(request.user, pk, slug)
    report_sheet = sheet(pledge, kind)
    report = report_sheet.report
    opened = is_open(pledge, kind)
    writer = may_write(request.user, pledge)
    unfinished = not report_sheet.finalised
    # What was done of a promise may be marked internal (public/marking.py); one query.
    rows = PromiseReport.objects.filter(report=report).values("pk") if report else []
    internal = internal_ids(PromiseReport, rows, "done")
    for promise in report_sheet.promises:
        promise.row.is_internal = promise.row.pk in internal  # type: ignore[attr-defined]
    context = {
        "pledge": pledge,
        "can_mark": partnership_access(request.user, pledge.partnership).edit,
        "sheet": report_sheet,
        "report": report,
        "opened": opened,
        "opens": opens_label(pledge, kind),
        "can_write": writer and opened and unfinished,
        "can_finalise": report is not None
        and unfinished
        and ReportingParty.MUNICIPALITY in parties_for(request.user, pledge)
        and active_person(request.user) is not None,
        "version": latest_version(report) if report is not None and unfinished else None,
        "report_signing": signing_of(report, request.user, of=pledge),
    }
    return render(request, "pledges/report_detail.html", context)


@login_required
def report_edit(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The report's form: per promise what was done, its status and the citizens' text; per
    target the measured value. A save onto a version someone else has changed since is
    refused with what was typed kept (safety_partnership/concurrency.py)."""
    pledge, kind = followed_up_pledge(request.user, pk, slug)
    if not may_write(request.user, pledge):
        raise PermissionDenied(_("Rapporten skrivs av lokalpolisområdet och kommunens samordnare."))
    report_sheet = sheet(pledge, kind)
    if report_sheet.report is not None and report_sheet.finalised:
        raise FinalisedReport(report_sheet.report)
    opened = is_open(pledge, kind)
    if request.method == "POST" and not opened:
        raise PermissionDenied(opens_label(pledge, kind))
    row_forms(report_sheet, request.POST if request.method == "POST" else None)
    version = latest_version(report_sheet.report) if report_sheet.report is not None else None
    conflict = None
    error = ""
    if request.method == "POST":
        version = posted_version(request)
        if all(form.is_valid() for form in all_forms(report_sheet)):
            try:
                conflict = save_report(request, report_sheet, version)
            except IntegrityError:
                error = _("Det gick inte att spara: någon annan ändrade samtidigt. Försök igen.")
            else:
                if conflict is None:
                    messages.success(request, _("Rapporten är sparad."))
                    return redirect(report_url(pledge, report_sheet))
                version = conflict.version  # saving again overwrites knowingly
    context = {
        "pledge": pledge,
        "sheet": report_sheet,
        "opened": opened,
        "opens": opens_label(pledge, kind),
        "version": version,
        "conflict": {"conflict": conflict},
        "error": error,
        "invalid": any(form.errors for form in all_forms(report_sheet)),
    }
    return render(request, "pledges/report_form.html", context)


def save_report(request: HttpRequest, report_sheet: Sheet, version: int | None):
    """Save the report and its rows, unless someone saved it since `version`: then nothing is
    saved and the conflict is returned."""
    person = active_person(request.user)
    with transaction.atomic():
        report = (
            PledgeReport.objects.select_for_update()
            .filter(pledge=report_sheet.pledge, kind=report_sheet.kind)
            .order_by("pk")  # not the model's ordering: it joins the pledge, not lockable
            .first()
        )
        if report is not None:
            if report.is_finalised:
                raise FinalisedReport(report)
            if (conflict := conflict_since(report, version)) is not None:
                return conflict
        else:
            report = PledgeReport(pledge=report_sheet.pledge, kind=report_sheet.kind)
        report.written_by = person
        report.written_at = timezone.now()
        report.save()
        for form in all_forms(report_sheet):
            row = form.save(commit=False)
            row.report = report
            row.save()
    return None


@login_required
@require_POST
def report_finalise(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The coordinator finalises (fastställer) the report: from then on it is never changed."""
    pledge, kind = followed_up_pledge(request.user, pk, slug)
    person = active_person(request.user)
    if ReportingParty.MUNICIPALITY not in parties_for(request.user, pledge) or person is None:
        raise PermissionDenied(_("Kommunens samordnare fastställer rapporten."))
    report_sheet = sheet(pledge, kind)
    page = report_url(pledge, report_sheet)
    with transaction.atomic():
        report = (
            PledgeReport.objects.select_for_update()
            .filter(pledge=pledge, kind=kind)
            .order_by("pk")
            .first()
        )
        if report is None:
            messages.error(request, _("Rapporten är inte skriven ännu och kan inte fastställas."))
            return redirect(page)
        if report.is_finalised:
            raise FinalisedReport(report)
        if conflict_since(report, posted_version(request)) is not None:
            messages.error(
                request,
                _(
                    "Rapporten har ändrats sedan du öppnade sidan. Läs den igen innan du "
                    "fastställer den."
                ),
            )
            return redirect(page)
        missing = [p for p in report_sheet.promises if not p.row.status]  # type: ignore[attr-defined]
        if missing:
            messages.error(
                request,
                _("%(n)s löften saknar status. Rapporten kan inte fastställas förrän alla har en.")
                % {"n": len(missing)},
            )
            return redirect(page)
        report.finalised_on = timezone.localdate()
        report.finalised_by = person
        report.save()
    messages.success(request, _("%(report)s är fastställd.") % {"report": report.label})
    return redirect(page)


@login_required
@answers_too_slow
def report_pdf(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    pledge, kind = followed_up_pledge(request.user, pk, slug)
    report_sheet = sheet(pledge, kind)
    name = file_name_of(
        [pledge.partnership.municipality.name, report_sheet.label, pledge.diary_number]
    )
    return file_response(render_apart(report_html(report_sheet)), name, PDF)
