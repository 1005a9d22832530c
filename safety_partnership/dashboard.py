"""What the home page shows: the user's partnerships, recent changes and what awaits them.

Every kind of document in the registry (kinds.py) is listed, followed up and searched for
changes the same way; what is due for a kind comes from its own `due` hook.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds
from .access import partnership_access
from .addresses import addresses
from .history import COPIED_PREFIX, PARTICIPLES, Noun
from .kinds import Task
from .models import CouncilCase, Document, DocumentStatus, Partnership

if TYPE_CHECKING:
    from django.db.models import Model
    from django_stubs_ext import StrOrPromise

    from .access import AnyUser
    from .history import Historied


@dataclass(frozen=True)
class Section:
    """One kind's documents in a partnership, with the links that create a new one."""

    kind: kinds.DocumentKind
    documents: list[Document]
    create_links: list[tuple[str, str]]


def with_documents(partnerships: QuerySet[Partnership]) -> list[Partnership]:
    """Partnerships with their documents of every kind: two queries a kind, however many."""
    prefetch = [p for kind in kinds.all_kinds() for p in kind.partnership_prefetch]
    loaded = list(partnerships.prefetch_related(*prefetch))
    by_id = {p.pk: p for p in loaded}
    for partnership in loaded:
        partnership.documents = {}
    for kind in kinds.all_kinds():
        documents = (
            kind.in_partnerships(list(by_id))
            .annotate(partnership_ref=F(f"{kind.partnership_path}_id"))
            .order_by("-period_start", "-revision")
            .prefetch_related("signatures", *kind.dashboard_prefetch)
        )
        for partnership in loaded:
            partnership.documents[kind.slug] = []
        for document in documents:
            by_id[document.partnership_ref].documents[kind.slug].append(document)
    for partnership in loaded:
        partnership.sections = [
            Section(
                kind,
                partnership.documents[kind.slug],
                kind.create_links(partnership, partnership.documents),
            )
            for kind in kinds.all_kinds()
        ]
    return loaded


@dataclass(frozen=True)
class NewestDocument:
    """A partnership's newest document of a kind, as its cell in the summary's table shows it."""

    url: str
    period: str  # "2025–2027"
    status: str
    status_label: str  # "Undertecknad"


@dataclass(frozen=True)
class OverviewRow:
    """A partnership in the summary's table: its address and its newest document of every
    kind (None where it has none)."""

    partnership: Partnership
    url: str
    newest: list[NewestDocument | None]


def newest_documents(partnerships: list[Partnership]) -> list[OverviewRow]:
    """The summary's rows: one query a kind, loading only each partnership's newest document
    of that kind (what its cell shows), however many years of documents it holds."""
    ids = [p.pk for p in partnerships]
    labels = {status: str(label) for status, label in DocumentStatus.choices}
    newest: dict[tuple[str, int], NewestDocument] = {}
    for kind in kinds.all_kinds():
        ref = f"{kind.partnership_path}_id"
        order = [F("period_start").desc(), F("revision").desc(), F("pk").desc()]
        documents = (
            kind.in_partnerships(ids)
            .only("status", "period_start", "period_end")
            .annotate(
                partnership_ref=F(ref),
                place=Window(RowNumber(), partition_by=F(ref), order_by=order),
            )
        )
        document_url = addresses(f"{kind.namespace}:detail")
        for document in documents.filter(place=1).order_by():
            newest[kind.slug, document.partnership_ref] = NewestDocument(
                document_url(document.pk),
                document.period,
                document.status,
                labels[document.status],
            )
    partnership_url = addresses("partnership")
    return [
        OverviewRow(
            p,
            partnership_url(p.pk),
            [newest.get((kind.slug, p.pk)) for kind in kinds.all_kinds()],
        )
        for p in partnerships
    ]


def awaiting_signature_of(person: Any, partnerships: QuerySet[Partnership]) -> list[Task]:
    """The documents in these partnerships that wait for the person's signature: one query
    a kind, without loading the partnerships' documents."""
    if person is None:
        return []
    ids = partnerships.values_list("pk", flat=True)
    return [
        Task(_("Väntar på din underskrift"), document)
        for kind in kinds.all_kinds()
        for document in kind.in_partnerships(ids)
        .filter(
            status=DocumentStatus.AWAITING_SIGNATURES,
            signatures__person=person,
            signatures__signed_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
    ]


def cases_by_municipality(partnerships: list[Partnership]) -> dict[int, list[CouncilCase]]:
    cases = CouncilCase.objects.filter(
        municipality_id__in={p.municipality_id for p in partnerships}
    ).order_by("-diary_number")
    grouped: dict[int, list[CouncilCase]] = {}
    for case in cases:
        grouped.setdefault(case.municipality_id, []).append(case)
    return grouped


@dataclass(frozen=True)
class Change:
    at: datetime
    by: StrOrPromise
    what: StrOrPromise  # "Ett löfte skapat", "Handlingsplanen ändrad"
    document: Any


def recent_sources() -> Iterator[tuple[type[Historied], str, str, Noun, bool]]:
    """Where to look for recent changes: (model, path from the row to its document, path from
    the document to its partnership, what a row of this kind is called, whether it is named
    definite: the document itself), for every kind."""
    for kind in kinds.all_kinds():
        yield kind.model, "", kind.partnership_path, kind.noun, True
        for rows in kind.row_changes:
            noun = Noun.from_phrase(rows.name)
            yield rows.model, rows.to_document, kind.partnership_path, noun, False


def recent_changes(
    partnerships: list[Partnership] | QuerySet[Partnership] | None, limit: int = 10
) -> list[Change]:
    """The latest changes to the documents of these partnerships (None: of all, for a
    superuser: read newest first through the history's date index, not gathered from every
    partnership and sorted); one query per kind of row."""
    ids: Any = (
        partnerships.values("pk")
        if isinstance(partnerships, QuerySet)
        else None
        if partnerships is None
        else [p.pk for p in partnerships]
    )
    changes: list[Change] = []
    copies: set[tuple[Any, str]] = set()  # a copy's rows are one change: "Kopierad från …"
    for model, to_document, to_partnership, noun, definite in recent_sources():
        prefix = f"{to_document}__" if to_document else ""
        records = (
            (
                model.history.all()
                if ids is None
                else model.history.filter(**{f"{prefix}{to_partnership}_id__in": ids})
            )
            .select_related("history_user", *([to_document] if to_document else []))
            .order_by("-history_date")[:limit]
        )
        for record in records:
            document = _follow(record, to_document) if to_document else record.instance
            user = record.history_user
            what = noun.said(PARTICIPLES[record.history_type], definite=definite)
            reason = record.history_change_reason or ""
            if to_document and record.history_type == "+" and reason.startswith(COPIED_PREFIX):
                if (document.pk, reason) in copies:
                    continue
                copies.add((document.pk, reason))
                what = reason
            changes.append(
                Change(
                    at=record.history_date,
                    by=(user.get_full_name() or user.username) if user else _("Systemet"),
                    what=what,
                    document=document,
                )
            )
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:limit]


def _follow(record: Model, path: str) -> Any:
    obj = record
    for step in path.split("__"):
        obj = getattr(obj, step)
    return obj


def documents_of(partnership: Partnership) -> list[Document]:
    return [document for documents in partnership.documents.values() for document in documents]


def awaiting(
    user: AnyUser, partnerships: list[Partnership], today: date | None = None
) -> tuple[list[Task], list[Task]]:
    """What waits, from the documents already loaded (no queries): (what is the user's own
    to do: her signature; what else waits in her partnerships)."""
    today = today or timezone.localdate()
    person = getattr(user, "person", None)
    mine: list[Task] = []
    tasks: list[Task] = []
    for partnership in partnerships:
        access = partnership_access(user, partnership)
        for document in documents_of(partnership):
            if document.status == DocumentStatus.AWAITING_SIGNATURES:
                pending = [s for s in document.signatures.all() if s.signed_at is None]
                if person is not None and any(s.person_id == person.pk for s in pending):
                    mine.append(Task(_("Väntar på din underskrift"), document))
                else:
                    names = ", ".join(s.name for s in pending)
                    tasks.append(Task(_("Väntar på underskrift av %s") % names, document))
            elif document.status == DocumentStatus.DRAFT and access.edit:
                tasks.append(Task(_("Utkast att arbeta vidare med"), document))
        if access.edit:
            for kind in kinds.all_kinds():
                tasks += kind.due(partnership, partnership.documents[kind.slug], today)
    return mine, tasks


def recently_signed(partnerships: list[Partnership], days: int = 90) -> list[Document]:
    """Documents whose last signature was made within the last `days` days, newest first."""
    since = timezone.now() - timedelta(days=days)
    signed = []
    for partnership in partnerships:
        for document in documents_of(partnership):
            times = [s.signed_at for s in document.signatures.all() if s.signed_at]
            if document.is_signed and times and max(times) >= since:
                signed.append((max(times), document))
    return [document for _at, document in sorted(signed, key=lambda pair: pair[0], reverse=True)]


@dataclass(frozen=True)
class KindSummary:
    """How many documents of one kind the partnerships hold, by status."""

    kind: kinds.DocumentKind
    counts: list[int]  # in the order of DocumentStatus
    total: int


def summary(partnerships: QuerySet[Partnership]) -> dict[str, Any]:
    """All the partnerships' documents counted by kind and status: one query a kind, however
    many municipalities (the dashboard lists their documents a page at a time)."""
    rows = []
    for kind in kinds.all_kinds():
        documents = kind.model.objects.all()
        if partnerships.query.where:  # not every partnership there is: only these
            documents = documents.filter(**{f"{kind.partnership_path}__in": partnerships})
        # COUNT(*), not of the id: then PostgreSQL counts from the (partnership, status)
        # index alone, without reading the documents' wide rows.
        found = dict(documents.order_by().values_list("status").annotate(count=Count("*")))
        counts = [found.get(status.value, 0) for status in DocumentStatus]
        rows.append(KindSummary(kind, counts, sum(counts)))
    return {
        "statuses": [status.label for status in DocumentStatus],
        "kinds": rows,
        "partnerships": partnerships.count(),
    }
