"""The action plan: read as the paper table, edited row by row in place.

Every editing action has its own URL that works as a plain form without
JavaScript; with htmx the same URL answers with just the plan's table.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.annual import plan_years
from followup.models import AnnualFollowUp
from public.selection import internal_ids
from public.similar import similar_partnerships
from safety_partnership.access import (
    Access,
    may_change,
    require_draft,
    require_editor,
)
from safety_partnership.editing import render_page_or_fragment
from safety_partnership.rows import RowKind, edited_in_place
from safety_partnership.services import copy_document, next_period, retitle
from safety_partnership.signing.views import signing_context
from safety_partnership.uploads import EXPIRED, confirmed, forget, keep_for_confirmation

from . import measures_csv
from .access import get_focus_area_for_user, get_measure_for_user, get_plan_for_user
from .forms import CopyPlanForm, FocusAreaForm, MeasureForm
from .kind import focus_areas_with_measures, with_row_counts
from .models import ActionPlan, FocusArea, Measure

TEMPLATE = "actionplans/plan_detail.html"


def render_plan(request: HttpRequest, plan: ActionPlan, access: Access, **editing) -> HttpResponse:
    """The plan page; `editing` names the row being edited and its form, if any."""
    can_edit = may_change(access, plan)
    focus_areas = focus_areas_with_measures(plan)
    measures = [m for area in focus_areas for m in area.measure_rows]
    internal = internal_ids(Measure, (m.pk for m in measures))
    for measure in measures:
        measure.is_internal = measure.pk in internal
    context = {
        "plan": plan,
        "focus_areas": with_row_counts(focus_areas, can_edit),
        **signing_context(request, plan, access),
        "can_edit": can_edit,
        "can_copy": access.edit,
        # Marking a measure internal changes nothing signed: allowed at any status.
        "can_mark": access.edit,
        "annual_years": plan_years(plan),
        # A revision started from an annual follow-up shows the proposal it answers.
        "annual_proposals": (
            list(AnnualFollowUp.objects.filter(revision=plan).order_by("year"))
            if plan.revision_of_id
            else []
        ),
        **editing,
    }
    return render_page_or_fragment(request, TEMPLATE, "plan-table", context)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan, access = get_plan_for_user(request.user, pk)
    # For its editors (the coordinator): what other partnerships have published on the same
    # themes, to learn from.
    similar = similar_partnerships(plan) if access.edit else []
    return render_plan(request, plan, access, similar=similar)


@login_required
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """'Ny handlingsplan utifrån 2018–2020': a draft for the next period with the same rows."""
    original, _access = get_plan_for_user(request.user, pk, require_editor)
    partnership = original.partnership
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
        fields = dict(form.cleaned_data)
        agreement = fields.pop("agreement")  # or None: "Ingen överenskommelse"
        plan = copy_document(
            original=original, agreement_id=agreement.pk if agreement else None, **fields
        )
        messages.success(
            request, _("Ett nytt utkast är skapat utifrån %(title)s.") % {"title": original.title}
        )
        return redirect(plan)
    return render(request, "actionplans/plan_copy.html", {"form": form, "original": original})


def plan_as_parent(user, pk: int, need):
    """A new focus area goes under the plan, on the plan's page."""
    plan, access = get_plan_for_user(user, pk, need)
    return plan, plan, access


ROW_KINDS = [
    RowKind(
        name="focus-area",
        model=FocusArea,
        form=FocusAreaForm,
        parent_field="plan",
        get_parent=plan_as_parent,
        get_row=get_focus_area_for_user,
        **edited_in_place(
            render_plan,
            deleted=lambda area: (
                _("Fokusområdet ”%(title)s” är borttaget.") % {"title": area.title}
            ),
            anchor_after_delete=lambda area: "handlingsplan-tabell",
        ),
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
        **edited_in_place(
            render_plan,
            deleted=lambda measure: _("Åtgärden är borttagen."),
            anchor_after_delete=lambda measure: measure.focus_area.anchor,
        ),
        confirm_delete=lambda measure: (
            _("åtgärden ”%s”") % measure,
            _("Åtgärden tas bort ur planen. Den finns kvar i historiken."),
        ),
    ),
]


class MeasuresFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-fil med åtgärder"),
        help_text=gettext_lazy(
            "En rad per åtgärd med kolumnerna Fokusområde (valfri), Problembild, Orsaksanalys, "
            "Övergripande effektmål, Delmål, Åtgärd och Ansvar; semikolon eller komma. "
            "Högst 2 MB."
        ),
    )


MEASURES_SESSION = "actionplans_measures_csv"


@login_required
def plan_import_measures(request: HttpRequest, pk: int) -> HttpResponse:
    """A CSV of measures into the draft: uploaded, previewed, then added after its rows."""
    plan, _access = get_plan_for_user(request.user, pk, require_draft)
    context: dict = {"plan": plan, "form": MeasuresFileForm()}
    if request.method == "POST" and "token" in request.POST:
        pending = confirmed(request, MEASURES_SESSION, plan=plan.pk)
        if pending is None:
            messages.error(request, EXPIRED)
            return redirect("actionplans:import_measures", plan.pk)
        areas = measures_csv.read_areas(pending["csv"].encode())
        added = measures_csv.add_to_plan(plan, areas)
        forget(request, MEASURES_SESSION)
        messages.success(
            request,
            _("%(areas)s fokusområden med %(measures)s åtgärder är tillagda.")
            % {"areas": len(areas), "measures": added},
        )
        return redirect(plan)
    if request.method == "POST":
        form = MeasuresFileForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            raw = form.cleaned_data["file"].read()
            try:
                areas = measures_csv.read_areas(raw)
            except measures_csv.CsvRefused as refused:
                context["errors"] = refused.errors
            else:
                token = keep_for_confirmation(
                    request, MEASURES_SESSION, plan=plan.pk, csv=measures_csv.decode(raw)
                )
                context.update(areas=areas, token=token)
    return render(request, "actionplans/import_measures.html", context)
