"""Editing helpers shared by the plan, the pledge and the council case."""

from django.contrib import messages
from django.db import models, transaction
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def next_position(siblings: models.QuerySet) -> int:
    return (siblings.aggregate(models.Max("position"))["position__max"] or 0) + 1


@transaction.atomic
def move(obj: models.Model, siblings: models.QuerySet, direction: str) -> bool:
    """Swap obj with its neighbour above ("up") or below ("down"); False at either end.

    Positions are unique within their parent, so obj waits at position 0 while the
    neighbour takes its place; only the two real moves are written to the history.
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
    type(obj).objects.filter(pk=obj.pk).update(position=0)
    neighbour.position = here
    neighbour.save()
    obj.position = there
    obj.save()
    return True


def render_page_or_fragment(
    request: HttpRequest, template: str, fragment: str, context: dict, status: int = 200
) -> HttpResponse:
    """The whole page, or for htmx only the named partial that it swaps in."""
    name = f"{template}#{fragment}" if request.htmx else template
    return render(request, name, context, status=status)


def delete_document(request: HttpRequest, document, back_to) -> HttpResponse:
    """Confirm, then delete a draft; the access check has been made by the caller."""
    if request.method == "POST":
        try:
            with transaction.atomic():  # a refusal mid-delete leaves the request usable
                document.delete()
        except ProtectedError:
            messages.error(
                request,
                _("”%(title)s” kan inte tas bort: ett ärende eller en revision hänvisar till den.")
                % {"title": document.title},
            )
            return redirect(document)
        messages.success(request, _("”%(title)s” är borttagen.") % {"title": document.title})
        return redirect(back_to)
    return render(
        request,
        "confirm_delete.html",
        {"object": document, "cancel_url": document.get_absolute_url()},
    )
