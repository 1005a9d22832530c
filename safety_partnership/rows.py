"""The rows of documents and cases, edited one way: create, edit, delete and move.

A row kind (focus area, measure, promise, leadership meeting, minutes paragraph …) is
registered by its app with what differs: its model and form, how its parent and its
page are found for a user (the access check), and how the page shows the form and
what it shows after a change. The views below are the same for every kind; the apps'
URLconfs bind them to a row kind by name.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from .access import Access, Need, require_draft
from .editing import HtmxHttpRequest, as_stored


class OrderedRow(Protocol):
    """A row kept in order among its siblings: a focus area, a measure, a promise, a line."""

    objects: ClassVar[Any]  # the model's manager (a guarded one for a document's rows)
    pk: Any
    position: int

    def save(self) -> None: ...

    def delete(self) -> tuple[int, dict[str, int]]: ...


def next_position(siblings: models.QuerySet[Any]) -> int:
    return (siblings.aggregate(models.Max("position"))["position__max"] or 0) + 1


# Where a row waits while its neighbours take their new positions: positions are unique
# within their parent, so rows that move are parked above any real position first.
PARKED = 30_000


def park(rows: Sequence[OrderedRow]) -> None:
    """Move rows aside (without a history entry) so that others can take their positions."""
    for offset, row in enumerate(rows):
        type(row).objects.filter(pk=row.pk).update(position=PARKED + offset)


@transaction.atomic
def move(obj: OrderedRow, siblings: models.QuerySet[Any], direction: str) -> bool:
    """Swap obj with its neighbour above ("up") or below ("down"); False at either end.

    obj is parked while the neighbour takes its place; only the two real moves are
    written to the history.
    """
    if direction == "up":
        neighbour = siblings.filter(position__lt=obj.position).order_by("-position").first()
    elif direction == "down":
        neighbour = siblings.filter(position__gt=obj.position).order_by("position").first()
    else:
        neighbour = None
    if neighbour is None:
        return False
    here, there = obj.position, neighbour.position
    park([obj])
    neighbour.position = here
    neighbour.save()
    obj.position = there
    obj.save()
    return True


@dataclass(frozen=True)
class RowKind:
    name: str  # "measure"; the page marks the row being edited with it ("new-measure")
    model: type[models.Model]
    form: type  # a RegisterForm of the row's own fields
    parent_field: str  # "focus_area"
    # (user, pk, need) -> (parent, page object, access): the parent a new row goes under.
    get_parent: Callable
    # (user, pk, need) -> (row, page object, access).
    get_row: Callable
    # The page with the row's form open: (request, page, access, form=, row=, editing=,
    # edited_id=), row None for a new row; editing is "new-<name>" with the parent's id or
    # "<name>" with the row's, for pages that open the form in place.
    show_form: Callable[..., HttpResponse]
    # After a change: (request, page, access, row, action) with action one of "created",
    # "changed", "deleted", "moved".
    done: Callable[..., HttpResponse]
    # What deleting asks: (row) -> (what, consequence) for the confirmation page.
    confirm_delete: Callable[[Any], tuple[str, str]]
    need: Need = require_draft  # rows of a signed document never change
    ordered: bool = True  # positions: a new row goes last, rows move up and down
    # (row) -> filter of the rows it moves among, when the page shows its rows in groups
    # (a pledge's promises by who promises); None: all the rows of its parent.
    move_group: Callable[[Any], dict[str, Any]] | None = None

    def siblings(self, parent: models.Model) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(**{self.parent_field: parent})

    def moves_among(self, row: Any) -> models.QuerySet[Any]:
        """The rows that row swaps places with: its parent's, within its group if any."""
        siblings = self.siblings(getattr(row, self.parent_field))
        return siblings if self.move_group is None else siblings.filter(**self.move_group(row))

    def place_last(self, row: OrderedRow) -> None:
        """Inside the save's transaction: the parent is held, so that two people adding a
        row at the same moment get distinct positions."""
        parent = getattr(row, self.parent_field)
        type(parent).objects.select_for_update().filter(pk=parent.pk).exists()
        row.position = next_position(self.siblings(parent))


def edited_in_place(
    render_page: Callable[..., HttpResponse],
    *,
    deleted: Callable[[Any], str],
    anchor_after_delete: Callable[[Any], str],
) -> dict[str, Callable[..., HttpResponse]]:
    """show_form and done for rows edited on their document's page (a plan's table, a
    pledge's promises): the page with the form open, then the page again at the row, or
    for htmx just the part of the page that render_page(request, page, access, **editing)
    gives back."""

    def show_form(
        request: HttpRequest,
        page: models.Model,
        access: Access,
        *,
        form: Any,
        row: models.Model | None,
        editing: str,
        edited_id: int,
    ) -> HttpResponse:
        return render_page(request, page, access, editing=editing, edited_id=edited_id, form=form)

    def done(
        request: HtmxHttpRequest, page: Any, access: Access, row: Any, action: str
    ) -> HttpResponse:
        anchor = row.anchor
        if action == "deleted":
            messages.success(request, deleted(row))
            anchor = anchor_after_delete(row)
        if request.htmx:
            response = render_page(request, page, access)
            if action != "moved":  # a moved row keeps the focus on the button that moved it
                focus_after_swap(response, anchor)
            return response
        return redirect(f"{page.get_absolute_url()}#{anchor}")

    return {"show_form": show_form, "done": done}


def focus_after_swap(response: HttpResponse, anchor: str) -> None:
    """With htmx: once the part of the page is swapped in, the view and the keyboard focus
    go to the element with id `anchor` (static/js/feedback.js); without, #anchor does it."""
    trigger_client_event(response, "registerfocus", {"id": anchor}, after="settle")


_row_kinds: dict[str, RowKind] = {}


def register(row_kind: RowKind) -> None:
    _row_kinds[row_kind.name] = row_kind


def row_kind_named(name: str) -> RowKind:
    try:
        return _row_kinds[name]
    except KeyError:
        raise Http404 from None


@login_required
def row_create(request: HttpRequest, row: str, parent_pk: int) -> HttpResponse:
    kind = row_kind_named(row)
    parent, page, access = kind.get_parent(request.user, parent_pk, kind.need)
    form = kind.form(request.POST or None, instance=kind.model(**{kind.parent_field: parent}))
    form.focus_first_field()
    if request.method == "POST" and form.is_valid():
        before_save = kind.place_last if kind.ordered else None
        if form.save_unless_conflict(before_save=before_save):
            return kind.done(request, page, access, form.instance, "created")
    return kind.show_form(
        request, page, access, form=form, row=None, editing=f"new-{kind.name}", edited_id=parent.pk
    )


@login_required
def row_edit(request: HttpRequest, row: str, pk: int) -> HttpResponse:
    kind = row_kind_named(row)
    obj, page, access = kind.get_row(request.user, pk, kind.need)
    form = kind.form(request.POST or None, instance=obj)
    form.focus_first_field()
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        return kind.done(request, page, access, obj, "changed")
    # The page shows the row as it is stored, not as the refused form left it.
    return kind.show_form(
        request,
        page,
        access,
        form=form,
        row=as_stored(obj) if form.is_bound else obj,
        editing=kind.name,
        edited_id=obj.pk,
    )


@login_required
def row_delete(request: HttpRequest, row: str, pk: int) -> HttpResponse:
    """Ask first (GET), then delete (POST); the row stays in the history."""
    kind = row_kind_named(row)
    obj, page, access = kind.get_row(request.user, pk, kind.need)
    if request.method == "POST":
        with transaction.atomic():
            obj.delete()
        return kind.done(request, page, access, obj, "deleted")
    what, consequence = kind.confirm_delete(obj)
    context = {
        "what": what,
        "consequence": consequence,
        "cancel_url": page.get_absolute_url(),
        "partnership": getattr(page, "partnership", None),
        "parent": page,
    }
    return render(request, "confirm_delete.html", context)


@login_required
@require_POST
def row_move(request: HttpRequest, row: str, pk: int) -> HttpResponse:
    kind = row_kind_named(row)
    if not kind.ordered:
        raise Http404
    obj, page, access = kind.get_row(request.user, pk, kind.need)
    move(obj, kind.moves_among(obj), request.POST.get("direction", ""))
    return kind.done(request, page, access, obj, "moved")
