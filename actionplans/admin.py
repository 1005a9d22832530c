from django.contrib import admin

from safety_partnership.admin import DocumentAdmin, FrozenAdmin, FrozenInline

from .models import ActionPlan, FocusArea, Measure


class FocusAreaInline(FrozenInline, admin.StackedInline):
    model = FocusArea
    extra = 0
    show_change_link = True  # the measures are edited on the focus area's own page


class MeasureInline(FrozenInline, admin.TabularInline):
    model = Measure
    extra = 0
    fields = ["position", "description", "responsible", "other_parties", "responsible_note"]


@admin.register(ActionPlan)
class ActionPlanAdmin(DocumentAdmin):
    inlines = [FocusAreaInline, *DocumentAdmin.inlines]


@admin.register(FocusArea)
class FocusAreaAdmin(FrozenAdmin):
    list_display = ["title", "plan", "position"]
    list_filter = ["plan"]
    search_fields = ["title", "problem", "cause_analysis", "effect_goal", "sub_goal"]
    list_select_related = ["plan"]
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(FrozenAdmin):
    list_display = ["__str__", "focus_area", "position", "responsible"]
    list_filter = ["responsible", "focus_area__plan"]
    search_fields = ["description", "other_parties", "responsible_note"]
    list_select_related = ["focus_area"]
