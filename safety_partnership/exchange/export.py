"""A partnership with its documents, rows, citizen dialogues, signatories and dates as JSON,
in the register's exchange format (schema.py describes it; importing.py reads it back).

Nothing in the file is a database id: a document names another it refers to (a plan's
agreement) and a pledge its dialogues by their place in the file's lists, so that a file
exported from one register and imported into another exports again the same. The rows of a
document are every kind of row the register keeps under it (content_rows), so that a new
kind of row travels without a change here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.utils.timezone import localdate

from .. import kinds
from ..kinds import LinkedRecords
from ..models import Document, DocumentRow, DocumentStatus, Partnership, Person
from ..models.documents import NOT_CONTENT, content_of

FORMAT = "trygghetsregistret"
# 2 adds what open data needs (public/opendata.py): a licence and a source for the file, an
# id and an address per municipality, document and row, a superseded flag, and a pledge's
# finalised reports. All optional, so that every file of version 1 is one of version 2 too;
# import reads both and leaves the additions out (they describe the publishing register).
VERSION = 2
READ_VERSIONS = [1, 2]
# A document's own fields that the file carries beside its content (content_of leaves them out).
EXTRA_FIELDS = ("extended_to", "extension_note")


def row_model(relation: models.ForeignObjectRel) -> type[models.Model]:
    return cast(type[models.Model], relation.related_model)


def content_rows(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """The kinds of rows kept in order under a document or a row (focus areas, their
    measures, promises …), by the name of their relation, in a fixed order."""
    rows = [
        relation
        for relation in model._meta.related_objects
        if isinstance(relation, models.ManyToOneRel)
        and issubclass(row_model(relation), DocumentRow)
        and any(f.name == "position" for f in row_model(relation)._meta.fields)
    ]
    return sorted(rows, key=lambda relation: relation.get_accessor_name() or "")


def document_links(model: type[models.Model]) -> list[str]:
    """The document's foreign keys to other documents that are part of what it says (a
    plan's agreement), not of its story (revision_of, copied_from)."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation
        and f.name not in NOT_CONTENT
        and issubclass(cast(type[models.Model], f.related_model), Document)
    ]


def plain(value: Any) -> Any:
    """A value as JSON holds it: dates in ISO form, decimals as exact strings ("12.5")."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def fields_of(obj: models.Model) -> dict[str, Any]:
    return {name: plain(value) for name, value in content_of(obj).items()}


def row_tree(obj: models.Model) -> dict[str, Any]:
    """The object's own values and, under "rows", its rows in order, each the same way."""
    tree: dict[str, Any] = {"fields": fields_of(obj)}
    rows = {}
    for relation in content_rows(type(obj)):
        related = getattr(obj, relation.get_accessor_name() or "").order_by("position")
        if children := [row_tree(child) for child in related]:
            rows[relation.get_accessor_name()] = children
    if rows:
        tree["rows"] = rows
    return tree


def person_entry(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "title": person.title,
        "role": person.role,
        "organisation": person.organisation,
        "email": person.email,
        "phone": person.phone,
        "active": person.is_active,
    }


def documents_of(partnership: Partnership) -> list[Document]:
    """Every document of the partnership, kind by kind in the registry's order, by period."""
    documents: list[Document] = []
    for kind in kinds.all_kinds():
        found = kind.model.objects.filter(**{kind.partnership_path: partnership})
        documents += list(found.order_by("period_start", "pk"))
    return documents


def document_entry(
    document: Document,
    index_of: dict[tuple[Any, int], int],
    record_index: dict[str, dict[int, int]],
) -> dict[str, Any]:
    kind = kinds.kind_of(document)
    entry: dict[str, Any] = {
        "kind": kind.model._meta.model_name,
        # Awaiting signatures is a moment, not a state to carry: it arrives as a draft.
        "status": "signed" if document.status in (DocumentStatus.SIGNED,) else "draft",
        **row_tree(document),
    }
    for name in EXTRA_FIELDS:
        if hasattr(document, name):
            entry["fields"][name] = plain(getattr(document, name))
    links = {}
    for name in document_links(type(document)):
        if (linked := getattr(document, name)) is not None:
            links[name] = index_of[(linked._meta.model_name, linked.pk)]
    if links:
        entry["links"] = links
    for linked in kind.linked_records:
        made = linked.link_model._default_manager.filter(**{document_link(linked, kind): document})
        indexes = record_index[linked.name]
        entry[linked.name] = sorted(
            indexes[pk] for pk in made.values_list(f"{linked.link_field}_id", flat=True)
        )
    if entry["status"] == "signed":
        entry["signatures"] = [
            {
                "name": s.name,
                "title": s.title,
                "signed_on": plain(s.signed_on or (s.signed_at and localdate(s.signed_at))),
                "place": s.place,
            }
            for s in document.signatures.order_by("position")
        ]
    return entry


def linked_records() -> list[LinkedRecords]:
    """Every kind of record documents rest on, once each (kinds.LinkedRecords)."""
    found: dict[str, LinkedRecords] = {}
    for kind in kinds.all_kinds():
        for linked in kind.linked_records:
            found.setdefault(linked.name, linked)
    return list(found.values())


def document_link(linked: LinkedRecords, kind) -> str:
    """The link model's foreign key to the document."""
    return next(
        f.name
        for f in linked.link_model._meta.fields
        if f.is_relation and f.related_model is kind.model
    )


def records_of(linked: LinkedRecords, partnership: Partnership) -> list[models.Model]:
    return list(
        linked.model._default_manager.filter(partnership=partnership).order_by(*linked.order)
    )


def partnership_entry(partnership: Partnership) -> dict[str, Any]:
    area = partnership.police_area
    people = Person.objects.filter(
        models.Q(municipality_id=partnership.municipality_id)
        | models.Q(police_area_id=partnership.police_area_id, police_area__isnull=False)
        | models.Q(partnership=partnership)
    ).order_by("name", "pk")
    records = {linked.name: records_of(linked, partnership) for linked in linked_records()}
    record_index = {
        name: {record.pk: index for index, record in enumerate(found)}
        for name, found in records.items()
    }
    documents = documents_of(partnership)
    index_of = {(d._meta.model_name, d.pk): index for index, d in enumerate(documents)}
    entry: dict[str, Any] = {
        "municipality": {
            "name": partnership.municipality.name,
            "code": partnership.municipality.code,
        },
        "police_area": {"name": area.name, "region": area.region} if area else None,
        "people": [person_entry(p) | {"party": party_of(p)} for p in people],
        **{name: [fields_of(record) for record in found] for name, found in records.items()},
        "documents": [document_entry(d, index_of, record_index) for d in documents],
    }
    return entry


def party_of(person: Person) -> str:
    if person.municipality_id:
        return "municipality"
    if person.police_area_id:
        return "police_area"
    return "other"


def export_register(partnerships: models.QuerySet[Partnership] | None = None) -> dict[str, Any]:
    """The register (or the partnerships given) in the exchange format."""
    chosen = Partnership.objects.all() if partnerships is None else partnerships
    chosen = chosen.select_related("municipality", "police_area").order_by(
        "municipality__name", "police_area__name", "pk"
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "partnerships": [partnership_entry(p) for p in chosen],
    }
