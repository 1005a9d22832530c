"""The citizen pledge: read as the one-page promise, its promises edited in place.

Every editing action has its own URL that works as a plain form without
JavaScript; with htmx the same URL answers with just the list of promises.
The citizen dialogues behind a pledge are kept here too.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safety_partnership.access import (
    Access,
    check_partnership,
    may_change,
    require_editor,
)
from safety_partnership.editing import as_stored, render_page_or_fragment
from safety_partnership.history import Part
from safety_partnership.history_views import render_history
from safety_partnership.models import Partnership
from safety_partnership.models.documents import period_label
from safety_partnership.rows import RowKind, edited_in_place
from safety_partnership.services import copy_document, retitle
from safety_partnership.signing.views import signing_context

from .access import (
    get_dialogue_for_user,
    get_pledge_for_user,
    get_point_for_user,
    get_promise_for_user,
    get_target_for_user,
    require_unlocked_dialogue,
)
from .forms import (
    CopyPledgeForm,
    DialogueForm,
    ExtensionForm,
    PromiseForm,
    PromisePointForm,
    TargetForm,
)
from .kind import dialogues, promises_with_points, sources
from .models import (
    CitizenDialogue,
    DialogueLocked,
    Pledge,
    Promise,
    PromisePoint,
    Target,
    promise_groups,
)
from .reports import (
    FOLLOWED_UP,
    closed_label,
    finalised_year_end,
    report_states,
    year_end_summary,
)
from .services import (
    extend,
    extension_end,
    following_period,
    may_be_extended,
    proposed_extension,
)

TEMPLATE = "pledges/pledge_detail.html"
PARTNERSHIPS = Partnership.objects.select_related("municipality", "police_area")


def year_or_date(day) -> str:
    """'2019' for a period that ends with the year, '30 juni 2020' otherwise."""
    return str(day.year) if (day.month, day.day) == (12, 31) else date_format(day, "j F Y")


def render_pledge(
    request: HttpRequest, pledge: Pledge, access: Access, fragment: str = "promises", **editing
) -> HttpResponse:
    """The pledge page; `editing` names the row being edited and its form, if any. For htmx,
    only the fragment: the promises (with their points) or the measurable targets."""
    promises = promises_with_points(pledge)
    context = {
        "pledge": pledge,
        "promises": promises,
        "promise_groups": promise_groups(promises),
        "targets": list(pledge.targets.order_by("position")),
        "can_edit": may_change(access, pledge),
        **editing,
    }
    if not request.htmx:
        next_start, next_end = following_period(pledge)
        context |= {
            "sources": sources(pledge),
            "dialogues": dialogues(pledge),
            **signing_context(request, pledge, access),
            "can_copy": access.edit,
            "can_extend": access.edit and may_be_extended(pledge),
            "proposed_extension": proposed_extension(pledge),
            "can_record": access.edit,
            "next_period": period_label(next_start, next_end),
            "extend_to": year_or_date(extension_end(pledge)),
            **reports_context(pledge),
        }
    return render_page_or_fragment(request, TEMPLATE, fragment, context)


def reports_context(pledge: Pledge) -> dict:
    """The pledge's reports and whether its year is closed; for a pledge started from one whose
    year-end report is finalised, that report (its situation picture starts from it)."""
    context: dict = {"reports": [], "year_end": None, "started_from": None}
    if pledge.status in FOLLOWED_UP:
        context["reports"] = report_states(pledge)
        year_end = context["reports"][-1].report
        if year_end is not None and year_end.finalised_on:
            year_end.pledge = pledge
            context["year_end"] = year_end
            context["closed"] = closed_label(year_end)
    if pledge.revision_of_id is None:  # a revision is the same pledge, not the next one
        context["started_from"] = finalised_year_end(pledge.copied_from_id)
    return context


def render_pledge_targets(request, pledge: Pledge, access: Access, **editing) -> HttpResponse:
    return render_pledge(request, pledge, access, fragment="targets", **editing)


@login_required
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pledge, access = get_pledge_for_user(request.user, pk)
    return render_pledge(request, pledge, access)


@login_required
def pledge_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """'Nytt medborgarlöfte för 2019 utifrån 2018': a draft with the same text and promises."""
    original, _access = get_pledge_for_user(request.user, pk, require_editor)
    partnership = original.partnership
    start, end = following_period(original)
    initial = {
        "title": retitle(
            original.title, (original.period_start, original.period_end), (start, end)
        ),
        "period_start": start,
        "period_end": end,
    }
    form = CopyPledgeForm(
        request.POST or None, initial=initial, instance=Pledge(partnership=partnership)
    )
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        if summary := year_end_summary(original):
            # The finalised year-end report is what the next pledge's situation starts from.
            situation = "\n\n".join(filter(None, [summary, original.situation]))
            fields = {**fields, "situation": situation}
        try:
            pledge = copy_document(original=original, **fields)
        except ValidationError as error:
            form.add_error(None, error.messages)
        except IntegrityError:
            form.add_error(
                None, _("Det gick inte att spara: uppgifterna krockar med en annan post.")
            )
        else:
            messages.success(
                request,
                _("Ett nytt utkast är skapat utifrån %(title)s.") % {"title": original.title},
            )
            return redirect(pledge)
    context = {
        "form": form,
        "original": original,
        "new_period": period_label(start, end),
        "year_end": finalised_year_end(original.pk),
    }
    return render(request, "pledges/pledge_copy.html", context)


@login_required
def pledge_extend(request: HttpRequest, pk: int) -> HttpResponse:
    """Carry the pledge unchanged into next year.

    A draft is extended as it stands. A signed pledge stays as signed: the extension
    becomes a revision whose only change is the extension, which both parties sign
    (services.extend); a superseded pledge is no longer in force.
    """
    pledge, _access = get_pledge_for_user(request.user, pk, require_editor)
    if not may_be_extended(pledge):
        raise PermissionDenied(
            _(
                "”%(document)s” kan inte förlängas: bara ett utkast eller ett gällande, "
                "undertecknat medborgarlöfte utan påbörjad revision kan förlängas."
            )
            % {"document": pledge.title}
        )
    initial = {"extended_to": extension_end(pledge), "extension_note": pledge.extension_note}
    form = ExtensionForm(request.POST or None, initial=initial, pledge=pledge)
    if request.method == "POST" and form.is_valid():
        try:
            extended = extend(
                pledge=pledge,
                until=form.cleaned_data["extended_to"],
                note=form.cleaned_data["extension_note"],
                user=request.user,
            )
        except (ValidationError, IntegrityError):
            # Someone else saved an overlapping pledge since the form was checked.
            pledge.refresh_from_db()
            form.add_error(
                None, _("Det gick inte att spara: perioden krockar med ett annat medborgarlöfte.")
            )
        else:
            message = extended.extension_label
            if extended.pk != pledge.pk:
                message += ". " + _(
                    "Förlängningen gäller när båda parter har undertecknat den: "
                    "skicka revisionen för underskrift."
                )
            messages.success(request, message)
            return redirect(extended)
    return render(request, "pledges/pledge_extend.html", {"form": form, "pledge": pledge})


def pledge_as_parent(user, pk: int, need):
    """A new promise goes under the pledge, on the pledge's page."""
    pledge, access = get_pledge_for_user(user, pk, need)
    return pledge, pledge, access


PROMISE = RowKind(
    name="promise",
    model=Promise,
    form=PromiseForm,
    parent_field="pledge",
    get_parent=pledge_as_parent,
    get_row=get_promise_for_user,
    **edited_in_place(
        render_pledge,
        deleted=lambda promise: _("Löftet är borttaget."),
        anchor_after_delete=lambda promise: "loften",
    ),
    confirm_delete=lambda promise: (
        _("löftet ”%s”") % promise,
        _("Löftet tas bort ur medborgarlöftet. Det finns kvar i historiken."),
    ),
    # The page shows the promises grouped by who promises: a promise moves within its group.
    move_group=Promise.group_filter,
)


def promise_as_parent(user, pk: int, need):
    """A new point goes under its promise, on the pledge's page."""
    return get_promise_for_user(user, pk, need)


PROMISE_POINT = RowKind(
    name="promise_point",
    model=PromisePoint,
    form=PromisePointForm,
    parent_field="promise",
    get_parent=promise_as_parent,
    get_row=get_point_for_user,
    **edited_in_place(
        render_pledge,
        deleted=lambda point: _("Punkten är borttagen."),
        anchor_after_delete=lambda point: point.promise.anchor,
    ),
    confirm_delete=lambda point: (
        _("punkten ”%s”") % point,
        _("Punkten tas bort ur löftet. Den finns kvar i historiken."),
    ),
)

TARGET = RowKind(
    name="target",
    model=Target,
    form=TargetForm,
    parent_field="pledge",
    get_parent=pledge_as_parent,
    get_row=get_target_for_user,
    **edited_in_place(
        render_pledge_targets,
        deleted=lambda target: _("Det mätbara målet är borttaget."),
        anchor_after_delete=lambda target: "mal",
    ),
    confirm_delete=lambda target: (
        _("det mätbara målet ”%s”") % target,
        _("Målet tas bort ur medborgarlöftet. Det finns kvar i historiken."),
    ),
)


@login_required
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, access = get_dialogue_for_user(request.user, pk)
    locked_by = dialogue.document_of_row()
    context = {
        "dialogue": dialogue,
        "pledges": list(dialogue.pledges.order_by("-period_start", "-revision")),
        "can_edit": access.edit and locked_by is None,
        "locked_by": locked_by,
    }
    return render(request, "pledges/dialogue_detail.html", context)


def render_dialogue_form(request, form, partnership, dialogue=None) -> HttpResponse:
    return render(
        request,
        "pledges/dialogue_form.html",
        {"form": form, "partnership": partnership, "dialogue": dialogue},
    )


@login_required
def dialogue_create(request: HttpRequest, partnership_pk: int) -> HttpResponse:
    partnership = get_object_or_404(PARTNERSHIPS, pk=partnership_pk)
    check_partnership(request.user, partnership, require_editor)
    form = DialogueForm(
        request.POST or None,
        instance=CitizenDialogue(partnership=partnership),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(request, _("Medborgardialogen är registrerad."))
        return redirect(form.instance)
    return render_dialogue_form(request, form, partnership)


@login_required
def dialogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, _access = get_dialogue_for_user(request.user, pk, require_editor)
    require_unlocked_dialogue(dialogue)
    form = DialogueForm(request.POST or None, instance=dialogue)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(dialogue)
    shown = as_stored(dialogue) if form.is_bound else dialogue  # not what the refused form set
    return render_dialogue_form(request, form, dialogue.partnership, shown)


@login_required
def dialogue_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A dialogue a locked pledge rests on stays: the page says why instead of offering it."""
    dialogue, _access = get_dialogue_for_user(request.user, pk, require_editor)
    locked_by = dialogue.document_of_row()
    if request.method == "POST":
        require_unlocked_dialogue(dialogue)
        name = str(dialogue)
        dialogue.delete()
        messages.success(request, _("”%(name)s” är borttagen.") % {"name": name})
        return redirect(dialogue.partnership)
    consequence = _("Medborgardialogen tas bort ur registret. Den finns kvar i historiken.")
    titles = ", ".join(f"”{p.title}”" for p in dialogue.pledges.order_by("-period_start"))
    if titles:
        consequence += " " + _("Den visas då inte längre bland underlagen till %(titles)s.") % {
            "titles": titles
        }
    context = {
        "what": f"”{dialogue}”",
        "consequence": consequence,
        "refusal": str(DialogueLocked(locked_by)) if locked_by else "",
        "cancel_url": dialogue.get_absolute_url(),
        "partnership": dialogue.partnership,
        "parent": dialogue,
    }
    return render(request, "confirm_delete.html", context)


@login_required
def dialogue_history(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue, _access = get_dialogue_for_user(request.user, pk)
    parts = [
        Part(
            CitizenDialogue,
            CitizenDialogue.history.filter(id=dialogue.pk),
            lambda r: "",
            definite=True,
        )
    ]
    return render_history(request, dialogue, parts, as_of_url=None)
