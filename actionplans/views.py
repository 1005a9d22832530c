"""The action plan: read as the paper table, edited row by row in place.

Every editing action has its own URL that works as a plain form without
JavaScript; with htmx the same URL answers with just the plan's table.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.models import Agreement
from safety_partnership.access import Access, check_partnership
from safety_partnership.editing import (
    delete_document,
    move,
    next_position,
    render_page_or_fragment,
)
from safety_partnership.services import copy_document, next_period, retitle
from safety_partnership.signing.views import signing_context

from .access import get_focus_area_for_user, get_measure_for_user, get_plan_for_user
from .forms import CopyPlanForm, FocusAreaForm, MeasureForm, PlanForm
from .kind import focus_areas_with_measures, with_row_counts
from .models import ActionPlan

TEMPLATE = "actionplans/plan_detail.html"


def render_plan(request: HttpRequest, plan: ActionPlan, access: Access, **editing) -> HttpResponse:
    """The plan page; `editing` names the row being edited and its form, if any."""
    can_edit = access.edit and plan.is_draft
    focus_areas = focus_areas_with_measures(plan)
    context = {
        "plan": plan,
        "focus_areas": with_row_counts(focus_areas, can_edit),
        **signing_context(request, plan, access),
        "can_edit": can_edit,
        "can_copy": access.edit,
        **editing,
    }
    return render_page_or_fragment(request, TEMPLATE, "plan-table", context)


def back_to_plan(
    request: HttpRequest, plan: ActionPlan, access: Access, anchor: str
) -> HttpResponse:
    """After a change: the table for htmx, the page (at the changed row) otherwise."""
    if request.htmx:
        return render_plan(request, plan, access)
    return redirect(f"{plan.get_absolute_url()}{'#' + anchor if anchor else ''}")


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan, access = get_plan_for_user(request.user, pk)
    return render_plan(request, plan, access)


@login_required
def plan_create(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related("partnership__municipality", "partnership__police_area"),
        pk=agreement_pk,
    )
    check_partnership(request.user, agreement.partnership, edit=True)
    form = PlanForm(request.POST or None, instance=ActionPlan(agreement=agreement))
    if request.method == "POST" and form.is_valid():
        plan = form.save()
        messages.success(request, _("Handlingsplanen är skapad."))
        return redirect(plan)
    return render(
        request, "actionplans/plan_form.html", {"form": form, "agreement": agreement, "plan": None}
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, pk, edit=True)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(plan)
    return render(
        request,
        "actionplans/plan_form.html",
        {"form": form, "plan": plan, "agreement": plan.agreement},
    )


@login_required
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _access = get_plan_for_user(request.user, pk, edit=True)
    return delete_document(request, plan, plan.agreement.partnership)


@login_required
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """'Ny handlingsplan utifrån 2018–2020': a draft for the next period with the same rows."""
    original, access = get_plan_for_user(request.user, pk)
    partnership = original.agreement.partnership
    check_partnership(request.user, partnership, edit=True)
    start, end = next_period(original.period_start, original.period_end)
    initial = {
        "title": retitle(
            original.title, (original.period_start, original.period_end), (start, end)
        ),
        "period_start": start,
        "period_end": end,
        "agreement": partnership.agreements.order_by("-period_start").first(),
    }
    form = CopyPlanForm(request.POST or None, initial=initial, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        plan = copy_document(original, **form.cleaned_data)
        messages.success(
            request, _("Ett nytt utkast är skapat utifrån %(title)s.") % {"title": original.title}
        )
        return redirect(plan)
    return render(request, "actionplans/plan_copy.html", {"form": form, "original": original})


@login_required
def focus_area_create(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan, access = get_plan_for_user(request.user, plan_pk, edit=True)
    form = FocusAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.plan = plan
        form.instance.position = next_position(plan.focus_areas.all())
        area = form.save()
        return back_to_plan(request, plan, access, area.anchor)
    return render_plan(request, plan, access, editing="new-focus-area", form=form)


@login_required
def focus_area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area, plan, access = get_focus_area_for_user(request.user, pk, edit=True)
    form = FocusAreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        return back_to_plan(request, plan, access, area.anchor)
    return render_plan(request, plan, access, editing="focus-area", edited_id=area.pk, form=form)


@login_required
@require_POST
def focus_area_delete(request: HttpRequest, pk: int) -> HttpResponse:
    area, plan, access = get_focus_area_for_user(request.user, pk, edit=True)
    area.delete()
    messages.success(request, _("Fokusområdet ”%(title)s” är borttaget.") % {"title": area.title})
    return back_to_plan(request, plan, access, "handlingsplan-tabell")


@login_required
@require_POST
def focus_area_move(request: HttpRequest, pk: int) -> HttpResponse:
    area, plan, access = get_focus_area_for_user(request.user, pk, edit=True)
    move(area, plan.focus_areas.all(), request.POST.get("direction", ""))
    return back_to_plan(request, plan, access, area.anchor)


@login_required
def measure_create(request: HttpRequest, focus_area_pk: int) -> HttpResponse:
    area, plan, access = get_focus_area_for_user(request.user, focus_area_pk, edit=True)
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.focus_area = area
        form.instance.position = next_position(area.measures.all())
        measure = form.save()
        return back_to_plan(request, plan, access, measure.anchor)
    return render_plan(request, plan, access, editing="new-measure", edited_id=area.pk, form=form)


@login_required
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure, plan, access = get_measure_for_user(request.user, pk, edit=True)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        return back_to_plan(request, plan, access, measure.anchor)
    return render_plan(request, plan, access, editing="measure", edited_id=measure.pk, form=form)


@login_required
@require_POST
def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    measure, plan, access = get_measure_for_user(request.user, pk, edit=True)
    measure.delete()
    messages.success(request, _("Åtgärden är borttagen."))
    return back_to_plan(request, plan, access, measure.focus_area.anchor)


@login_required
@require_POST
def measure_move(request: HttpRequest, pk: int) -> HttpResponse:
    measure, plan, access = get_measure_for_user(request.user, pk, edit=True)
    move(measure, measure.focus_area.measures.all(), request.POST.get("direction", ""))
    return back_to_plan(request, plan, access, measure.anchor)
