from django.contrib import admin

from safety_partnership.admin import (
    CHECKED_IDS,
    CheckedDatesAdmin,
    DocumentAdmin,
    FrozenAdmin,
    FrozenInline,
)

from .models import Agreement, AgreementGoal, Commitment, LeadershipMeeting


class LeadershipMeetingInline(admin.TabularInline):
    model = LeadershipMeeting
    extra = 0


class AgreementGoalInline(FrozenInline, admin.TabularInline):
    model = AgreementGoal
    extra = 0
    fields = ["position", "kind", "text"]


class CommitmentInline(FrozenInline, admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["position", "party", "party_name", "text"]


@admin.register(Agreement)
class AgreementAdmin(DocumentAdmin):
    list_select_related = ["partnership__municipality", "partnership__police_area"]
    inlines = [
        AgreementGoalInline,
        CommitmentInline,
        LeadershipMeetingInline,
        *DocumentAdmin.inlines,
    ]


@admin.register(AgreementGoal)
class AgreementGoalAdmin(FrozenAdmin):
    list_display = ["__str__", "agreement", "kind", "position"]
    list_filter = ["kind", "agreement"]
    search_fields = ["text"]
    list_select_related = ["agreement"]


@admin.register(Commitment)
class CommitmentAdmin(FrozenAdmin):
    list_display = ["__str__", "agreement", "party", "position"]
    list_filter = ["party", "agreement"]
    search_fields = ["text", "party_name"]
    list_select_related = ["agreement"]


@admin.register(LeadershipMeeting)
class LeadershipMeetingAdmin(CheckedDatesAdmin):
    formfield_overrides = CHECKED_IDS
    list_display = ["__str__", "agreement", "held_on"]
    date_hierarchy = "held_on"
    search_fields = ["participants", "notes"]
    list_select_related = ["agreement"]
