"""Creating, changing and deleting a document: the same pages for every kind in the registry.

The kind names its form and its form's template; a new document is made under its parent
(a partnership, or an agreement for a plan), which the kind's parent_for_user looks up
and checks. The document's own page lives in its app, since what it shows is its own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import kinds
from .access import require_draft, require_editor
from .editing import as_stored, delete_document


def render_form(request: HttpRequest, kind: kinds.DocumentKind, form, document, parent):
    context = {
        "form": form,
        "kind": kind,
        "document": document,
        "parent": parent,
        "partnership": (document or form.instance).partnership,
        "back_url": (document or parent).get_absolute_url(),
    }
    return render(request, kind.form_template, context)


@login_required
def document_create(request: HttpRequest, kind: str, parent_pk: int) -> HttpResponse:
    document_kind = kinds.by_slug_or_404(kind)
    parent, _access = document_kind.parent_for_user(request.user, parent_pk, require_editor)
    instance = document_kind.model(**{document_kind.parent_field: parent})
    form = document_kind.form(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(request, document_kind.created_message)
        return redirect(form.instance)
    return render_form(request, document_kind, form, None, parent)


@login_required
def document_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    document_kind = kinds.by_slug_or_404(kind)
    document, _access = document_kind.get_for_user(request.user, pk, require_draft)
    form = document_kind.form(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(document)
    # Heading, title and breadcrumbs show the document as stored, not as the refused form left it.
    shown = as_stored(document) if form.is_bound else document
    return render_form(request, document_kind, form, shown, None)


@login_required
def document_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Confirm, then delete a draft."""
    document, _access = kinds.by_slug_or_404(kind).get_for_user(request.user, pk, require_draft)
    return delete_document(request, document, document.partnership)
