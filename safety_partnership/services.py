"""Writes that span several rows of a document: starting a new document from an earlier one.

The services (new_document_from, copy_rows, copy_document) take keyword arguments only;
clone, retitle and next_period are helpers that compute without saving.
"""

import re
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import date
from typing import Any, TypeVar

from django.db import models, transaction

from .history import COPIED_PREFIX
from .kinds import kind_of
from .models import Document, DocumentRow, DocumentStatus
from .models.documents import rows_of_one_write
from .review import mark_old_years

M = TypeVar("M", bound=models.Model)
D = TypeVar("D", bound=Document)
# What copy_rows copies: rows, or (in tests, to grow a register fast) documents.
R = TypeVar("R", bound=DocumentRow | Document)


class _Copying:
    """What copy_document is doing while the kind copies the rows: the reason each row is
    given, and the rows copied so far (to look for old years in)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.rows: list[Any] = []


# Set while copy_document runs; outside it copy_rows gives the reason "Kopierad".
_copying: ContextVar[_Copying | None] = ContextVar("copying", default=None)


def clone(obj: M, **changes: Any) -> M:
    """An unsaved copy of obj's own fields, with some of them changed.

    A change may name a relation by its field (agreement=…) or by its column
    (agreement_id=…); either replaces the original's value.
    """
    fields = [field for field in obj._meta.concrete_fields if not field.primary_key]
    values = {field.attname: getattr(obj, field.attname) for field in fields}
    for field in fields:
        # The model would set agreement_id after agreement: drop the old column's value.
        if field.name != field.attname and field.name in changes:
            del values[field.attname]
    values.update(changes)
    return type(obj)(**values)


def retitle(title: str, old: tuple[date, date], new: tuple[date, date]) -> str:
    """'Handlingsplan för 2018-2020' -> 'Handlingsplan för 2021-2023'; '… 2018' -> '… 2019'."""
    (old_start, old_end), (new_start, new_end) = old, new
    span = re.compile(rf"\b{old_start.year}(\s*[-–]\s*){old_end.year}\b")
    if span.search(title):
        return span.sub(lambda m: f"{new_start.year}{m.group(1)}{new_end.year}", title, count=1)
    return re.sub(rf"\b{old_start.year}\b", str(new_start.year), title, count=1)


def next_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length in whole years that follows: 2018–2020 -> 2021–2023."""
    years = end.year - start.year + 1
    return start.replace(year=start.year + years), end.replace(year=end.year + years)


def new_document_from(*, original: D, **changes: Any) -> D:
    """A draft that starts as a copy of original's own fields and records where it came from.

    By default a new document of its own (revision 1, copied_from set); a revision passes
    revision, revision_of and the diary number instead.
    """
    is_revision = changes.get("revision_of_id") is not None
    values = {
        "status": DocumentStatus.DRAFT,
        "revision": 1,
        "revision_of_id": None,
        "copied_from_id": original.pk,
        "diary_number": "",
        # A revision is the same document, revised: it keeps even what a copy starts without.
        **({} if is_revision else kind_of(original).not_copied),
        **changes,
    }
    copy = clone(original, **values)
    copy._change_reason = f"Skapad utifrån {original.title}"
    copy.full_clean()
    copy.save()
    return copy


def copy_rows(*, rows: Iterable[R], **changes: Any) -> list[R]:
    """Save copies of rows (focus areas, measures, promises) under a new parent.

    Inside copy_document every row is given the copy's one reason, "Kopierad från
    Handlingsplan 2018–2020", so that the history shows the copy as one entry.
    """
    copying = _copying.get()
    copies: list[R] = []
    for row in rows:
        copy = clone(row, **changes)
        copy._change_reason = copying.reason if copying else "Kopierad"
        copy.save()
        copies.append(copy)
    if copying:
        copying.rows += copies
    return copies


def copy_reason(original: Document) -> str:
    """'Kopierad från Handlingsplan 2018–2020': the reason of each row a copy writes."""
    return f"{COPIED_PREFIX}{kind_of(original).label} {original.period}"


@transaction.atomic
def copy_document(*, original: D, **fields: Any) -> D:
    """A new draft (or revision) with the original's text and rows; see new_document_from.

    Texts of a copy for a new period that name a year of the old period are marked for
    review (review.mark_old_years).
    """
    with rows_of_one_write():
        copy = new_document_from(original=original, **fields)
        copying = _Copying(copy_reason(original))
        token = _copying.set(copying)
        try:
            kind_of(original).copy_rows(original, copy)
        finally:
            _copying.reset(token)
        mark_old_years(original, copy, copying.rows)
    return copy
