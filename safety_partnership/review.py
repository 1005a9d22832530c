"""Texts a copy for a new period kept from the old one that still name an old year.

"Planen gäller för 2018-2020" copied into a 2021–2023 plan is marked (ReviewMark) at the
text, on the document or on its row; the draft's page shows a note there and a summary at
the top until the coordinator changes the text or says it is checked ("Kontrollerad").
The marks live beside the document: they are never part of its signed content.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .access import require_draft
from .history import noun_of
from .kinds import kind_of
from .models import Document, DocumentRow, DocumentStatus, ReviewMark

# A year on its own: 2018 in "2018-2020" or "år 2018", not in "120185".
YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def sha256(text: str) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


def old_years(original: Document, copy: Document) -> set[int]:
    """The years of the original's period that are not in the copy's period."""
    first = original.period_start.year
    last = (original.period_end or original.period_start).year
    new_first = copy.period_start.year
    new_last = copy.period_end.year if copy.period_end else 9999
    return {year for year in range(first, last + 1) if not new_first <= year <= new_last}


def text_fields(obj: models.Model) -> list[models.Field]:
    """The fields of a document or row that hold text a person wrote."""
    return [
        field
        for field in obj._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


def years_in(text: str, years: set[int]) -> list[int]:
    return sorted({int(found) for found in YEAR.findall(text or "")} & years)


def mark_old_years(original: Document, copy: Document, rows: Iterable[models.Model]) -> int:
    """Mark each text of copy and its copied rows that names a year of original's period
    (and not of the copy's); returns how many. A revision keeps its period: no marks."""
    if getattr(copy, "revision_of_id", None) is not None:
        return 0
    years = old_years(original, copy)
    if not years:
        return 0
    document_type = ContentType.objects.get_for_model(copy)
    count = 0
    for obj in [copy, *rows]:
        target_type = ContentType.objects.get_for_model(obj)
        for field in text_fields(obj):
            text = getattr(obj, field.attname)
            found = years_in(text, years)
            if found:
                ReviewMark.objects.create(
                    document_type=document_type,
                    document_id=copy.pk,
                    target_type=target_type,
                    target_id=obj.pk,
                    field=field.name,
                    years=", ".join(str(year) for year in found),
                    text_sha256=sha256(text),
                )
                count += 1
    return count


def clear_changed_texts(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """post_save: a marked text that was changed has been looked at; its mark goes."""
    if kwargs.get("raw") or kwargs.get("created"):
        return
    if not isinstance(instance, Document | DocumentRow):
        return
    target_type = ContentType.objects.get_for_model(sender)
    for mark in ReviewMark.objects.filter(target_type=target_type, target_id=instance.pk):
        # Marked fields hold text (CharField, TextField): their name is their attname.
        if sha256(getattr(instance, mark.field, "")) != mark.text_sha256:
            mark.delete()


def clear_deleted(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """post_delete: a row or document that is gone has nothing left to check."""
    if not isinstance(instance, Document | DocumentRow):
        return
    content_type = ContentType.objects.get_for_model(sender)
    gone = ReviewMark.objects.filter(target_type=content_type, target_id=instance.pk)
    if isinstance(instance, Document):
        gone = gone | ReviewMark.objects.filter(document_type=content_type, document_id=instance.pk)
    for mark in gone:
        mark.delete()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(clear_changed_texts, dispatch_uid="review-marks-saved")
    post_delete.connect(clear_deleted, dispatch_uid="review-marks-deleted")


@dataclass(frozen=True)
class OpenMark:
    """A mark as the page shows it: where the text is, which years, and its mark."""

    mark: ReviewMark
    where: str  # "Giltighet", "Åtgärd ”Att under 2018 …”", "Fokusområde ”Trafik” (problembild)"
    anchor: str  # the id on the page to go to


def open_marks(document: Document) -> list[ReviewMark]:
    """The document's marks, loaded once per page (kept on the document)."""
    cached = getattr(document, "_review_marks", None)
    if cached is None:
        if document.pk is None or document.status != DocumentStatus.DRAFT:
            cached = []
        else:
            content_type = ContentType.objects.get_for_model(document)
            cached = list(
                ReviewMark.objects.filter(document_type=content_type, document_id=document.pk)
            )
        setattr(document, "_review_marks", cached)  # noqa: B010 - not a field of Document
    return cached


def mark_at(document: Document, obj: models.Model, field: str) -> ReviewMark | None:
    target_type = ContentType.objects.get_for_model(obj)
    for mark in open_marks(document):
        if (mark.target_type_id, mark.target_id, mark.field) == (target_type.pk, obj.pk, field):
            return mark
    return None


def describe(document: Document, marks: list[ReviewMark]) -> list[OpenMark]:
    """Where each mark's text is, reading its row (one query per kind of row)."""
    by_type: dict[int, set[int]] = {}
    for mark in marks:
        by_type.setdefault(mark.target_type_id, set()).add(mark.target_id)
    targets: dict[tuple[int, int], Any] = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            targets[type_id, obj.pk] = obj
    described = []
    for mark in marks:
        target = targets.get((mark.target_type_id, mark.target_id))
        if target is None:
            continue
        field = str(getattr(target._meta.get_field(mark.field), "verbose_name", mark.field))
        if isinstance(target, Document):
            where, anchor = capfirst(field), "granska"
        else:
            noun = str(noun_of(type(target)).word)
            where = f"{capfirst(noun)} ”{Truncator(str(target)).words(8)}”"
            if field.lower() != noun.lower():
                where += f" ({field})"
            anchor = getattr(target, "anchor", "granska")
        described.append(OpenMark(mark, where, anchor))
    return described


@login_required
@require_POST
def mark_checked(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Kontrollerad": the coordinator has read the text and it may stay as it is."""
    mark = get_object_or_404(ReviewMark, pk=pk)
    model = mark.document_type.model_class()
    if model is None:  # the document's app is no longer installed
        raise Http404
    document, _access = kind_of(model).get_for_user(request.user, mark.document_id, require_draft)
    target = mark.target
    with transaction.atomic():
        mark.delete()
    messages.success(request, _("Texten är markerad som kontrollerad."))
    anchor = getattr(target, "anchor", "granska") if not isinstance(target, Document) else "granska"
    return redirect(f"{document.get_absolute_url()}#{anchor}")
