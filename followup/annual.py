"""The annual follow-up of a plan year: when it opens, and what its page and PDF show of the
year's tertial reports beside each focus area's summary and assessment."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django import forms
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import ActionPlan, FocusArea, Measure
from safety_partnership.forms import RegisterForm
from safety_partnership.models.documents import FROZEN

from . import charts
from .models import AnnualFollowUp, AreaAssessment, MeasureStatus
from .reports import STATUS_ORDER, latest_reports, status_counts
from .tertials import Tertial, tertials_between

DEFAULT_AFTER_TERTIAL = 2  # the plan: "the annual follow-up starts after the second tertial"


def plan_years(plan: ActionPlan) -> list[int]:
    """The years of the plan's period, each with its annual follow-up."""
    if plan.status not in FROZEN or plan.period_end is None:
        return []
    return list(range(plan.period_start.year, plan.period_end.year + 1))


def check_year(plan: ActionPlan, year: int) -> None:
    if plan.status not in FROZEN:
        raise Http404(_("Bara en undertecknad plan följs upp."))
    if year not in plan_years(plan):
        raise Http404(_("Året ligger utanför planens period."))


def opens_at(plan: ActionPlan, year: int) -> datetime:
    """When the tertial the plan names (T2 unless it says otherwise) is over, local time."""
    after = plan.annual_follow_up_after_tertial or DEFAULT_AFTER_TERTIAL
    return Tertial(year, after).closes_at


def is_open(plan: ActionPlan, year: int, moment: datetime | None = None) -> bool:
    return (moment or timezone.now()) >= opens_at(plan, year)


def opening_day(plan: ActionPlan, year: int) -> date:
    return timezone.localtime(opens_at(plan, year)).date()


class AnnualForm(RegisterForm):
    class Meta:
        model = AnnualFollowUp
        fields = ["revision_proposal"]
        widgets = {"revision_proposal": forms.Textarea(attrs={"rows": 6})}


class AreaForm(RegisterForm):
    class Meta:
        model = AreaAssessment
        fields = ["summary", "assessment", "motivation"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "motivation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = [
            ("", gettext_lazy("– Inte bedömt ännu –")),
            *self.fields["assessment"].choices[1:],
        ]


def status_labels() -> list[tuple[str, str]]:
    """The statuses in reports.py's order, each may break after a slash ("Stoppad/ändrad")
    rather than in the middle of a word in a narrow column."""
    return [
        (
            s,
            format_html_join(
                mark_safe("/<wbr>"), "{}", ((part,) for part in MeasureStatus(s).label.split("/"))
            ),
        )
        for s in STATUS_ORDER
    ]


@dataclass
class TertialCounts:
    tertial: Tertial
    counts: list[int]  # in STATUS_ORDER, then the unreported
    reported: int


@dataclass
class AreaYear:
    """A focus area's year: its measures' status per tertial and its assessment, if any."""

    area: FocusArea
    assessment: AreaAssessment | None
    tertials: list[TertialCounts] = field(default_factory=list)
    form: AreaForm | None = None


def year_tertials(plan: ActionPlan, year: int) -> list[Tertial]:
    return [t for t in tertials_between(plan.period_start, plan.period_end) if t.year == year]


def annual_of(plan: ActionPlan, year: int) -> AnnualFollowUp | None:
    return (
        AnnualFollowUp.objects.filter(plan=plan, year=year)
        .select_related("changed_by", "finalised_by", "revision")
        .first()
    )


def area_years(plan: ActionPlan, year: int, annual: AnnualFollowUp | None) -> list[AreaYear]:
    """Every focus area with its tertials' counts (reports.py, one query for the year) and its
    assessment: four queries whatever the number of areas, measures and reports."""
    tertials = year_tertials(plan, year)
    latest = latest_reports(plan, tertials)
    areas = plan.focus_areas.order_by("position").prefetch_related(
        Prefetch("measures", queryset=Measure.objects.only("pk", "focus_area_id"))
    )
    assessments = (
        {a.focus_area_id: a for a in AreaAssessment.objects.filter(annual=annual)}
        if annual is not None
        else {}
    )
    rows = []
    for area in areas:
        ids = [m.pk for m in area.measures.all()]
        row = AreaYear(area=area, assessment=assessments.get(area.pk))
        for tertial in tertials:
            counts = status_counts(ids, tertial, latest)
            row.tertials.append(
                TertialCounts(
                    tertial=tertial,
                    counts=[counts[s] for s in STATUS_ORDER] + [counts[""]],
                    reported=len(ids) - counts[""],
                )
            )
        rows.append(row)
    return rows


def year_chart(year: int, rows: list[AreaYear]) -> charts.Chart | None:
    """The year's measures by status, tertial by tertial: the areas' counts added up."""
    if not rows or not rows[0].tertials:
        return None
    statuses = [*STATUS_ORDER, charts.UNREPORTED]
    totals = []
    for index, first in enumerate(rows[0].tertials):
        counts: Counter[str] = Counter()
        for row in rows:
            counts.update(dict(zip(statuses, row.tertials[index].counts, strict=True)))
        totals.append((first.tertial.label, counts))
    title = _("Åtgärder per status och tertial, %(year)s") % {"year": year}
    return charts.status_bars(f"ar-{year}", title, _("Tertial"), totals)
