"""The history page and the as-it-was view, shared by every document kind."""

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import kinds
from .history import ADDED, CHANGED, DELETED, Noun, Part, content_changes, register_noun, timeline
from .models import Signature

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
    """The timeline page; as_of_url is the address that shows the document as it was.

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
    moment = moment_from(request)
    context = {
        **document_kind.as_of_context(document, document_as_of(document, moment), moment),
        "signatures": signatures_as_of(document, moment),
        "as_of": moment,
    }
    return render(request, document_kind.detail_template, context)
