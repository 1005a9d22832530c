"""The registry of document kinds: one place that knows which documents the register keeps.

Each document app registers its kind in its AppConfig.ready(), the way Django's admin
registers models: the model, its slug in addresses, its Swedish names, its access
helper, the rows its page shows and its PDF prints, and the hooks that copy it or
follow it up. Shared code (signing, history, PDF, dashboard, council) asks the
registry and never names an app; adding a kind touches only its own app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import Http404
from django.utils.text import capfirst

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .access import Access
    from .history import Historied, Noun, Part
    from .models import Document, Partnership


@dataclass(frozen=True)
class Task:
    """Something the dashboard says is waiting: a text and where to do it."""

    text: StrOrPromise
    document: Any


@dataclass(frozen=True)
class RowChanges:
    """A kind of row whose history shows in the dashboard's recent changes."""

    model: type[Historied]
    to_document: str  # path from the row to its document, e.g. "focus_area__plan"
    name: str  # how a row of this kind is named, with its article: "En åtgärd", "Ett löfte"


@dataclass(frozen=True)
class LinkedRecords:
    """Records the partnership keeps that a document rests on (a pledge's citizen dialogues):
    the records have a foreign key `partnership`, and each link is a row of link_model with a
    foreign key to the document and one, link_field, to the record. The exchange format
    (exchange/) carries them under `name`."""

    name: str  # "dialogues"
    model: type[models.Model]
    link_model: type[models.Model]
    link_field: str  # "dialogue"
    order: tuple[str, ...] = ("pk",)


def _no_rows(document: Document) -> list:
    return []


def _no_copy(original: Document, copy: Document) -> None:
    return None


def _nothing_due(partnership: Partnership, documents: list, today: date) -> list[Task]:
    return []


@dataclass(frozen=True)
class DocumentKind:
    model: type[Document]
    slug: str  # in addresses: /pdf/handlingsplan/4/
    singular: str  # "handlingsplan"
    definite: str  # "handlingsplanen"
    plural: str  # "handlingsplaner"
    namespace: str  # the app's URL namespace, with views named detail, history, as_of
    urls: str  # the app's URL module, included under url_prefix: "actionplans.urls"
    url_prefix: str  # "handlingsplaner"
    # (user, pk, need=require_reader) -> (document, Access): 404 for outsiders, 403 for
    # readers who try to change it (see access.py).
    get_for_user: Callable[..., tuple[Document, Access]]
    partnership_path: str  # from the document to its partnership, e.g. "agreement__partnership"
    detail_template: str  # the page, also used read-only for the document as it was
    # A new document: made under its parent (parent_field, looked up and checked by
    # parent_for_user(user, pk, need) -> (parent, Access)), through form, on form_template.
    parent_field: str  # "partnership", or "agreement" for a plan
    parent_for_user: Callable[..., tuple[Any, Access]]
    form: type
    form_template: str
    new_label: str  # "Ny handlingsplan", "Nytt medborgarlöfte"
    created_message: str  # "Handlingsplanen är skapad."
    pdf_template: str
    # What else the PDF template prints, beyond the document and its rows: document -> context.
    pdf_context: Callable[[Document], dict] = lambda document: {}
    # The rows the page shows and the PDF prints, with what they hold, in order.
    rows: Callable[[Document], list] = _no_rows
    # The page's context for the document as it was: (document, its historical record then,
    # the moment) -> context for detail_template.
    as_of_context: Callable[[Document, Any, datetime], dict] = lambda document, then, moment: {
        "document": then
    }
    # History parts of the document's rows (the document and its signatures are added).
    history_parts: Callable[[Document], list[Part]] = lambda document: []
    # Give a new copy or revision copies of the original's rows.
    copy_rows: Callable[[Document, Document], None] = _no_copy
    # Field values a copy (not a revision) starts with instead of the original's.
    not_copied: dict = field(default_factory=dict)
    row_changes: tuple[RowChanges, ...] = ()
    # What is due in a partnership (from documents already loaded): (partnership, documents
    # of this kind, today) -> tasks.
    due: Callable[[Partnership, list, date], list[Task]] = _nothing_due
    # Prefetches for the dashboard's list of this kind's documents.
    dashboard_prefetch: tuple = ()
    # "Ny handlingsplan" links: (partnership, documents by kind) -> [(label, url)].
    create_links: Callable[[Partnership, dict], list[tuple[str, str]]] = (
        lambda partnership, documents: []
    )
    # For the partnership's page: prefetches on the partnership and a template they fill.
    partnership_prefetch: tuple = ()
    partnership_template: str = ""
    landscape: bool = False
    linked_records: tuple[LinkedRecords, ...] = ()
    # The singular's gender, "en" or "ett", so that what is said of it agrees:
    # "Handlingsplanen ändrad", "Medborgarlöftet ändrat".
    article: str = "en"

    @property
    def noun(self) -> Noun:
        from .history import Noun

        return Noun(self.article, self.singular, self.definite)

    @property
    def label(self) -> str:
        """The singular with a capital, as in a heading or a file name: 'Handlingsplan'."""
        return capfirst(self.singular)

    @property
    def heading(self) -> str:
        return capfirst(self.plural)

    def in_partnerships(self, partnership_ids: Iterable[int]) -> models.QuerySet[Document]:
        return self.model.objects.filter(**{f"{self.partnership_path}_id__in": partnership_ids})

    def in_municipality(self, municipality_id: int) -> models.QuerySet[Document]:
        return self.model.objects.filter(
            **{f"{self.partnership_path}__municipality_id": municipality_id}
        )


_kinds: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    if kind.slug in _kinds and _kinds[kind.slug].model is not kind.model:
        raise ValueError(f"Two document kinds use the slug {kind.slug!r}")
    _kinds[kind.slug] = kind


def all_kinds() -> list[DocumentKind]:
    """The registered kinds, in the order the apps were installed."""
    return list(_kinds.values())


def by_slug(slug: str) -> DocumentKind | None:
    return _kinds.get(slug)


def by_slug_or_404(slug: str) -> DocumentKind:
    """The kind an address names; an address naming no kind is a page that does not exist."""
    kind = _kinds.get(slug)
    if kind is None:
        raise Http404
    return kind


def kind_of(document_or_model: models.Model | type[models.Model]) -> DocumentKind:
    """The kind of a document, a document model or a historical record of one."""
    model = document_or_model if isinstance(document_or_model, type) else type(document_or_model)
    model = getattr(model, "instance_type", model)  # a historical record's live model
    model = model._meta.concrete_model or model  # set on every model once it is loaded
    for kind in _kinds.values():
        if kind.model is model:
            return kind
    raise LookupError(f"{model.__name__} is not a registered document kind")


def kind_of_content_type(content_type_id: int) -> DocumentKind:
    """The kind of the document a generic link (content type and object id) names."""
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:  # a content type whose app is no longer installed
        raise LookupError(f"Content type {content_type_id} has no model")
    return kind_of(model)
