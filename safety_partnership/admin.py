"""The Django admin, for superusers: every model with its history, search and filters."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CouncilCase,
    CoverMemo,
    DecisionBasis,
    MinutesParagraph,
    Municipality,
    Partnership,
    Person,
    PoliceArea,
    Recipient,
    Signature,
)


class SignatureInline(GenericTabularInline):
    model = Signature
    extra = 0
    fields = ["position", "person", "name", "title", "signed_on", "place", "method"]
    autocomplete_fields = ["person"]


class DocumentAdmin(SimpleHistoryAdmin):
    """Shared by the agreement, action plan and pledge admins."""

    list_display = ["title", "period", "status", "revision", "diary_number"]
    list_filter = ["status", "period_start"]
    search_fields = ["title", "diary_number"]
    date_hierarchy = "period_start"
    inlines = [SignatureInline]
    history_list_display = ["status"]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(PoliceArea)
class PoliceAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "police_area"]
    list_filter = ["police_area"]
    search_fields = ["municipality__name", "police_area__name"]
    list_select_related = ["municipality", "police_area"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "role", "municipality", "police_area", "user", "is_active"]
    list_filter = ["role", "is_active", "municipality", "police_area"]
    search_fields = ["name", "title", "email", "user__username"]
    list_select_related = ["municipality", "police_area", "user"]
    autocomplete_fields = ["user"]


@admin.register(Signature)
class SignatureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "content_type", "object_id", "signed_on", "method"]
    list_filter = ["method", "content_type"]
    search_fields = ["name", "title"]
    autocomplete_fields = ["person"]


class DecisionBasisInline(admin.TabularInline):
    model = DecisionBasis
    extra = 0
    autocomplete_fields = ["agreement", "action_plan", "pledge"]


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    fields = ["position", "name"]


@admin.register(CouncilCase)
class CouncilCaseAdmin(SimpleHistoryAdmin):
    list_display = ["diary_number", "title", "municipality", "case_officer"]
    list_filter = ["municipality"]
    search_fields = ["diary_number", "title", "background", "summary"]
    list_select_related = ["municipality", "case_officer"]
    autocomplete_fields = ["case_officer"]
    inlines = [DecisionBasisInline]


@admin.register(DecisionBasis)
class DecisionBasisAdmin(SimpleHistoryAdmin):
    list_display = ["title", "case", "position"]
    search_fields = ["title", "case__diary_number"]
    list_select_related = ["case"]
    autocomplete_fields = ["agreement", "action_plan", "pledge"]


@admin.register(MinutesParagraph)
class MinutesParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "case", "meeting_date", "outcome"]
    list_filter = ["body", "outcome"]
    search_fields = ["case__diary_number", "case__title", "information", "proposal", "decision"]
    list_select_related = ["case"]
    inlines = [RecipientInline]


@admin.register(CoverMemo)
class CoverMemoAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "date", "addressee"]
    date_hierarchy = "date"
    search_fields = ["case__diary_number", "case__title", "proposal"]
    list_select_related = ["case"]
    inlines = [RecipientInline, SignatureInline]


@admin.register(Recipient)
class RecipientAdmin(SimpleHistoryAdmin):
    list_display = ["name", "paragraph", "memo", "position"]
    search_fields = ["name"]
    list_select_related = ["paragraph", "memo__case"]
