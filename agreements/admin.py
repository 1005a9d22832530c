from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from safety_partnership.admin import DocumentAdmin

from .models import Agreement, LeadershipMeeting


class LeadershipMeetingInline(admin.TabularInline):
    model = LeadershipMeeting
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(DocumentAdmin):
    list_filter = [*DocumentAdmin.list_filter, "partnership"]
    list_select_related = ["partnership__municipality", "partnership__police_area"]
    inlines = [LeadershipMeetingInline, *DocumentAdmin.inlines]


@admin.register(LeadershipMeeting)
class LeadershipMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agreement", "held_on"]
    date_hierarchy = "held_on"
    search_fields = ["participants", "notes"]
    list_select_related = ["agreement"]
