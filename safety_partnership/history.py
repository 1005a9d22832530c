"""Reading django-simple-history records as a person would: what changed, from what to what."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property, lru_cache
from itertools import zip_longest
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models
from django.db.models.options import Options
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Fields that say nothing to a reader of the history. Links to other rows are left
# out too: naming the linked row would cost a query per history record.
HIDDEN_FIELDS = {"id", "object_id"}
# The reason given to every row a copy writes: "Kopierad från Handlingsplan 2018–2020 (40
# rader)". The timeline shows the rows that share one such reason as one entry.
COPIED_PREFIX = "Kopierad från "
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
    long: bool = False  # a long text, shown as a word-level diff

    @cached_property
    def diff(self) -> SafeString | None:
        """The word-level diff of a long text, HTML with <del>/<ins>: computed when a page
        shows it (the history shows one page of its entries), not for every entry."""
        return word_diff(self.old, self.new) if self.long else None


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


# A history's diffs never change: the pages of a long history reuse those computed before.
@lru_cache(maxsize=512)
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
                long=long_text and old is not None,
            )
        )
    return changes


@dataclass(frozen=True)
class Participle:
    """A past participle in its three forms, to agree with what it says something about."""

    common: StrOrPromise  # en åtgärd skapad
    neuter: StrOrPromise  # ett löfte skapat
    plural: StrOrPromise  # 40 rader skapade


CREATED = Participle(_("skapad"), _("skapat"), _("skapade"))
CHANGED = Participle(_("ändrad"), _("ändrat"), _("ändrade"))
DELETED = Participle(_("borttagen"), _("borttaget"), _("borttagna"))
ADDED = Participle(_("tillagd"), _("tillagt"), _("tillagda"))
LINKED = Participle(_("kopplad"), _("kopplat"), _("kopplade"))

# The participle of each kind of history record: + created, ~ changed, - deleted.
PARTICIPLES = {"+": CREATED, "~": CHANGED, "-": DELETED}


@dataclass(frozen=True)
class Noun:
    """How a kind of record is called, with its gender (en or ett), so that what is said
    about it agrees: 'En åtgärd ändrad', 'Ett löfte ändrat', 'Löftet borttaget'."""

    article: str  # "en" or "ett"
    word: StrOrPromise  # "åtgärd"
    definite: StrOrPromise  # "åtgärden"

    @classmethod
    def from_phrase(cls, phrase: StrOrPromise, definite: StrOrPromise = "") -> Noun:
        """'En iakttagelse' -> Noun('en', 'iakttagelse', …)."""
        article, _space, word = str(phrase).partition(" ")
        return cls(article.lower(), word, definite or word)

    @property
    def neuter(self) -> bool:
        return self.article == "ett"

    @property
    def indefinite(self) -> str:
        return f"{self.article} {self.word}"

    def agree(self, participle: Participle) -> str:
        return str(participle.neuter if self.neuter else participle.common)

    def said(self, participle: Participle, *, definite: bool = False) -> str:
        """'En åtgärd ändrad', or with definite 'Åtgärden ändrad'."""
        name = self.definite if definite else self.indefinite
        return f"{capfirst(str(name))} {self.agree(participle)}"


# The noun of each model with a history, registered by the app that shows it.
NOUNS: dict[type[models.Model], Noun] = {}


def register_noun(model: type[models.Model], noun: Noun) -> Noun:
    NOUNS[model] = noun
    return noun


def noun_of(model: type[models.Model]) -> Noun:
    """The registered noun of a model (or of a historical model's live model); a model no
    app has named is called by its verbose name, as a common-gender word."""
    model = getattr(model, "instance_type", model)
    if model in NOUNS:
        return NOUNS[model]
    return Noun("en", str(model._meta.verbose_name), str(model._meta.verbose_name))


# The kinds of change a reader may filter the history by.
CHANGE_KINDS = {
    "skapad": _("Skapad eller tillagd"),
    "andrad": _("Ändrad"),
    "borttagen": _("Borttagen"),
    "underskrift": _("Underskrift"),
    "kopierad": _("Kopierad"),
}
KIND_OF_TYPE = {"+": "skapad", "~": "andrad", "-": "borttagen"}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    by: str
    what: str  # "En åtgärd ändrad i ”Trafikmiljön”: Trygghetsvandringar"
    kind: str  # one of CHANGE_KINDS
    reason: str
    changes: list[FieldChange]
    user_id: int | None = None


@dataclass(frozen=True)
class Part:
    """One kind of row in a document's history: its history records and how to name one."""

    model: type[models.Model]
    records: models.QuerySet
    name: Callable[[Any], str]  # historical record -> which one it is, after the headline
    # How its changes are called, if not skapad/ändrad/borttagen: a link is "kopplad".
    actions: dict[str, Participle] | None = None
    noun: Noun | None = None  # by default the model's registered noun
    definite: bool = False  # "Handlingsplanen ändrad" rather than "En handlingsplan ändrad"
    separator: str = ": "  # between the headline and the name
    kind: str | None = None  # the kind of change of all its entries ("underskrift")
    # The whole headline, for rows named before what happened to them: (record, the
    # participle agreeing with the noun) -> "Underskrift av Hanna Sjögren tillagd".
    phrase: Callable[[Any, str], str] | None = None

    def headline(self, record) -> str:
        noun = self.noun or noun_of(self.model)
        participle = (self.actions or PARTICIPLES)[record.history_type]
        if self.phrase is not None:
            return self.phrase(record, noun.agree(participle))
        said = noun.said(participle, definite=self.definite)
        name = self.name(record)
        return f"{said}{self.separator}{name}" if name else said


def copy_entry(records: list, reason: str) -> TimelineEntry:
    """The rows one copy wrote, as the one entry they are to a reader."""
    first = records[0]
    user = first.history_user
    count = ngettext("%(n)s rad", "%(n)s rader", len(records)) % {"n": len(records)}
    return TimelineEntry(
        at=first.history_date,
        by=(user.get_full_name() or user.username) if user else "",
        what=f"{reason} ({count})",
        kind="kopierad",
        reason="",
        changes=[],
        user_id=user.pk if user else None,
    )


def timeline(parts: list[Part]) -> list[TimelineEntry]:
    """Every change to a document and its rows, newest first, each with its field changes.

    One query per part, however many rows and changes: each record is compared
    with the previous record of the same object, found in memory. The rows a copy
    wrote (their reason starts with COPIED_PREFIX and names the copy) are one entry.
    """
    entries = []
    copies: dict[str, list] = {}
    for part in parts:
        previous: dict[int, Any] = {}
        records = part.records.select_related("history_user").order_by("history_date", "history_id")
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            reason = record.history_change_reason or ""
            if record.history_type == "+" and reason.startswith(COPIED_PREFIX):
                copies.setdefault(reason, []).append(record)
                continue
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
                    what=part.headline(record),
                    kind=part.kind or KIND_OF_TYPE[record.history_type],
                    reason=reason,
                    changes=changes,
                    user_id=user.pk if user else None,
                )
            )
    entries += [copy_entry(records, reason) for reason, records in copies.items()]
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
        long=long_text,
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
    noun = noun_of(model)
    result = [ContentChange(what, capfirst(noun.agree(CHANGED)), changed)] if changed else []
    for key, new_rows in new_tree.items():
        if not isinstance(new_rows, list):
            continue
        row_model = model._meta.get_field(key).related_model
        name = str(row_model._meta.verbose_name).capitalize()
        row_noun = noun_of(row_model)
        old_rows = old_tree.get(key, [])
        for number, (old_row, new_row) in enumerate(zip_longest(old_rows, new_rows), start=1):
            label = f"{name} {number}"
            if old_row is None:
                result.append(ContentChange(label, capfirst(row_noun.agree(ADDED)), []))
            elif new_row is None:
                result.append(ContentChange(label, capfirst(row_noun.agree(DELETED)), []))
            else:
                result += content_changes(old_row, new_row, row_model, label)
    return result
