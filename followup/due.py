"""What is due in the follow-up, for a set of partnerships at a moment: one place that the
dashboard and the reminders (management command send_reminders) both read.

For each signed plan in effect (status signed, the moment within its period): the open
tertial and its last day, the measures that lack a report in it and whose they are, whether
the coordinator can compile it, and the earlier tertials that are overdue (closed, with
measures unreported or not compiled). For each partnership: the next citizen pledge to write.

A fixed number of queries, however many partnerships, plans, measures and tertials.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actionplans.models import ActionPlan, Measure
from pledges.models import Pledge, ReportKind
from pledges.reports import SLUGS, due_on, opens_at, pledge_year, report_label
from safety_partnership.models import DocumentStatus, Partnership, Person, Role

from .models import MeasureReport, ReportingParty, TertialCompilation
from .tertials import Tertial, tertials_between
from .views import reporting_parties

# The kinds of due item.
REPORT = "report"  # measures of the open tertial without a report
COMPILE = "compile"  # every measure reported, the coordinator compiles
PLEDGE = "pledge"  # the next citizen pledge to write
PLEDGE_REPORT = "pledge_report"  # the pledge's half-year or year-end report to finalise

# The next pledge is written from this many months before the newest one ends.
PLEDGE_MONTHS_AHEAD = 3


def whose(parties: set[str]) -> str:
    """'Polisen', 'Kommunen', or 'Kommunen eller polisen' for a joint measure."""
    if len(parties) > 1:
        return _("Kommunen eller polisen")
    return str(ReportingParty(next(iter(parties))).label)


def last_day(day: date) -> str:
    """'senast 31 augusti 2018'."""
    return _("senast %(day)s") % {"day": date_format(day, "j F Y")}


@dataclass(frozen=True)
class DueItem:
    """Something due: what, for whom (a party and its people), by when, and where."""

    kind: str
    text: str
    partnership: Partnership
    deadline: date
    url: str
    person_ids: frozenset[int]
    party: str = ""  # ReportingParty, or "" for the coordinator's own tasks
    plan: ActionPlan | None = None
    tertial: Tertial | None = None
    measures: tuple[Measure, ...] = ()
    overdue: bool = False


@dataclass
class TertialState:
    """A tertial of a plan: its measures without a report (with the parties who report
    them) and whether it is compiled."""

    tertial: Tertial
    missing: list[tuple[Measure, set[str]]]
    compiled: bool
    url: str

    @property
    def can_compile(self) -> bool:
        return not self.missing and not self.compiled

    @property
    def missing_with_whose(self) -> list[tuple[Measure, str]]:
        return [(measure, whose(parties)) for measure, parties in self.missing]


@dataclass
class PlanDue:
    plan: ActionPlan
    open: TertialState
    overdue: list[TertialState]

    @property
    def deadline(self) -> date:
        return self.open.tertial.end


@dataclass
class PartnershipDue:
    partnership: Partnership
    plans: list[PlanDue] = field(default_factory=list)
    items: list[DueItem] = field(default_factory=list)

    @property
    def pledge_items(self) -> list[DueItem]:
        """The pledge to write and the pledge's reports to finalise."""
        return [item for item in self.items if item.kind in (PLEDGE, PLEDGE_REPORT)]


def months_before(day: date, months: int) -> date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_for(
    partnerships: list[Partnership], moment: datetime | None = None
) -> list[PartnershipDue]:
    """What is due in each partnership at the moment (now by default), in their order."""
    moment = moment or timezone.now()
    today = timezone.localtime(moment).date()
    result = [PartnershipDue(p) for p in partnerships]
    if not partnerships:
        return result
    by_id = {due.partnership.pk: due for due in result}
    plans = list(
        ActionPlan.objects.filter(
            partnership_id__in=by_id,
            status=DocumentStatus.SIGNED,
            period_start__lte=today,
            period_end__gte=today,
        ).order_by("period_start", "pk")
    )
    pledges = list(Pledge.objects.filter(partnership_id__in=by_id).prefetch_related("reports"))
    people = people_of(partnerships) if plans or pledges else {}
    states = tertial_states(plans, moment, today)
    for plan in plans:
        due = by_id[plan.partnership_id]
        plan.partnership = due.partnership  # already loaded
        open_state, *earlier = reversed(states[plan.pk])
        plan_due = PlanDue(plan, open_state, [s for s in reversed(earlier) if not s.compiled])
        due.plans.append(plan_due)
        due.items += plan_items(plan_due, people, moment)
    for due in result:
        due.items += pledge_items(due.partnership, pledges, people, today)
        due.items += pledge_report_items(due.partnership, pledges, people, today)
    return result


def tertial_states(
    plans: list[ActionPlan], moment: datetime, today: date
) -> dict[int, list[TertialState]]:
    """Each plan's tertials up to the open one (closed ones only if still to be done), read in
    three queries for all plans."""
    if not plans:
        return {}
    plan_ids = [plan.pk for plan in plans]
    measures: dict[int, list[Measure]] = defaultdict(list)
    for measure in (
        Measure.objects.filter(focus_area__plan_id__in=plan_ids)
        .select_related("focus_area")
        .order_by("focus_area__position", "position")
    ):
        measures[measure.focus_area.plan_id].append(measure)
    first_year = min(plan.period_start.year for plan in plans)
    reported = set(
        MeasureReport.objects.filter(
            measure__focus_area__plan_id__in=plan_ids, year__gte=first_year, year__lte=today.year
        )
        .values_list("measure_id", "year", "tertial")
        .distinct()
    )
    compiled = set(
        TertialCompilation.objects.filter(plan_id__in=plan_ids).values_list(
            "plan_id", "year", "tertial"
        )
    )
    states: dict[int, list[TertialState]] = {}
    for plan in plans:
        states[plan.pk] = []
        for tertial in tertials_between(plan.period_start, today):
            key = (tertial.year, tertial.number)
            states[plan.pk].append(
                TertialState(
                    tertial=tertial,
                    missing=[
                        (m, reporting_parties(m))
                        for m in measures[plan.pk]
                        if (m.pk, *key) not in reported
                    ],
                    compiled=(plan.pk, *key) in compiled,
                    url=reverse("followup:tertial", args=[plan.pk, tertial.slug]),
                )
            )
    return states


def people_of(partnerships: list[Partnership]) -> dict[tuple[int, str], frozenset[int]]:
    """{(partnership id, party): ids of the active people who report for it}: the police area's
    people for the police, the municipality's coordinator for the municipality."""
    found = Person.objects.filter(is_active=True).filter(
        Q(police_area_id__in={p.police_area_id for p in partnerships if p.police_area_id})
        | Q(municipality_id__in={p.municipality_id for p in partnerships}, role=Role.COORDINATOR)
    )
    people = list(found.only("pk", "police_area_id", "municipality_id"))
    police: dict[tuple[int, str], frozenset[int]] = {
        (p.pk, ReportingParty.POLICE): frozenset(
            person.pk for person in people if person.police_area_id == p.police_area_id
        )
        for p in partnerships
        if p.police_area_id
    }
    municipal: dict[tuple[int, str], frozenset[int]] = {
        (p.pk, ReportingParty.MUNICIPALITY): frozenset(
            person.pk for person in people if person.municipality_id == p.municipality_id
        )
        for p in partnerships
    }
    return police | municipal


def plan_items(
    plan_due: PlanDue, people: dict[tuple[int, str], frozenset[int]], moment: datetime
) -> list[DueItem]:
    plan, partnership = plan_due.plan, plan_due.plan.partnership
    coordinators = people.get((partnership.pk, ReportingParty.MUNICIPALITY), frozenset())
    items = []
    for state in [plan_due.open, *plan_due.overdue]:
        overdue = state.tertial.is_overdue(moment)
        for party in ReportingParty:
            theirs = tuple(m for m, parties in state.missing if party in parties)
            if not theirs:
                continue
            if overdue:
                text = ngettext(
                    "Försenad: %(n)s åtgärd saknar rapport för %(tertial)s",
                    "Försenad: %(n)s åtgärder saknar rapport för %(tertial)s",
                    len(theirs),
                )
            else:
                text = ngettext(
                    "%(n)s åtgärd saknar rapport för %(tertial)s",
                    "%(n)s åtgärder saknar rapport för %(tertial)s",
                    len(theirs),
                )
            items.append(
                DueItem(
                    kind=REPORT,
                    text=text % {"n": len(theirs), "tertial": state.tertial.label},
                    partnership=partnership,
                    deadline=state.tertial.end,
                    url=state.url,
                    person_ids=people.get((partnership.pk, party), frozenset()),
                    party=party,
                    plan=plan,
                    tertial=state.tertial,
                    measures=theirs,
                    overdue=overdue,
                )
            )
        if state.can_compile:
            if overdue:
                text = _("Försenad: %(tertial)s är inte sammanställd")
            else:
                text = _("%(tertial)s kan sammanställas")
            items.append(
                DueItem(
                    kind=COMPILE,
                    text=text % {"tertial": state.tertial.label},
                    partnership=partnership,
                    deadline=state.tertial.end,
                    url=state.url,
                    person_ids=coordinators,
                    plan=plan,
                    tertial=state.tertial,
                    overdue=overdue,
                )
            )
    return items


def pledge_items(
    partnership: Partnership,
    pledges: list[Pledge],
    people: dict[tuple[int, str], frozenset[int]],
    today: date,
) -> list[DueItem]:
    """The next pledge to write: the newest signed one ends within three months (or has
    ended) and no newer pledge, of any status, has been started."""
    own = [p for p in pledges if p.partnership_id == partnership.pk]
    signed = [p for p in own if p.status == DocumentStatus.SIGNED]
    if not signed:
        return []
    newest = max(signed, key=lambda p: (p.period_start, p.revision))
    if any(p.period_start > newest.period_start for p in own):
        return []
    if today < months_before(newest.ends_on, PLEDGE_MONTHS_AHEAD):
        return []
    next_year = (newest.ends_on + timedelta(days=1)).year
    return [
        DueItem(
            kind=PLEDGE,
            text=(
                _("Försenat: medborgarlöfte för %(year)s är inte skrivet")
                if today > newest.ends_on
                else _("Medborgarlöfte för %(year)s ska skrivas")
            )
            % {"year": next_year},
            partnership=partnership,
            deadline=newest.ends_on,
            url=reverse("pledges:create", args=[partnership.pk]),
            person_ids=people.get((partnership.pk, ReportingParty.MUNICIPALITY), frozenset()),
            overdue=today > newest.ends_on,
        )
    ]


def pledge_report_items(
    partnership: Partnership,
    pledges: list[Pledge],
    people: dict[tuple[int, str], frozenset[int]],
    today: date,
) -> list[DueItem]:
    """The signed pledge's reports that are open and not finalised: written by both parties,
    due by the end of the month after they open. A pledge older than last year's is left to
    its page: its reports are history by then."""
    both = people.get((partnership.pk, ReportingParty.POLICE), frozenset()) | people.get(
        (partnership.pk, ReportingParty.MUNICIPALITY), frozenset()
    )
    items = []
    for pledge in pledges:
        if pledge.partnership_id != partnership.pk or pledge.status != DocumentStatus.SIGNED:
            continue
        if pledge_year(pledge) < today.year - 1:
            continue
        finalised = {r.kind for r in pledge.reports.all() if r.finalised_on is not None}
        for kind in ReportKind:
            if kind in finalised or today < opens_at(pledge, kind).date():
                continue
            deadline = due_on(pledge, kind)
            overdue = today > deadline
            if overdue:
                text = _("Försenad: %(report)s om medborgarlöftet är inte fastställd")
            else:
                text = _("%(report)s om medborgarlöftet ska skrivas och fastställas")
            items.append(
                DueItem(
                    kind=PLEDGE_REPORT,
                    text=text % {"report": report_label(pledge, kind)},
                    partnership=partnership,
                    deadline=deadline,
                    url=reverse("pledges:report", args=[pledge.pk, SLUGS[kind]]),
                    person_ids=both,
                    overdue=overdue,
                )
            )
    return items
