"""The action plan: read as the paper table, edited row by row in place.

Every editing action has its own URL that works as a plain form without
JavaScript; with htmx the same URL answers with just the plan's table.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agreements.models import Agreement
from safety_partnership.access import (
    Access,
    check_partnership,
    require_draft,
    require_editor,
)
from safety_partnership.editing import delete_document, render_page_or_fragment
from safety_partnership.rows import RowKind
from safety_partnership.services import copy_document, next_period, retitle
from safety_partnership.signing.views import signing_context

from .access import get_focus_area_for_user, get_measure_for_user, get_plan_for_user
from .forms import CopyPlanForm, FocusAreaForm, MeasureForm, PlanForm
from .kind import focus_areas_with_measures, with_row_counts
from .models import ActionPlan, FocusArea, Measure

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
    check_partnership(request.user, agreement.partnership, require_editor)
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
    plan, _access = get_plan_for_user(request.user, pk, require_draft)
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
    plan, _access = get_plan_for_user(request.user, pk, require_draft)
    return delete_document(request, plan, plan.agreement.partnership)


@login_required
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """'Ny handlingsplan utifrån 2018–2020': a draft for the next period with the same rows."""
    original, _access = get_plan_for_user(request.user, pk, require_editor)
    partnership = original.agreement.partnership
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
        plan = copy_document(original=original, **form.cleaned_data)
        messages.success(
            request, _("Ett nytt utkast är skapat utifrån %(title)s.") % {"title": original.title}
        )
        return redirect(plan)
    return render(request, "actionplans/plan_copy.html", {"form": form, "original": original})


def plan_as_parent(user, pk: int, need):
    """A new focus area goes under the plan, on the plan's page."""
    plan, access = get_plan_for_user(user, pk, need)
    return plan, plan, access


def show_row_form(request: HttpRequest, plan, access, *, form, row, editing, edited_id):
    return render_plan(request, plan, access, editing=editing, edited_id=edited_id, form=form)


def after_focus_area(request: HttpRequest, plan, access, area, action: str) -> HttpResponse:
    if action == "deleted":
        title = area.title
        messages.success(request, _("Fokusområdet ”%(title)s” är borttaget.") % {"title": title})
        return back_to_plan(request, plan, access, "handlingsplan-tabell")
    return back_to_plan(request, plan, access, area.anchor)


def after_measure(request: HttpRequest, plan, access, measure, action: str) -> HttpResponse:
    if action == "deleted":
        messages.success(request, _("Åtgärden är borttagen."))
        return back_to_plan(request, plan, access, measure.focus_area.anchor)
    return back_to_plan(request, plan, access, measure.anchor)


ROW_KINDS = [
    RowKind(
        name="focus-area",
        model=FocusArea,
        form=FocusAreaForm,
        parent_field="plan",
        get_parent=plan_as_parent,
        get_row=get_focus_area_for_user,
        show_form=show_row_form,
        done=after_focus_area,
        confirm_delete=lambda area: (
            f"”{area.title}”",
            _("Fokusområdet tas bort med alla sina åtgärder. Det finns kvar i historiken."),
        ),
    ),
    RowKind(
        name="measure",
        model=Measure,
        form=MeasureForm,
        parent_field="focus_area",
        get_parent=get_focus_area_for_user,
        get_row=get_measure_for_user,
        show_form=show_row_form,
        done=after_measure,
        confirm_delete=lambda measure: (
            _("åtgärden ”%s”") % measure,
            _("Åtgärden tas bort ur planen. Den finns kvar i historiken."),
        ),
    ),
]
