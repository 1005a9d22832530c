from django.db import transaction

from safety_partnership.services import copy_rows, new_document_from

from .models import ActionPlan


@transaction.atomic
def copy_plan(original: ActionPlan, **fields) -> ActionPlan:
    """A draft copy of the plan's text, focus areas and measures, with a new title and period."""
    plan = new_document_from(original, **fields)
    for area in original.focus_areas.order_by("position"):
        (new_area,) = copy_rows([area], plan_id=plan.pk)
        copy_rows(area.measures.order_by("position"), focus_area_id=new_area.pk)
    return plan
