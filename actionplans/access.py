"""The one access check for action plans and their rows."""

from django.shortcuts import get_object_or_404

from safety_partnership.access import Access, Need, check_partnership, require_reader

from .models import ActionPlan, FocusArea, Measure

PLANS = ActionPlan.objects.select_related(
    "partnership__municipality", "partnership__police_area", "agreement", "copied_from"
)


def get_plan_for_user(user, pk: int, need: Need = require_reader) -> tuple[ActionPlan, Access]:
    plan = get_object_or_404(PLANS, pk=pk)
    return plan, check_partnership(user, plan.partnership, need, plan)


def get_focus_area_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[FocusArea, ActionPlan, Access]:
    """The focus area, its plan and the user's access, checked on the plan."""
    area = get_object_or_404(FocusArea, pk=pk)
    return (area, *get_plan_for_user(user, area.plan_id, need))


def get_measure_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[Measure, ActionPlan, Access]:
    """The measure, its plan and the user's access, checked on the plan."""
    measure = get_object_or_404(Measure.objects.select_related("focus_area"), pk=pk)
    return (measure, *get_plan_for_user(user, measure.focus_area.plan_id, need))
