from django.contrib import admin

from safety_partnership.admin import (
    LIST_PER_PAGE,
    MUNICIPALITY_SEARCH,
    REGION_FILTER,
    DocumentAdmin,
    FrozenAdmin,
    FrozenInline,
)

from .models import (
    CitizenDialogue,
    Pledge,
    PledgeDialogue,
    PledgeReport,
    Promise,
    PromisePoint,
    PromiseReport,
    Target,
    TargetReport,
)


class PromiseInline(FrozenInline, admin.TabularInline):
    model = Promise
    extra = 0
    fields = ["position", "text", "responsible", "other_parties", "responsible_note"]


class TargetInline(FrozenInline, admin.TabularInline):
    model = Target
    extra = 0
    fields = [
        "position",
        "indicator",
        "unit",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "source",
    ]


class PromisePointInline(FrozenInline, admin.TabularInline):
    model = PromisePoint
    extra = 0
    fields = ["position", "text"]


class PledgeDialogueInline(FrozenInline, admin.TabularInline):
    model = PledgeDialogue
    extra = 0
    fields = ["dialogue"]


@admin.register(Pledge)
class PledgeAdmin(DocumentAdmin):
    list_select_related = ["partnership__municipality", "partnership__police_area"]
    inlines = [PromiseInline, TargetInline, PledgeDialogueInline, *DocumentAdmin.inlines]


@admin.register(Promise)
class PromiseAdmin(FrozenAdmin):
    list_display = ["__str__", "pledge", "position", "responsible"]
    list_filter = ["responsible"]
    search_fields = ["text", "other_parties"]
    list_select_related = ["pledge"]
    inlines = [PromisePointInline]


@admin.register(PromisePoint)
class PromisePointAdmin(FrozenAdmin):
    list_display = ["__str__", "promise", "position"]
    search_fields = ["text"]
    list_select_related = ["promise"]


@admin.register(Target)
class TargetAdmin(FrozenAdmin):
    list_display = ["__str__", "pledge", "position", "target_value", "unit"]
    search_fields = ["indicator", "source"]
    list_select_related = ["pledge"]


@admin.register(CitizenDialogue)
class CitizenDialogueAdmin(FrozenAdmin):
    """Read-only once a pledge that rests on the dialogue is locked."""

    list_display = ["__str__", "year", "held_on", "town"]
    list_filter = ["year", REGION_FILTER]
    list_per_page = LIST_PER_PAGE
    search_fields = ["town", "held_by", "raised", MUNICIPALITY_SEARCH]


@admin.register(PledgeDialogue)
class PledgeDialogueAdmin(FrozenAdmin):
    list_display = ["__str__", "pledge"]
    list_select_related = ["pledge", "dialogue"]


class PromiseReportInline(FrozenInline, admin.StackedInline):
    model = PromiseReport
    extra = 0
    fields = ["promise", "status", "done", "citizen_text"]


class TargetReportInline(FrozenInline, admin.TabularInline):
    model = TargetReport
    extra = 0
    fields = ["target", "measured_value", "measured_on"]


@admin.register(PledgeReport)
class PledgeReportAdmin(FrozenAdmin):
    """Read-only once finalised (the models and the database refuse any change too)."""

    list_display = ["__str__", "pledge", "finalised_on"]
    list_select_related = ["pledge"]
    inlines = [PromiseReportInline, TargetReportInline]


@admin.register(PromiseReport)
class PromiseReportAdmin(FrozenAdmin):
    list_display = ["__str__", "report", "status"]
    list_select_related = ["report__pledge", "promise"]


@admin.register(TargetReport)
class TargetReportAdmin(FrozenAdmin):
    list_display = ["__str__", "report", "measured_value"]
    list_select_related = ["report__pledge", "target"]
