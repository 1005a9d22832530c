from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from safety_partnership.admin import DocumentAdmin, FrozenAdmin, FrozenInline

from .models import CitizenDialogue, Pledge, Promise


class PromiseInline(FrozenInline, admin.TabularInline):
    model = Promise
    extra = 0
    fields = ["position", "text", "responsible", "other_parties", "responsible_note"]


class CitizenDialogueInline(admin.TabularInline):
    model = CitizenDialogue
    extra = 0
    fields = ["year", "held_on", "town", "held_by", "raised"]


@admin.register(Pledge)
class PledgeAdmin(DocumentAdmin):
    list_filter = [*DocumentAdmin.list_filter, "partnership"]
    list_select_related = ["partnership__municipality", "partnership__police_area"]
    inlines = [PromiseInline, CitizenDialogueInline, *DocumentAdmin.inlines]


@admin.register(Promise)
class PromiseAdmin(FrozenAdmin):
    list_display = ["__str__", "pledge", "position", "responsible"]
    list_filter = ["responsible"]
    search_fields = ["text", "other_parties"]
    list_select_related = ["pledge"]


@admin.register(CitizenDialogue)
class CitizenDialogueAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "held_on", "town", "pledge"]
    list_filter = ["year", "partnership"]
    search_fields = ["town", "held_by", "raised"]
    list_select_related = ["pledge"]
