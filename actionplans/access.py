"""The one access check for action plans and their rows."""

from django.shortcuts import get_object_or_404

from safety_partnership.access import Access, check_partnership

from .models import ActionPlan, FocusArea, Measure

PLANS = ActionPlan.objects.select_related(
    "agreement__partnership__municipality", "agreement__partnership__police_area", "copied_from"
)


def get_plan_for_user(user, pk: int, *, edit: bool = False) -> tuple[ActionPlan, Access]:
    plan = get_object_or_404(PLANS, pk=pk)
    access = check_partnership(user, plan.agreement.partnership, edit=edit, document=plan)
    return plan, access


def get_focus_area_for_user(user, pk: int, *, edit: bool = False):
    """The focus area, its plan and the user's access, checked on the plan."""
    area = get_object_or_404(FocusArea, pk=pk)
    return (area, *get_plan_for_user(user, area.plan_id, edit=edit))


def get_measure_for_user(user, pk: int, *, edit: bool = False):
    """The measure, its plan and the user's access, checked on the plan."""
    measure = get_object_or_404(Measure.objects.select_related("focus_area"), pk=pk)
    return (measure, *get_plan_for_user(user, measure.focus_area.plan_id, edit=edit))
