"""The annual follow-up's pages: read by everyone who reads the plan, written by the parties'
people (parties_for) once the year's tertial named by the plan is over, finalised by the
municipality's coordinator, printed as a PDF, and the start of the plan's revision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans.access import get_plan_for_user
from actionplans.models import ActionPlan
from public.selection import internal_ids
from safety_partnership.access import active_person, require_editor
from safety_partnership.concurrency import conflict_since
from safety_partnership.models import DocumentStatus
from safety_partnership.pdf.process import answers_too_slow
from safety_partnership.pdf.views import PDF, file_response
from safety_partnership.signing import services as signing

from . import annual as a
from .annual_pdf import annual_pdf, annual_pdf_name
from .models import AnnualFollowUp, AreaAssessment, FinalisedAnnualFollowUp, ReportingParty
from .signing import signing_of
from .views import parties_for


def page_url(plan: ActionPlan, year: int) -> str:
    return reverse("followup:annual", args=[plan.pk, year])


def with_forms(rows: list[a.AreaYear], annual, data=None) -> a.AnnualForm:
    """The page's forms: the proposal's, and each area's under its own prefix."""
    versions = {}
    if annual is not None and data is None:
        # Every area's latest version in one query, not one each.
        versions = dict(
            AreaAssessment.history.filter(annual_id=annual.pk)
            .values("id")
            .annotate(latest=Max("history_id"))
            .values_list("id", "latest")
        )
    for row in rows:
        instance = row.assessment or AreaAssessment(focus_area=row.area)
        row.form = a.AreaForm(
            data,
            instance=instance,
            prefix=f"omrade-{row.area.pk}",
            version=versions.get(instance.pk),
        )
    return a.AnnualForm(data, instance=annual or AnnualFollowUp())


def note_conflicts(forms: list) -> bool:
    """Whether anyone saved since the forms were opened (concurrency.py); each form that was
    overtaken says what changed and now carries the newer version, keeping what was typed."""
    overtaken = False
    for form in forms:
        if form.instance.pk is None:
            continue
        conflict = conflict_since(form.instance, form.cleaned_data.get("version"))
        if conflict is not None:
            form.conflict = conflict
            data = form.data.copy()
            data[form.add_prefix("version")] = str(conflict.version)
            form.data = data
            overtaken = True
    return overtaken


@login_required
def annual_page(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan, access = get_plan_for_user(request.user, pk)
    a.check_year(plan, year)
    mine = parties_for(request.user, plan)
    annual = a.annual_of(plan, year)
    finalised = annual is not None and annual.finalised_on is not None
    is_open = a.is_open(plan, year)
    rows = a.area_years(plan, year, annual)
    form = with_forms(rows, annual)
    saved_conflict = False
    if request.method == "POST":
        if not mine:
            raise PermissionDenied(
                _("Bara kommunens samordnare och polisen skriver årsuppföljningen.")
            )
        person = active_person(request.user)
        if person is None:
            raise PermissionDenied(_("Bara den som företräder en part skriver årsuppföljningen."))
        if finalised:
            raise FinalisedAnnualFollowUp(year)
        if not is_open:
            messages.error(request, opens_message(plan, year))
            return redirect(page_url(plan, year))
        form = with_forms(rows, annual, request.POST)
        saved_conflict = not save_page(form, rows, plan, year, person)
        if not saved_conflict:
            messages.success(request, _("Årsuppföljningen är sparad."))
            return redirect(page_url(plan, year))
    revision = signing.open_revision(plan) if plan.status == DocumentStatus.SIGNED else None
    # A focus area's notes may be marked internal (public/marking.py); one query.
    of_year = AreaAssessment.objects.filter(annual__plan=plan, annual__year=year).values("pk")
    internal = internal_ids(AreaAssessment, of_year)
    for row in rows:
        row.is_internal = row.assessment is not None and row.assessment.pk in internal
    context = {
        "plan": plan,
        "can_mark": access.edit,
        "year": year,
        "years": a.plan_years(plan),
        "annual": annual,
        "rows": rows,
        "chart": a.year_chart(year, rows),
        "form": form,
        "status_labels": a.status_labels(),
        "is_open": is_open,
        "opens_on": a.opening_day(plan, year),
        "finalised": finalised,
        "may_edit": bool(mine) and is_open and not finalised,
        "may_finalise": ReportingParty.MUNICIPALITY in mine and is_open and not finalised,
        "may_revise": access.edit and plan.status == DocumentStatus.SIGNED,
        "open_revision": revision,
        "not_saved": saved_conflict,
        "report_signing": signing_of(annual, request.user, of=plan),
    }
    return render(request, "followup/annual.html", context)


def save_page(form: a.AnnualForm, rows: list[a.AreaYear], plan, year: int, person) -> bool:
    """Save the proposal and every area, all or nothing, unless the input is bad or someone
    saved since the page was opened (then the typed text is kept and shown again)."""
    forms = [form, *(row.form for row in rows)]
    if not all(f.is_valid() for f in forms):
        return False
    try:
        with transaction.atomic():
            # Every save of the page saves the follow-up itself: holding its row makes two
            # saves of the page take turns, so that the second sees the first.
            if form.instance.pk is not None:
                AnnualFollowUp.objects.select_for_update().filter(pk=form.instance.pk).exists()
            if note_conflicts(forms):
                return False
            annual = form.save(commit=False)
            if annual.pk is None:
                annual.plan, annual.year = plan, year
            annual.changed_by, annual.changed_at = person, timezone.now()
            annual.save()
            for row in rows:
                assessment = row.form.save(commit=False)
                assessment.annual = annual
                assessment.save()
    except IntegrityError:
        # Two first saves at once: the other one was first.
        form.add_error(None, _("Det gick inte att spara: någon annan ändrade samtidigt."))
        form.instance.pk = None
        return False
    return True


def opens_message(plan, year: int) -> str:
    return _("Årsuppföljningen %(year)s öppnar %(day)s, när tertialen före den är slut.") % {
        "year": year,
        "day": date_format(a.opening_day(plan, year), "j F Y"),
    }


@login_required
@require_POST
def finalise(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """'Fastställ': the coordinator's; every focus area assessed; nothing changes after."""
    plan, _access = get_plan_for_user(request.user, pk)
    a.check_year(plan, year)
    if ReportingParty.MUNICIPALITY not in parties_for(request.user, plan):
        raise PermissionDenied(_("Kommunens samordnare fastställer årsuppföljningen."))
    page = page_url(plan, year)
    if not a.is_open(plan, year):
        messages.error(request, opens_message(plan, year))
        return redirect(page)
    with transaction.atomic():
        annual = AnnualFollowUp.objects.select_for_update().filter(plan=plan, year=year).first()
        if annual is None:
            messages.error(request, _("Skriv och spara årsuppföljningen innan den fastställs."))
            return redirect(page)
        if annual.finalised_on is not None:
            messages.info(request, _("Årsuppföljningen är redan fastställd."))
            return redirect(page)
        assessed = AreaAssessment.objects.filter(annual=annual).exclude(assessment="")
        missing = plan.focus_areas.exclude(pk__in=assessed.values("focus_area_id"))
        if names := list(missing.order_by("position").values_list("title", flat=True)):
            messages.error(
                request,
                _(
                    "Bedöm effektmålet för varje fokusområde innan årsuppföljningen fastställs. "
                    "Saknas för: %(areas)s."
                )
                % {"areas": ", ".join(names)},
            )
            return redirect(page)
        person = active_person(request.user)
        if person is None:
            raise PermissionDenied(_("Bara den som företräder kommunen fastställer."))
        annual.finalised_on, annual.finalised_by = timezone.localdate(), person
        annual.save()
    messages.success(request, _("Årsuppföljningen %(year)s är fastställd.") % {"year": year})
    return redirect(page)


@login_required
@require_POST
def revise(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """'Revidera handlingsplanen': a revision draft of the plan (signing.revise; an open one
    if there is one) with the year's proposal attached."""
    plan, _access = get_plan_for_user(request.user, pk, require_editor)
    a.check_year(plan, year)
    page = page_url(plan, year)
    annual = a.annual_of(plan, year)
    if annual is None or not annual.revision_proposal.strip():
        messages.error(request, _("Skriv och spara ett förslag till revidering först."))
        return redirect(page)
    try:
        with transaction.atomic():
            revision = signing.revise(document=plan, user=request.user)
            if annual.revision_id != revision.pk:
                annual.revision = revision
                annual.save(update_fields=["revision"])
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(page)
    messages.success(
        request,
        _("Revision %(n)s av handlingsplanen är ett utkast med förslaget från årsuppföljningen.")
        % {"n": revision.revision},
    )
    return redirect(revision)


@login_required
@answers_too_slow
def pdf(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, pk)
    a.check_year(plan, year)
    return file_response(annual_pdf(plan, year), annual_pdf_name(plan, year), PDF)
