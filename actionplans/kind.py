"""The action plan as a kind of document: what the register's shared code needs to know."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safety_partnership.access import get_partnership_for_user
from safety_partnership.history import Noun, Part, register_noun
from safety_partnership.kinds import DocumentKind, RowChanges
from safety_partnership.services import copy_rows

from .access import get_plan_for_user
from .forms import PlanForm
from .models import ActionPlan, FocusArea, Measure


def focus_areas_with_measures(plan: ActionPlan) -> list[FocusArea]:
    """The plan's rows, each with its measures as measure_rows, in two queries."""
    areas = list(
        plan.focus_areas.order_by("position").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("position"))
        )
    )
    for area in areas:
        area.measure_rows = list(area.measures.all())
    return areas


def with_row_counts(focus_areas: list[FocusArea], can_edit: bool) -> list[FocusArea]:
    for area in focus_areas:
        # Rows the area's first cells span: its measures, and the "add" row when editing.
        area.row_count = max(1, len(area.measure_rows)) + can_edit
    return focus_areas


def copy_plan_rows(original: ActionPlan, copy: ActionPlan) -> None:
    for area in original.focus_areas.order_by("position"):
        (new_area,) = copy_rows(rows=[area], plan_id=copy.pk)
        copy_rows(rows=area.measures.order_by("position"), focus_area_id=new_area.pk)


register_noun(FocusArea, Noun("ett", gettext_lazy("fokusområde"), gettext_lazy("fokusområdet")))
register_noun(Measure, Noun("en", gettext_lazy("åtgärd"), gettext_lazy("åtgärden")))


def history_parts(plan: ActionPlan) -> list[Part]:
    area_records = FocusArea.history.filter(plan_id=plan.pk)
    # The latest title of every focus area the plan has had, to name its measures by.
    area_titles = dict(area_records.order_by("history_date").values_list("id", "title"))
    return [
        Part(FocusArea, area_records, lambda r: f"”{r.title}”"),
        Part(
            Measure,
            Measure.history.filter(focus_area_id__in=list(area_titles)),
            lambda r: (
                _("i ”%(area)s”: %(text)s")
                % {
                    "area": area_titles.get(r.focus_area_id, "?"),
                    "text": Truncator(r.description).words(8),
                }
            ),
            separator=" ",
        ),
    ]


def as_of_context(plan: ActionPlan, then: ActionPlan, moment) -> dict:
    areas = list(FocusArea.history.as_of(moment).filter(plan_id=plan.pk).order_by("position"))
    measures = Measure.history.as_of(moment).filter(focus_area_id__in=[a.pk for a in areas])
    by_area: dict[int, list] = {}
    for measure in measures.order_by("position"):
        by_area.setdefault(measure.focus_area_id, []).append(measure)
    for area in areas:
        area.measure_rows = by_area.get(area.pk, [])
    return {"plan": then, "focus_areas": with_row_counts(areas, can_edit=False)}


def create_links(partnership, documents: dict) -> list[tuple[str, str]]:
    """A new plan is made under the partnership; its form asks for its agreement, if any."""
    return [(_("Ny handlingsplan"), reverse("actionplans:create", args=[partnership.pk]))]


KIND = DocumentKind(
    model=ActionPlan,
    slug="handlingsplan",
    singular=gettext_lazy("handlingsplan"),
    definite=gettext_lazy("handlingsplanen"),
    plural=gettext_lazy("handlingsplaner"),
    namespace="actionplans",
    urls="actionplans.urls",
    url_prefix="handlingsplaner",
    get_for_user=get_plan_for_user,
    partnership_path="partnership",
    parent_field="partnership",
    parent_for_user=get_partnership_for_user,
    form=PlanForm,
    form_template="actionplans/plan_form.html",
    new_label=gettext_lazy("Ny handlingsplan"),
    created_message=gettext_lazy("Handlingsplanen är skapad."),
    detail_template="actionplans/plan_detail.html",
    pdf_template="pdf/actionplan.html",
    rows=focus_areas_with_measures,
    as_of_context=as_of_context,
    history_parts=history_parts,
    copy_rows=copy_plan_rows,
    row_changes=(
        RowChanges(FocusArea, "plan", gettext_lazy("Ett fokusområde")),
        RowChanges(Measure, "focus_area__plan", gettext_lazy("En åtgärd")),
    ),
    create_links=create_links,
    landscape=True,
)
