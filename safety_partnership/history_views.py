"""The history page and the as-it-was view, shared by every document kind."""

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import kinds
from .history import (
    ADDED,
    CHANGE_KINDS,
    CHANGED,
    DELETED,
    Noun,
    Part,
    TimelineEntry,
    content_changes,
    register_noun,
    timeline,
)
from .models import Signature

# A plain date in ?tid= is read as a day in Sweden, whatever the server's time zone.
SWEDEN = ZoneInfo("Europe/Stockholm")

SIGNATURE = register_noun(
    Signature, Noun("en", gettext_lazy("underskrift"), gettext_lazy("underskriften"))
)
SIGNATURE_ACTIONS = {"+": ADDED, "~": CHANGED, "-": DELETED}


def signature_part(document) -> Part:
    content_type = ContentType.objects.get_for_model(document)
    return Part(
        Signature,
        Signature.history.filter(content_type_id=content_type.pk, object_id=document.pk),
        lambda r: r.name,
        SIGNATURE_ACTIONS,
        kind="underskrift",
        phrase=lambda r, done: (
            _("Underskrift av %(name)s %(done)s") % {"name": r.name, "done": done}
        ),
    )


def signatures_as_of(document, moment: datetime) -> list:
    content_type = ContentType.objects.get_for_model(document)
    return list(
        Signature.history.as_of(moment)
        .filter(content_type_id=content_type.pk, object_id=document.pk)
        .order_by("position")
    )


class InvalidMoment(Exception):
    """?tid= names no moment: the page answers 400 and says in Swedish what it takes."""


def moment_from(request: HttpRequest) -> datetime:
    """The moment ?tid= names: a time with its offset (as the history's links give it), or a
    plain date, which means the end of that day in Sweden."""
    value = request.GET.get("tid", "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value)
            return timezone.make_aware(datetime.combine(day, time.max), SWEDEN)
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise InvalidMoment(value)
        # The database compares in UTC: 9999-12-31T23:59:59-01:00 is past the calendar's end.
        moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise InvalidMoment(value) from None
    return moment


def invalid_moment(request: HttpRequest, error: InvalidMoment) -> HttpResponse:
    return render(request, "invalid_moment.html", {"value": str(error)}, status=400)


def document_as_of(document, moment: datetime):
    try:
        return document.history.as_of(moment)
    except type(document).DoesNotExist:
        raise Http404(_("Dokumentet fanns inte vid den tidpunkten.")) from None


SYSTEM = "systemet"  # the person filter's value for changes no logged-in user made


class HistoryFilter(forms.Form):
    """The history page's filters (GET): who, what kind of change, between which days.

    The people to choose from are those in the timeline, so the form asks no query.
    """

    person = forms.ChoiceField(label=gettext_lazy("Person"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Typ av ändring"),
        required=False,
        choices=[("", gettext_lazy("Alla"))] + list(CHANGE_KINDS.items()),
    )
    since = forms.DateField(
        label=gettext_lazy("Från och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("Till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, data, entries: list[TimelineEntry]) -> None:
        super().__init__(data)
        people = {str(e.user_id or SYSTEM): e.by or gettext_lazy("Systemet") for e in entries}
        person = self.fields["person"]
        assert isinstance(person, forms.ChoiceField)
        person.choices = [("", gettext_lazy("Alla"))] + sorted(
            people.items(), key=lambda item: str(item[1])
        )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(gettext_lazy("Från-datumet ligger efter till-datumet."))
        return cleaned

    def apply(self, entries: list[TimelineEntry]) -> list[TimelineEntry]:
        person, kind = self.cleaned_data["person"], self.cleaned_data["kind"]
        since, until = self.cleaned_data["since"], self.cleaned_data["until"]

        def kept(entry: TimelineEntry) -> bool:
            day = timezone.localtime(entry.at).date()
            return (
                (not person or str(entry.user_id or SYSTEM) == person)
                and (not kind or entry.kind == kind)
                and (not since or since <= day)
                and (not until or day <= until)
            )

        return [entry for entry in entries if kept(entry)]


FILTERS = ("person", "kind", "since", "until")
# Entries on one page of a history: a plan edited for ten years has thousands.
PER_PAGE = 50


def render_history(
    request: HttpRequest, document, parts: list[Part], as_of_url: str | None
) -> HttpResponse:
    """The timeline page; as_of_url is the address that shows the document as it was.

    For a revision, the page also shows what it changes compared with the signed
    version it revises.
    """
    entries = timeline(parts)
    asked = any(request.GET.get(name) for name in FILTERS)
    filters = HistoryFilter(request.GET if asked else None, entries)
    shown = filters.apply(entries) if asked and filters.is_valid() else entries
    # Only the page shown computes its word diffs (FieldChange.diff).
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("sida"))
    context = {
        "document": document,
        "entries": page.object_list,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "shown_count": len(shown),
        "all_count": len(entries),
        "filters": filters,
        "filtered": asked and filters.is_valid(),
        "as_of_url": as_of_url,
    }
    signed = getattr(document, "revision_of", None)
    if signed is not None:
        model = type(document)
        context["signed_version"] = signed
        context["since_signed"] = content_changes(
            signed.content_tree(),
            document.content_tree(),
            model,
            str(model._meta.verbose_name).capitalize(),
        )
    return render(request, "history.html", context)


def readable_document(request: HttpRequest, kind: str, pk: int):
    document_kind = kinds.by_slug_or_404(kind)
    document, _access = document_kind.get_for_user(request.user, pk)
    return document_kind, document


@login_required
def document_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Every change to a document of any kind, its rows and its signatures."""
    document_kind, document = readable_document(request, kind, pk)
    model = document_kind.model
    parts = [
        Part(
            model,
            model.history.filter(id=document.pk),
            lambda r: "",
            noun=document_kind.noun,
            definite=True,
        ),
        *document_kind.history_parts(document),
        signature_part(document),
    ]
    return render_history(request, document, parts, document.as_of_url)


@login_required
def document_as_of_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The whole document, read-only, as it was at the moment given in ?tid=."""
    document_kind, document = readable_document(request, kind, pk)
    try:
        moment = moment_from(request)
    except InvalidMoment as error:
        return invalid_moment(request, error)
    context = {
        **document_kind.as_of_context(document, document_as_of(document, moment), moment),
        "signatures": signatures_as_of(document, moment),
        "as_of": moment,
    }
    return render(request, document_kind.detail_template, context)
