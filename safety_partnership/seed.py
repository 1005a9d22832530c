"""Loads the register's fixtures so that each loaded row also gets a history entry.

Django's loaddata saves "raw", which django-simple-history skips, so the Mjölby
documents would have no starting point in their history. Here every object is
saved normally instead, attributed to no user with a change reason, and an
object that already holds exactly the fixture's values is left alone: loading
twice creates neither duplicates nor history noise.
"""

import json
from pathlib import Path
from typing import cast

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, models, transaction

from .history import WithChangeReason
from .models import Document, DocumentStatus
from .models.documents import rows_of_one_write

CHANGE_REASON = "Inläst från registrets grunddata"


def fixture_path(name: str) -> Path:
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / f"{name}.json"
        if path.exists():
            return path
    raise FileNotFoundError(f"No fixture named {name!r} in {settings.FIXTURE_DIRS}")


def _same_as_stored(obj: models.Model, given: set[str]) -> bool:
    """Compare with the stored row; fields the fixture does not give keep their stored value."""
    model = type(obj)
    stored = model._default_manager.filter(pk=obj.pk).first()
    if stored is None:
        return False
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for field in fields:
        if field.name not in given:
            setattr(obj, field.attname, getattr(stored, field.attname))
    return all(getattr(stored, f.attname) == getattr(obj, f.attname) for f in fields)


@transaction.atomic
def load_fixture(name: str) -> tuple[int, int]:
    """Load fixtures/<name>.json; returns (objects saved, objects already up to date)."""
    saved = unchanged = 0
    loaded: set[type[models.Model]] = set()
    # A signed document takes its rows and signatures only while it is a draft, so
    # new documents are saved as drafts first and signed once everything is in.
    to_sign: list[tuple[Document, str]] = []
    with fixture_path(name).open(encoding="utf-8") as stream:
        entries = json.load(stream)
    # The guard reads each document's status once, not for each of its rows.
    with rows_of_one_write():
        for entry, deserialized in zip(
            entries, serializers.deserialize("python", entries), strict=True
        ):
            obj = deserialized.object
            loaded.add(type(obj))
            if _same_as_stored(obj, set(entry["fields"])):
                unchanged += 1
                continue
            cast(WithChangeReason, obj)._change_reason = CHANGE_REASON  # all have a history
            if (
                isinstance(obj, Document)
                and obj.is_frozen
                and obj._state.adding
                and not _exists(obj)
            ):
                to_sign.append((obj, obj.status))
                obj.status = DocumentStatus.DRAFT
            obj.save()
            saved += 1
        for document, status in to_sign:
            document.status = status
            document._change_reason = CHANGE_REASON
            document.save()
    _reset_sequences(loaded)
    return saved, unchanged


def _exists(obj: models.Model) -> bool:
    return type(obj)._base_manager.filter(pk=obj.pk).exists()


def _reset_sequences(loaded: set[type[models.Model]]) -> None:
    """Rows were saved with the fixture's ids; move PostgreSQL's id sequences past them."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
            cursor.execute(statement)
