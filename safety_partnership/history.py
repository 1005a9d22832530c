"""Reading django-simple-history records as a person would: what changed, from what to what."""

import difflib
import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Fields that say nothing to a reader of the history. Links to other rows are left
# out too: naming the linked row would cost a query per history record.
HIDDEN_FIELDS = {"id", "object_id"}
# Texts longer than this are shown as a word-level diff rather than before and after.
LONG_TEXT = 80


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
    parts = []
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
    at: object  # datetime
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
    name: object  # callable: historical record -> str


def timeline(parts: list[Part]) -> list[TimelineEntry]:
    """Every change to a document and its rows, newest first, each with its field changes.

    One query per part, however many rows and changes: each record is compared
    with the previous record of the same object, found in memory.
    """
    entries = []
    for part in parts:
        previous = {}
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
                    action=ACTIONS[record.history_type],
                    reason=record.history_change_reason or "",
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries
