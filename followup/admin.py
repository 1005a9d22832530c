from django.contrib import admin

from safety_partnership.admin import FrozenAdmin, FrozenInline

from .models import (
    AnnualFollowUp,
    AreaAssessment,
    MeasureReport,
    ReportSignature,
    SentReminder,
    TertialCompilation,
)

# What the follow-up keeps once done (a compiled tertial, a finalised annual follow-up) is
# read-only here as everywhere (is_kept(); the models and the database refuse it too).


@admin.register(MeasureReport)
class MeasureReportAdmin(FrozenAdmin):
    list_display = ["__str__", "party", "status", "reported_by", "reported_at"]
    list_filter = ["year", "tertial", "party", "status"]
    list_select_related = ["measure", "reported_by"]
    search_fields = ["comment", "measure__description"]


@admin.register(TertialCompilation)
class TertialCompilationAdmin(FrozenAdmin):
    list_display = ["__str__", "compiled_by", "compiled_at"]
    list_select_related = ["plan", "compiled_by"]


class AreaAssessmentInline(FrozenInline, admin.StackedInline):
    model = AreaAssessment
    extra = 0
    fields = ["focus_area", "summary", "assessment", "motivation"]


@admin.register(AnnualFollowUp)
class AnnualFollowUpAdmin(FrozenAdmin):
    list_display = ["__str__", "finalised_on", "finalised_by"]
    list_select_related = ["plan", "finalised_by"]
    inlines = [AreaAssessmentInline]


@admin.register(AreaAssessment)
class AreaAssessmentAdmin(FrozenAdmin):
    list_display = ["__str__", "assessment"]
    list_select_related = ["annual__plan", "focus_area"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    """What send_reminders sent, kept so that each reminder goes once: read, not written."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["__str__", "sent_at"]
    list_filter = ["kind", "year", "tertial"]
    list_select_related = ["person", "plan"]


@admin.register(ReportSignature)
class ReportSignatureAdmin(FrozenAdmin):
    """Made only by signing on the report's page (signing.py), then never changed."""

    def has_add_permission(self, request):
        return False

    list_display = ["__str__", "content_type", "object_id", "signed_at"]
    list_select_related = ["content_type"]
    readonly_fields = ["content_hash"]
