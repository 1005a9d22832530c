"""Marking a row internal (Markera som intern) and public again (Visa offentligt).

The coordinator of the municipality (and whoever else edits the partnership: a superuser)
marks a measure of the plan, a tertial comment, what was done of a promise or a focus
area's notes in the annual follow-up internal: e.g.
police intelligence. The mark lies beside the row (public/models.py), so it may be set on a
signed plan, a compiled tertial and a finalised report, whose rows never change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans.models import Measure
from followup.models import AreaAssessment, MeasureReport
from pledges.models import PromiseReport
from pledges.reports import SLUGS
from safety_partnership.access import active_person, check_partnership, require_editor
from safety_partnership.models import Partnership

from .models import WHOLE_ROW, InternalMark


@dataclass(frozen=True)
class Markable:
    model: type[Model]
    field: str  # WHOLE_ROW, or the one field that is internal
    select: tuple[str, ...]  # what partnership_of and page_of read, in the same query
    partnership_of: Callable[[Model], Partnership]
    page_of: Callable[[Model], str]  # where the row is shown, to return to


def _plan_page(measure) -> str:
    return f"{measure.focus_area.plan.get_absolute_url()}#{measure.anchor}"


def _tertial_page(report) -> str:
    url = reverse(
        "followup:tertial",
        args=[report.measure.focus_area.plan_id, f"{report.year}-T{report.tertial}"],
    )
    return f"{url}#atgard-{report.measure_id}"


def _annual_page(row) -> str:
    url = reverse("followup:annual", args=[row.annual.plan_id, row.annual.year])
    return f"{url}#omrade-{row.focus_area_id}"


def _report_page(row) -> str:
    report = row.report
    url = reverse("pledges:report", args=[report.pledge_id, SLUGS[report.kind]])
    return f"{url}#lofte-{row.promise_id}"


MARKABLE = {
    "atgard": Markable(
        model=Measure,
        field=WHOLE_ROW,
        select=("focus_area__plan__partnership",),
        partnership_of=lambda m: m.focus_area.plan.partnership,  # type: ignore[attr-defined]
        page_of=_plan_page,
    ),
    "tertialkommentar": Markable(
        model=MeasureReport,
        field="comment",
        select=("measure__focus_area__plan__partnership",),
        partnership_of=lambda r: r.measure.focus_area.plan.partnership,  # type: ignore[attr-defined]
        page_of=_tertial_page,
    ),
    # What was done of a promise, in the pledge's report (its citizen text is for everyone).
    "loftesrapport": Markable(
        model=PromiseReport,
        field="done",
        select=("report__pledge__partnership",),
        partnership_of=lambda r: r.report.pledge.partnership,  # type: ignore[attr-defined]
        page_of=_report_page,
    ),
    # A focus area's notes in the annual follow-up: its summary and motivation.
    "arsuppfoljning": Markable(
        model=AreaAssessment,
        field=WHOLE_ROW,
        select=("annual__plan__partnership",),
        partnership_of=lambda a: a.annual.plan.partnership,  # type: ignore[attr-defined]
        page_of=_annual_page,
    ),
}


@login_required
@require_POST
def toggle(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Mark the row internal, or lift the mark (internal="0"); back to the row's page."""
    markable = MARKABLE.get(kind)
    if markable is None:
        raise Http404(_("Sidan finns inte."))
    row = get_object_or_404(
        markable.model._default_manager.select_related(*markable.select),
        pk=pk,
    )
    check_partnership(request.user, markable.partnership_of(row), require_editor)
    wanted = request.POST.get("internal")
    if wanted not in {"0", "1"}:
        messages.error(request, _("Ange om uppgiften ska vara intern eller offentlig."))
        return redirect(markable.page_of(row))
    marks = InternalMark.objects.filter(
        content_type=ContentType.objects.get_for_model(markable.model),
        object_id=row.pk,
        field=markable.field,
    )
    if wanted == "1":
        try:
            with transaction.atomic():
                if not marks.exists():
                    InternalMark.objects.create(
                        content_type=ContentType.objects.get_for_model(markable.model),
                        object_id=row.pk,
                        field=markable.field,
                        marked_by=active_person(request.user),
                    )
        except IntegrityError:
            pass  # marked at the same moment by someone else: marked all the same
        messages.success(request, _("Uppgiften är markerad som intern och visas inte offentligt."))
    else:
        for mark in marks:
            mark.delete()  # one by one, so that the history records who lifted it
        messages.success(request, _("Den interna markeringen är borttagen."))
    return redirect(markable.page_of(row))


def mark_url(kind: str, pk: int) -> str:
    return reverse("public:mark", args=[kind, pk])
