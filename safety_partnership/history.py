"""Reading django-simple-history records as a person would: what changed, from what to what."""

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import zip_longest
from typing import Any, Protocol

from django.db import models
from django.db.models.options import Options
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Fields that say nothing to a reader of the history. Links to other rows are left
# out too: naming the linked row would cost a query per history record.
HIDDEN_FIELDS = {"id", "object_id"}
# Texts longer than this are shown as a word-level diff rather than before and after.
LONG_TEXT = 80


class Historied(Protocol):
    """A model, or an object of one, whose changes django-simple-history records.

    django-simple-history ships no types: to the type checker `history`, the manager of
    the historical records it adds to the model, is Any.
    """

    history: Any

    @property
    def _meta(self) -> Options[Any]: ...


class WithChangeReason(Protocol):
    """An object about to be saved, of any model with a history: django-simple-history
    writes its `_change_reason` into the history entry of the next save."""

    _change_reason: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    diff: SafeString | None = None  # word-level diff of long texts, HTML with <del>/<ins>


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of a live model that its history records, as a reader sees them."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and not isinstance(f, models.ForeignKey)
    ]


def display(record, field: models.Field) -> str:
    """A historical record's value as the page would print it."""
    value = getattr(record, field.attname)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Ja" if value else "Nej"
    if isinstance(value, date):
        return date_format(value, "j F Y")
    return str(value)


def word_diff(old: str, new: str) -> SafeString:
    """Mark words removed with <del> and words added with <ins>; everything escaped."""
    old_words = re.findall(r"\S+|\s+", old)
    new_words = re.findall(r"\S+|\s+", new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def field_changes(model: type[models.Model], old, new) -> list[FieldChange]:
    """The differences between two historical records (or instances) of one object."""
    changes = []
    for field in tracked_fields(model):
        if old is not None and getattr(old, field.attname) == getattr(new, field.attname):
            continue
        before = display(old, field) if old is not None else ""
        after = display(new, field)
        if old is None and not after:
            continue
        long_text = isinstance(field, models.TextField) and max(len(before), len(after)) > LONG_TEXT
        changes.append(
            FieldChange(
                label=str(field.verbose_name).capitalize(),
                old=before,
                new=after,
                diff=word_diff(before, after) if long_text and old is not None else None,
            )
        )
    return changes


ACTIONS = {"+": "Skapad", "~": "Ändrad", "-": "Borttagen"}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    by: str
    what: str
    action: str
    reason: str
    changes: list[FieldChange]


@dataclass(frozen=True)
class Part:
    """One kind of row in a document's history: its history records and how to name one."""

    model: type[models.Model]
    records: models.QuerySet
    name: Callable[[Any], str]  # historical record -> how to name it
    # How its changes are called, if not Skapad/Ändrad/Borttagen: a link is "Kopplad".
    actions: dict[str, str] | None = None


def timeline(parts: list[Part]) -> list[TimelineEntry]:
    """Every change to a document and its rows, newest first, each with its field changes.

    One query per part, however many rows and changes: each record is compared
    with the previous record of the same object, found in memory.
    """
    entries = []
    for part in parts:
        previous: dict[int, Any] = {}
        records = part.records.select_related("history_user").order_by("history_date", "history_id")
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            if record.history_type == "~" and before is not None:
                changes = field_changes(part.model, before, record)
                if not changes:
                    continue  # saved without a change a reader would see
            else:
                # Created or removed: the entry names the row; its content is in the
                # document as it was, one click away.
                changes = []
            user = record.history_user
            entries.append(
                TimelineEntry(
                    at=record.history_date,
                    by=(user.get_full_name() or user.username) if user else "",
                    what=part.name(record),
                    action=(part.actions or ACTIONS)[record.history_type],
                    reason=record.history_change_reason or "",
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


@dataclass(frozen=True)
class ContentChange:
    what: str
    action: str
    changes: list[FieldChange]


def _value_change(field: models.Field, before, after) -> FieldChange:
    before, after = ("" if v is None else str(v) for v in (before, after))
    if field.choices:
        labels = dict(field.flatchoices)
        before, after = str(labels.get(before, before)), str(labels.get(after, after))
    long_text = isinstance(field, models.TextField) and max(len(before), len(after)) > LONG_TEXT
    return FieldChange(
        label=str(field.verbose_name).capitalize(),
        old=before,
        new=after,
        diff=word_diff(before, after) if long_text else None,
    )


def content_changes(old_tree: dict, new_tree: dict, model, what: str) -> list[ContentChange]:
    """What differs between two content trees (Document.content_tree), row by row in order.

    Used to show what a revision changes compared with the signed version it revises.
    """
    fields = {f.name: f for f in model._meta.concrete_fields}
    changed = [
        _value_change(fields[key], old_tree.get(key), value)
        for key, value in new_tree.items()
        if key in fields and not isinstance(value, list) and old_tree.get(key) != value
    ]
    result = [ContentChange(what, "Ändrad", changed)] if changed else []
    for key, new_rows in new_tree.items():
        if not isinstance(new_rows, list):
            continue
        row_model = model._meta.get_field(key).related_model
        name = str(row_model._meta.verbose_name).capitalize()
        old_rows = old_tree.get(key, [])
        for number, (old_row, new_row) in enumerate(zip_longest(old_rows, new_rows), start=1):
            label = f"{name} {number}"
            if old_row is None:
                result.append(ContentChange(label, "Tillagd", []))
            elif new_row is None:
                result.append(ContentChange(label, "Borttagen", []))
            else:
                result += content_changes(old_row, new_row, row_model, label)
    return result
