"""Follow-up data the tests of several apps start from."""

from actionplans.models import ActionPlan, Measure
from followup.models import MeasureReport, TertialCompilation
from safety_partnership.models import Person


def compiled_first_tertial_of_2018() -> TertialCompilation:
    """Every measure of the seed's signed plan reported for T1 2018 by the coordinator, Roger
    Max, and the tertial compiled: a kept report."""
    plan = ActionPlan.objects.get(status="signed")
    roger = Person.objects.get(name="Roger Max")
    for measure in Measure.objects.filter(focus_area__plan=plan):
        MeasureReport.objects.create(
            measure=measure,
            year=2018,
            tertial=1,
            party="municipality",
            status="ongoing",
            reported_by=roger,
        )
    return TertialCompilation.objects.create(plan=plan, year=2018, tertial=1, compiled_by=roger)
