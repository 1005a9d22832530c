"""Editing helpers shared by the pages of documents and cases (rows: see rows.py)."""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it: with request.htmx."""

    htmx: HtmxDetails


def as_stored(obj):
    """The object as the database has it. A ModelForm that refuses to save has still set
    what was typed on its instance (in _post_clean): headings, breadcrumbs and titles read
    this copy, so that they never show unsaved values."""
    if obj is None or obj.pk is None:
        return obj
    return type(obj)._default_manager.filter(pk=obj.pk).first() or obj


def render_page_or_fragment(
    request: HtmxHttpRequest,
    template: str,
    fragment: str,
    context: dict[str, Any],
    status: int = 200,
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
    context = {
        "what": f"”{document.title}”",
        "consequence": _("Utkastet tas bort. Det finns kvar i historiken."),
        "cancel_url": document.get_absolute_url(),
        "partnership": document.partnership,
    }
    return render(request, "confirm_delete.html", context)
