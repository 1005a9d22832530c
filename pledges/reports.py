"""The pledge's reports, twice a year: when each opens, who writes it, what a page and the
PDF show of it, and what the finalised year-end report hands on to the next pledge."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from followup import charts
from followup.models import MeasureStatus
from followup.signing import signing_of
from followup.views import parties_for
from safety_partnership.access import active_person
from safety_partnership.models.documents import FROZEN

from .models import Pledge, PledgeReport, Promise, PromiseReport, ReportKind, Target, TargetReport

# A signed pledge is followed up; a superseded one keeps the reports it had.
FOLLOWED_UP = FROZEN
SLUGS = {ReportKind.HALF_YEAR: "halvarsrapport", ReportKind.YEAR_END: "arsrapport"}
KINDS = {slug: kind for kind, slug in SLUGS.items()}
# The month each report may be written from, in the pledge's year.
OPENS_IN: dict[int, int] = {ReportKind.HALF_YEAR: 7, ReportKind.YEAR_END: 12}
COVERS: dict[int, tuple[int, int]] = {ReportKind.HALF_YEAR: (1, 6), ReportKind.YEAR_END: (1, 12)}


def pledge_year(pledge: Pledge) -> int:
    """The year a pledge's reports are about: the year it starts."""
    return pledge.period_start.year


def opens_at(pledge: Pledge, kind: int) -> datetime:
    """Midnight on 1 July (or 1 December) of the pledge year, in Mjölby (TIME_ZONE)."""
    local = timezone.get_default_timezone()
    return datetime(pledge_year(pledge), OPENS_IN[kind], 1, tzinfo=local)


def due_on(pledge: Pledge, kind: int) -> date:
    """The last day to finalise a report: the end of the month after it opens (31 August for
    the half-year report, 31 January of the next year for the year-end report)."""
    opens = opens_at(pledge, kind).date()
    after = date(opens.year + opens.month // 12, opens.month % 12 + 1, 1)
    return date(after.year, after.month, calendar.monthrange(after.year, after.month)[1])


def is_open(pledge: Pledge, kind: int, moment: datetime | None = None) -> bool:
    return (moment or timezone.now()) >= opens_at(pledge, kind)


def opens_label(pledge: Pledge, kind: int) -> str:
    return _("%(report)s kan skrivas från %(date)s.") % {
        "report": ReportKind(kind).label,
        "date": date_format(opens_at(pledge, kind).date(), "j F Y"),
    }


def period_label(pledge: Pledge, kind: int) -> str:
    """'januari–juni 2018' or 'januari–december 2018'."""
    first, last = COVERS[kind]
    year = pledge_year(pledge)
    months = [date_format(date(year, month, 1), "F") for month in (first, last)]
    return f"{months[0]}–{months[1]} {year}"


def report_label(pledge: Pledge, kind: int) -> str:
    return f"{ReportKind(kind).label} {pledge_year(pledge)}"


def may_write(user, pledge: Pledge) -> bool:
    """The police area's people and the municipality's coordinator write, as themselves."""
    return bool(parties_for(user, pledge)) and active_person(user) is not None


@dataclass
class Sheet:
    """A report as its pages and PDF show it: each promise and target with its reported row
    (an unsaved empty one where nothing is written yet)."""

    pledge: Pledge
    kind: int
    report: PledgeReport | None
    promises: list[Promise]
    targets: list[Target]

    @property
    def label(self) -> str:
        return report_label(self.pledge, self.kind)

    @property
    def period(self) -> str:
        return period_label(self.pledge, self.kind)

    @property
    def slug(self) -> str:
        return SLUGS[ReportKind(self.kind)]

    @property
    def finalised(self) -> bool:
        return self.report is not None and self.report.is_finalised

    @property
    def target_chart(self) -> charts.Chart | None:
        """The targets against their measured values, drawn, with the numbers beside."""
        if not self.targets:
            return None
        return charts.target_bars(
            f"mal-{self.slug}",
            _("Mätbara mål: målvärde och uppmätt värde, %(report)s") % {"report": self.label},
            [
                (t.indicator, t.unit, t.baseline_value, t.target_value, t.row.measured_value)
                for t in self.targets
            ],
        )


def sheet(pledge: Pledge, kind: int) -> Sheet:
    """The report with its rows, in a fixed number of queries whatever the number of rows."""
    report = (
        PledgeReport.objects.filter(pledge=pledge, kind=kind)
        .select_related("written_by", "finalised_by")
        .first()
    )
    promises = list(pledge.promises.order_by("position"))
    targets = list(pledge.targets.order_by("position"))
    promise_rows: dict[int, PromiseReport] = {}
    target_rows: dict[int, TargetReport] = {}
    if report is not None:
        promise_rows = {r.promise_id: r for r in PromiseReport.objects.filter(report=report)}
        target_rows = {r.target_id: r for r in TargetReport.objects.filter(report=report)}
    for promise in promises:
        promise.row = promise_rows.get(promise.pk) or PromiseReport(promise=promise)
    for target in targets:
        target.row = target_rows.get(target.pk) or TargetReport(target=target)
    return Sheet(pledge, kind, report, promises, targets)


@dataclass
class ReportState:
    """One line of the pledge page's 'Rapporter': the report and where it stands."""

    pledge: Pledge
    kind: int
    report: PledgeReport | None

    @property
    def label(self) -> str:
        return report_label(self.pledge, self.kind)

    @property
    def slug(self) -> str:
        return SLUGS[ReportKind(self.kind)]

    @property
    def state(self) -> str:
        if self.report is not None and self.report.finalised_on is not None:
            day = date_format(self.report.finalised_on, "j F Y")
            return _("fastställd %(date)s") % {"date": day}
        if self.report is not None:
            return _("påbörjad, ej fastställd")
        if not is_open(self.pledge, self.kind):
            day = date_format(opens_at(self.pledge, self.kind).date(), "j F Y")
            return _("kan skrivas från %(date)s") % {"date": day}
        return _("inte skriven")


def report_states(pledge: Pledge) -> list[ReportState]:
    reports = {r.kind: r for r in PledgeReport.objects.filter(pledge=pledge)}
    return [ReportState(pledge, kind, reports.get(kind)) for kind in ReportKind]


def finalised_year_end(pledge_id: int | None) -> PledgeReport | None:
    if pledge_id is None:
        return None
    return (
        PledgeReport.objects.filter(
            pledge_id=pledge_id, kind=ReportKind.YEAR_END, finalised_on__isnull=False
        )
        .select_related("pledge")
        .first()
    )


def closed_label(report: PledgeReport) -> str:
    """'Medborgarlöftet för 2018 är avslutat – årsrapporten fastställd 15 januari 2019'."""
    return _("Medborgarlöftet för %(year)s är avslutat – årsrapporten fastställd %(date)s") % {
        "year": report.pledge.period,
        "date": date_format(report.finalised_on, "j F Y"),
    }


def year_end_summary(pledge: Pledge) -> str:
    """What the next pledge's situation picture starts from: the finalised year-end report,
    each promise with its status and citizen text, each target's value against its goal.
    Empty when there is no finalised year-end report."""
    report = finalised_year_end(pledge.pk)
    if report is None:
        return ""
    report_sheet = sheet(pledge, ReportKind.YEAR_END)
    lines = [
        _("Uppföljning av medborgarlöftet för %(year)s enligt årsrapporten, fastställd %(date)s:")
        % {"year": pledge.period, "date": date_format(report.finalised_on, "j F Y")}
    ]
    for promise in report_sheet.promises:
        row = promise.row  # type: ignore[attr-defined]
        status = row.get_status_display() if row.status else _("status saknas")
        line = f"– {promise.text.strip()}: {status}."
        if row.citizen_text.strip():
            line += f" {' '.join(row.citizen_text.split())}"
        lines.append(line)
    for target in report_sheet.targets:
        lines.append(f"– {target.indicator}: {target_against_goal(target)}.")
    return "\n".join(lines)


def with_unit(value: str, unit: str) -> str:
    return f"{value} {unit}".strip() if value else ""


def target_against_goal(target: Target) -> str:
    """'uppmätt 95 antal (31 december 2018) mot målvärdet 90 antal'."""
    row = target.row  # type: ignore[attr-defined]
    goal = with_unit(target.target_display, target.unit)
    if row.measured_value is None:
        return _("inget uppmätt värde, målvärdet är %(goal)s") % {"goal": goal}
    measured = with_unit(row.measured_display, target.unit)
    if row.measured_on:
        measured += f" ({date_format(row.measured_on, 'j F Y')})"
    return _("uppmätt %(measured)s mot målvärdet %(goal)s") % {"measured": measured, "goal": goal}


def report_html(report_sheet: Sheet) -> str:
    """The minutes-ready PDF's HTML, on the register's PDF base (templates/pdf/base.html)."""
    pledge = report_sheet.pledge
    partnership = pledge.partnership
    report = report_sheet.report
    finalised = report_sheet.finalised
    day = report.finalised_on if finalised and report else timezone.localdate()
    title = f"{report_sheet.label}: {pledge.title}"
    context = {
        "sheet": report_sheet,
        "pledge": pledge,
        "report": report,
        "statuses": MeasureStatus,
        "report_signing": signing_of(report, of=pledge),
        "pdf": {
            "title": title,
            "author": partnership.parties,
            "organisations": partnership.organisations,
            "subject": f"{report_sheet.label}, {report_sheet.period}",
            "keywords": f"medborgarlöfte, uppföljning, trygghet, {partnership.municipality}",
            "diary_number": pledge.diary_number,
            "date": day,
            "draft": not finalised,
        },
    }
    return render_to_string("pdf/pledge_report.html", context)
