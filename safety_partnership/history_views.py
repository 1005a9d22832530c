"""The history page and the as-it-was view, shared by every document kind."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .history import Part, content_changes, timeline
from .models import Signature


def signature_part(document) -> Part:
    content_type = ContentType.objects.get_for_model(document)
    return Part(
        Signature,
        Signature.history.filter(content_type_id=content_type.pk, object_id=document.pk),
        lambda r: _("Underskrift av %s") % r.name,
    )


def signatures_as_of(document, moment: datetime) -> list:
    content_type = ContentType.objects.get_for_model(document)
    return list(
        Signature.history.as_of(moment)
        .filter(content_type_id=content_type.pk, object_id=document.pk)
        .order_by("position")
    )


def moment_from(request: HttpRequest) -> datetime:
    try:
        moment = datetime.fromisoformat(request.GET.get("tid", ""))
    except ValueError:
        raise Http404(_("Ogiltig tidpunkt.")) from None
    if moment.tzinfo is None:
        raise Http404(_("Ogiltig tidpunkt."))
    return moment


def document_as_of(document, moment: datetime):
    try:
        return document.history.as_of(moment)
    except type(document).DoesNotExist:
        raise Http404(_("Dokumentet fanns inte vid den tidpunkten.")) from None


def render_history(
    request: HttpRequest, document, parts: list[Part], as_of_url: str | None
) -> HttpResponse:
    """The timeline page; as_of_url names the view that shows the document as it was.

    For a revision, the page also shows what it changes compared with the signed
    version it revises.
    """
    context = {"document": document, "entries": timeline(parts), "as_of_url": as_of_url}
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
