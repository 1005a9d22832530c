"""The follow-up's charts from a plan's reports: what the overview page, the tertial page and
the tertial report PDF show, counted once, the same way (reports.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, FocusArea

from . import charts
from .models import MeasureReport
from .reports import status_counts
from .tertials import Tertial

Latest = dict[tuple[int, Tertial], MeasureReport]


def areas_of(plan: ActionPlan) -> list[FocusArea]:
    """The plan's focus areas in order, each with measure_list in order: two queries."""
    areas = list(plan.focus_areas.order_by("position").prefetch_related("measures"))
    for area in areas:
        measures = sorted(area.measures.all(), key=lambda m: m.position)
        area.measure_list = measures
    return areas


def measures_of(area: FocusArea) -> list[Any]:
    """The measures areas_of found, in order; Any, since the pages hang their reports on them."""
    return area.measure_list  # type: ignore[attr-defined]


def area_chart(areas: list[FocusArea], tertial: Tertial, latest: Latest) -> charts.Chart:
    rows = [
        (area.title, status_counts([m.pk for m in measures_of(area)], tertial, latest))
        for area in areas
    ]
    title = _("Åtgärder per status och fokusområde, %(tertial)s") % {"tertial": tertial.label}
    return charts.status_bars(f"omraden-{tertial.slug}", title, _("Fokusområde"), rows)


def trend_chart(areas: list[FocusArea], tertials: list[Tertial], latest: Latest) -> charts.Chart:
    measure_ids = [m.pk for area in areas for m in measures_of(area)]
    rows = [(t.label, status_counts(measure_ids, t, latest)) for t in tertials]
    title = _("Åtgärder per status och tertial, hela planen")
    return charts.status_bars("trend", title, _("Tertial"), rows)


def last_reported(tertials: list[Tertial], latest: Latest) -> Tertial | None:
    """The latest tertial any measure is reported in."""
    reported = {tertial for _measure, tertial in latest}
    return max((t for t in tertials if t in reported), default=None)
