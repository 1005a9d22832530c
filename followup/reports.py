"""What the reports of a plan say, read once for many tertials: the ground of the follow-up
pages' counts, the charts and the PDFs, so that they all count the same way."""

from __future__ import annotations

from collections import Counter

from actionplans.models import ActionPlan

from .models import MeasureReport, MeasureStatus
from .tertials import Tertial


def latest_reports(
    plan: ActionPlan, tertials: list[Tertial]
) -> dict[tuple[int, Tertial], MeasureReport]:
    """{(measure id, tertial): the newest report}, whichever party made it and whether it
    corrects another: what the measure's status was said to be last, in one query."""
    years = {t.year for t in tertials}
    wanted = set(tertials)
    latest: dict[tuple[int, Tertial], MeasureReport] = {}
    reports = MeasureReport.objects.filter(measure__focus_area__plan=plan, year__in=years)
    for report in reports.order_by("reported_at", "pk"):
        tertial = Tertial(report.year, report.tertial)
        if tertial in wanted:
            latest[(report.measure_id, tertial)] = report
    return latest


def status_counts(
    measure_ids: list[int], tertial: Tertial, latest: dict[tuple[int, Tertial], MeasureReport]
) -> Counter[str]:
    """How many of the measures stand at each status in the tertial; "" counts the unreported."""
    counts: Counter[str] = Counter()
    for measure_id in measure_ids:
        report = latest.get((measure_id, tertial))
        counts[report.status if report else ""] += 1
    return counts


STATUS_ORDER = [s.value for s in MeasureStatus]


def reports_by_measure(plan: ActionPlan, tertial: Tertial) -> dict[int, list[MeasureReport]]:
    """{measure id: every report of the tertial, oldest first}: each party's, and the
    corrections after the compilation; one query."""
    reports: dict[int, list[MeasureReport]] = {}
    for report in MeasureReport.objects.filter(
        measure__focus_area__plan=plan, year=tertial.year, tertial=tertial.number
    ).select_related("reported_by"):
        reports.setdefault(report.measure_id, []).append(report)
    return reports
