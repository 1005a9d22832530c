"""The Django admin, for superusers: every model with its history, search and filters."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import BaseModelAdmin, IncorrectLookupParameters, InlineModelAdmin
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import connections, models
from django.db.models import CharField, Func
from django.db.models.functions import Cast, ExtractYear, Substr
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.admin import SimpleHistoryAdmin

from .addresses import addresses
from .forms import IdsChoiceField, fits
from .models import (
    ArchivedPdf,
    CouncilCase,
    CoverMemo,
    DecisionBasis,
    DocumentStatus,
    MinutesParagraph,
    Municipality,
    Partnership,
    Person,
    PoliceArea,
    Recipient,
    ReviewMark,
    Signature,
    SignedPaper,
    SigningEvent,
)
from .models.documents import locked_document


def is_locked(obj) -> bool:
    """A signed document (or one awaiting signatures), or a row of one, a paragraph of
    adjusted minutes with its recipients, and what another app keeps once done (a compiled
    tertial's reports, a finalised report: their is_kept()): read-only here too."""
    if hasattr(obj, "is_kept"):
        return obj.is_kept()
    if isinstance(obj, Recipient):
        obj = obj.paragraph
    if isinstance(obj, MinutesParagraph):
        return obj.is_adjusted
    return hasattr(obj, "document_of_row") and locked_document(obj) is not None


FROZEN_MESSAGE = _(
    "Dokument som är undertecknade eller väntar på underskrifter kan inte ändras, "
    "inte heller deras rader, justerade protokoll, sammanställda tertialer eller "
    "fastställda rapporter."
)


class ForgivingAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete, which shows a form again without a server error when a posted
    value is not an id at all (" " for a person, or a number past the database's integers:
    only a hand-made request sends it). Django looks the value up to show its label and
    fails on it; such a value is shown as nothing chosen, and the form says the choice is
    not valid."""

    def optgroups(self, name, value, attr=None):
        ids = [each for each in value if fits(self.field.target_field, each)]
        return super().optgroups(name, ids, attr)


class ForgivingAutocomplete(BaseModelAdmin):
    """For an admin or inline with autocomplete_fields: ForgivingAutocompleteSelect."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            using = kwargs.get("using")
            kwargs.setdefault(
                "widget", ForgivingAutocompleteSelect(db_field, self.admin_site, using=using)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# A choice of several rows (a meeting's followed-up plans, a pledge's dialogues) that refuses
# an id past the database's integers rather than failing on it.
CHECKED_IDS: Mapping[type[models.Field], Mapping[str, Any]] = {
    models.ManyToManyField: {"form_class": IdsChoiceField}
}


class CheckedUserAdmin(UserAdmin):
    """Django's admin of users, its groups and permissions chosen as CHECKED_IDS."""

    formfield_overrides = CHECKED_IDS


class CheckedGroupAdmin(GroupAdmin):
    formfield_overrides = CHECKED_IDS


admin.site.unregister(User)
admin.site.register(User, CheckedUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, CheckedGroupAdmin)


class CheckedDatesChangeList(ChangeList):
    """Django's list, answering a date hierarchy's year past what a date holds
    (?period_start__year=2147483648, or 9999, whose next year is none) as a wrong parameter
    (?e=1), as Django answers one that is no number, not with a server error."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class CheckedDatesAdmin(SimpleHistoryAdmin):
    """An admin with a date hierarchy."""

    def get_changelist(self, request, **kwargs):
        return CheckedDatesChangeList


class FrozenAdmin(SimpleHistoryAdmin):
    """An admin whose objects are read-only once their document is signed."""

    formfield_overrides = CHECKED_IDS

    def action_checkbox(self, obj):
        # Django's own checkbox, written out: its widget renders a template for each row.
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not is_locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not is_locked(obj)

    def delete_queryset(self, request, queryset):
        if any(is_locked(obj) for obj in queryset):
            self.message_user(request, FROZEN_MESSAGE, messages.ERROR)
            return
        super().delete_queryset(request, queryset)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history's "revert" writes an old version back; never onto a signed document.
        if request.method == "POST" and is_locked(self.get_object(request, object_id)):
            self.message_user(request, FROZEN_MESSAGE, messages.ERROR)
            opts = self.model._meta
            return redirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id])
            )
        return super().history_form_view(request, object_id, version_id, extra_context)


class FrozenInline(InlineModelAdmin):
    """An inline whose rows are read-only once the document it belongs to is signed."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not is_locked(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not is_locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not is_locked(obj)


# A model with a partnership (agreements, plans, pledges, dialogues) is filtered by police
# region and searched by its municipality's name: among the country's 290 partnerships one is
# found by typing its name, not picked from a sidebar of 290 links.
REGION_FILTER = "partnership__police_area__region"
MUNICIPALITY_SEARCH = "partnership__municipality__name"
# A page of a register's list: the country's thousands of documents are found by the
# filters and the search, not by scrolling (Django's default is 100).
LIST_PER_PAGE = 25


class SignatureInline(ForgivingAutocomplete, FrozenInline, GenericTabularInline):
    model = Signature
    extra = 0
    fields = ["position", "person", "name", "title", "signed_on", "place", "method"]
    autocomplete_fields = ["person"]


class PlainYears:
    """A queryset whose dates(…, "year") reads each document's year as plainly as the
    database can (the date hierarchy's years of thousands of documents): Django's truncates
    each row's date in Python on SQLite, and as a timestamp with a time zone on PostgreSQL.
    SQLite stores a date as 'YYYY-MM-DD' text, so its year is its first four characters."""

    def dates(self, field_name, kind, order="ASC"):
        if kind != "year":
            return super().dates(field_name, kind, order)  # type: ignore[misc]
        year: Func
        if connections[self.db].vendor == "sqlite":  # type: ignore[attr-defined]
            year = Substr(Cast(field_name, CharField()), 1, 4)
        else:
            year = ExtractYear(field_name)
        years = (
            self.filter(**{f"{field_name}__isnull": False})  # type: ignore[attr-defined]
            .order_by()
            .annotate(s_year=year)
            .values_list("s_year", flat=True)
            .distinct()
            .order_by("-s_year" if order == "DESC" else "s_year")
        )
        return [date(int(year), 1, 1) for year in years]


class DocumentChangeList(CheckedDatesChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        queryset.__class__ = type("YearsQuerySet", (PlainYears, type(queryset)), {})
        return queryset

    def url_for_result(self, result):
        # Each row's link from one reversed address (Django reverses it anew for each row).
        if not hasattr(self, "_change_url"):
            opts = self.opts
            self._change_url = addresses(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                current_app=self.model_admin.admin_site.name,
            )
        return self._change_url(getattr(result, self.pk_attname))


class DocumentAdmin(FrozenAdmin):
    """Shared by the agreement, action plan and pledge admins."""

    def get_changelist(self, request, **kwargs):
        return DocumentChangeList

    list_display = ["title", "period", "status_label", "revision", "diary_number"]
    list_filter = ["status", "period_start", REGION_FILTER]
    search_fields = ["title", "diary_number", MUNICIPALITY_SEARCH]
    date_hierarchy = "period_start"
    list_per_page = LIST_PER_PAGE
    inlines = [SignatureInline]
    history_list_display = ["status"]

    @admin.display(description=_lazy("status"), ordering="status")
    def status_label(self, document):
        # The label from the enum: Django's column of a field with choices builds the
        # choices' dictionary anew for each row.
        return DocumentStatus(document.status).label


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "signatories_need_second_factor"]
    search_fields = ["name", "code"]


@admin.register(PoliceArea)
class PoliceAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "signatories_need_second_factor"]
    list_filter = ["region"]
    search_fields = ["name"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "police_area"]
    list_filter = ["police_area"]
    search_fields = ["municipality__name", "police_area__name"]
    list_select_related = ["municipality", "police_area"]


@admin.register(Person)
class PersonAdmin(ForgivingAutocomplete, SimpleHistoryAdmin):
    list_display = ["name", "title", "role", "municipality", "police_area", "user", "is_active"]
    list_filter = ["role", "is_active", "municipality", "police_area"]
    search_fields = ["name", "title", "email", "user__username"]
    list_select_related = ["municipality", "police_area", "user"]
    autocomplete_fields = ["user"]


@admin.register(Signature)
class SignatureAdmin(ForgivingAutocomplete, FrozenAdmin):
    list_display = ["name", "title", "content_type", "object_id", "signed_on", "method"]
    list_filter = ["method", "content_type"]
    search_fields = ["name", "title"]
    autocomplete_fields = ["person"]


class DecisionBasisInline(admin.TabularInline):
    model = DecisionBasis
    extra = 0
    fields = ["position", "title", "content_type", "object_id"]


class RecipientInline(FrozenInline, admin.TabularInline):
    model = Recipient
    extra = 0
    fields = ["position", "name"]


@admin.register(CouncilCase)
class CouncilCaseAdmin(ForgivingAutocomplete, SimpleHistoryAdmin):
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
    fields = ["position", "title", "content_type", "object_id"]


@admin.register(MinutesParagraph)
class MinutesParagraphAdmin(FrozenAdmin):
    list_display = ["__str__", "case", "meeting_date", "outcome"]
    list_filter = ["body", "outcome"]
    search_fields = ["case__diary_number", "case__title", "information", "proposal", "decision"]
    list_select_related = ["case"]
    inlines = [RecipientInline]


@admin.register(CoverMemo)
class CoverMemoAdmin(CheckedDatesAdmin):
    list_display = ["__str__", "date", "addressee"]
    date_hierarchy = "date"
    search_fields = ["case__diary_number", "case__title", "proposal"]
    list_select_related = ["case"]
    inlines = [RecipientInline, SignatureInline]


@admin.register(Recipient)
class RecipientAdmin(FrozenAdmin):
    list_display = ["name", "paragraph", "memo", "position"]
    search_fields = ["name"]
    list_select_related = ["paragraph", "memo__case"]


class RecordAdmin(SimpleHistoryAdmin):
    """What the register writes itself: read here, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SigningEvent)
class SigningEventAdmin(RecordAdmin):
    """The record of sending, signing and returning: read, never written by hand."""

    list_display = ["__str__", "action", "content_type", "object_id", "user"]
    list_filter = ["action", "content_type"]
    search_fields = ["message", "user__username"]
    list_select_related = ["content_type", "user"]


@admin.register(ArchivedPdf)
class ArchivedPdfAdmin(RecordAdmin):
    """The stored PDFs of signed documents: listed with their hash, never changed here."""

    list_display = ["__str__", "content_type", "object_id", "sha256", "rendered_at"]
    list_filter = ["content_type"]
    search_fields = ["sha256"]
    exclude = ["pdf"]
    readonly_fields = ["content_type", "object_id", "sha256", "rendered_at"]


@admin.register(SignedPaper)
class SignedPaperAdmin(RecordAdmin):
    """The scans of papers documents were signed on: listed with their hash, never changed."""

    list_display = ["__str__", "content_type", "object_id", "sha256", "recorded_at"]
    list_filter = ["content_type"]
    search_fields = ["sha256", "file_name"]
    exclude = ["pdf"]
    readonly_fields = [
        "content_type",
        "object_id",
        "file_name",
        "sha256",
        "missing_reason",
        "recorded_at",
    ]


@admin.register(ReviewMark)
class ReviewMarkAdmin(SimpleHistoryAdmin):
    """Texts of copied drafts that name a year of the old period; not part of any content."""

    list_display = ["__str__", "document_type", "document_id", "target_type", "field", "years"]
    list_filter = ["document_type"]
    search_fields = ["years", "field"]
    list_select_related = ["document_type", "target_type"]
