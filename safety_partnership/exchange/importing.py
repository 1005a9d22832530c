"""Reading a file in the exchange format (export.py) into the register.

Everything or nothing: the file is checked against the JSON Schema, then every object is
made and validated inside one transaction; any error rolls it all back and is reported with
the path of the bad field ("partnerships[0].documents[2].fields.period_start"). What is
already in the register (a municipality by its code, a police area by its name, a document
by its kind, partnership, title and start) is not made again, so importing the same file
twice creates nothing new. Documents arrive as drafts, or signed on paper where the file
gives their signatories and dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from jsonschema import Draft202012Validator

from .. import kinds
from ..kinds import LinkedRecords
from ..models import Document, Municipality, Partnership, Person, PoliceArea, Role
from ..models.documents import rows_of_one_write
from ..signing.services import record_paper_signatures
from .export import content_rows, document_link, document_links, linked_records, row_model
from .schema import register_schema

NOT_SET_UP = _lazy(
    "%(name)s finns inte i registret. Registrets administratör lägger upp det under Inställningar."
)
IMPORTED = "Importerad från fil i registrets utbytesformat; papperet finns hos parterna."


@dataclass
class Summary:
    """What an import made, and what it found already there, in words for the preview."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


class ImportRefused(Exception):
    """The file cannot be imported; nothing was saved. errors: "path: message" lines."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def path_of(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def schema_errors(data: Any) -> list[str]:
    validator = Draft202012Validator(register_schema())
    return [
        f"{path_of(error.absolute_path) or '(filen)'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    ]


def nul_errors(value: Any, parts: tuple = ()) -> list[str]:
    """Where the file holds a NUL character ("\\u0000" in JSON): no text of the register
    holds one, and PostgreSQL refuses it. (The schema already refuses keys of its own.)"""
    if isinstance(value, str):
        if "\x00" not in value:
            return []
        return [f"{path_of(parts) or '(filen)'}: {_('tecknet NUL är inte tillåtet')}"]
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    else:
        return []
    return [error for key, child in children for error in nul_errors(child, (*parts, key))]


def import_register(
    data: Any, *, user=None, only_municipality: Municipality | None = None, dry_run: bool = False
) -> Summary:
    """Import the file's partnerships; with dry_run, say what would be made and save nothing.
    only_municipality: a coordinator imports her own municipality's documents only."""
    if errors := schema_errors(data) or nul_errors(data):
        raise ImportRefused(errors)
    importer = Importer(user=user, only_municipality=only_municipality)
    # Each document's status is read once for all its rows (documents.rows_of_one_write).
    with transaction.atomic(), rows_of_one_write():
        for index, entry in enumerate(data["partnerships"]):
            importer.partnership(entry, f"partnerships[{index}]")
        if importer.errors:
            transaction.set_rollback(True)
            raise ImportRefused(importer.errors)
        if dry_run:
            transaction.set_rollback(True)
    return importer.summary


class Importer:
    def __init__(self, *, user, only_municipality: Municipality | None) -> None:
        self.user = user
        self.only_municipality = only_municipality
        self.errors: list[str] = []
        self.summary = Summary()
        self.matched: dict[str, set[int]] = {}
        self.leaving: list[Person] = []

    # Validation one object at a time, the errors named by their place in the file.

    def fail(self, path: str, error: ValidationError | str) -> None:
        if isinstance(error, str):
            self.errors.append(f"{path}: {error}")
        elif hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                where = path if name == "__all__" else f"{path}.{name}"
                self.errors += [f"{where}: {message}" for message in messages]
        else:
            self.errors += [f"{path}: {message}" for message in error.messages]

    def saved(self, obj: models.Model, path: str, exclude: list[str] | None = None) -> bool:
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as error:
            self.fail(path, error)
            return False
        obj.save()
        return True

    def values(self, model: type[models.Model], fields: dict, path: str) -> dict | None:
        converted = {}
        for name, value in fields.items():
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                model_field = None
            if not isinstance(model_field, models.Field) or model_field.is_relation:
                self.fail(f"{path}.{name}", _("okänt fält"))
                continue
            try:
                converted[model_field.attname] = model_field.to_python(value)
            except ValidationError as error:
                self.fail(f"{path}.{name}", error)
        return converted if len(converted) == len(fields) else None

    # The file's objects.

    def partnership(self, entry: dict, path: str) -> None:
        given = entry["municipality"]
        municipality = Municipality.objects.filter(code=given["code"]).first()
        if self.only_municipality is not None and given["code"] != self.only_municipality.code:
            self.fail(
                f"{path}.municipality.code",
                _("Du kan bara importera %(name)s dokument.") % {"name": self.only_municipality},
            )
            return
        if municipality is None:
            municipality = Municipality(name=given["name"], code=given["code"])
            if not self.saved(municipality, f"{path}.municipality"):
                return
            self.summary.created.append(_("Kommunen %(name)s") % {"name": municipality})
        elif municipality.name != given["name"]:
            self.fail(
                f"{path}.municipality.name",
                _("Kommunkoden %(code)s hör till %(name)s i registret.")
                % {"code": given["code"], "name": municipality.name},
            )
            return
        area = None
        if given_area := entry.get("police_area"):
            area = PoliceArea.objects.filter(name=given_area["name"]).first()
            if area is None and self.only_municipality is not None:
                self.fail(f"{path}.police_area.name", NOT_SET_UP % {"name": given_area["name"]})
                return
            if area is None:
                area = PoliceArea(name=given_area["name"], region=given_area["region"])
                if not self.saved(area, f"{path}.police_area"):
                    return
                self.summary.created.append(str(area))
        partnership = Partnership.objects.filter(
            municipality=municipality, police_area=area
        ).first()
        if partnership is None and self.only_municipality is not None:
            # A coordinator imports into her partnerships; the administrator sets up new ones.
            self.fail(path, NOT_SET_UP % {"name": f"{municipality} – {area or '–'}"})
            return
        if partnership is None:
            partnership = Partnership(municipality=municipality, police_area=area)
            if not self.saved(partnership, path):
                return
            self.summary.created.append(_("Samverkan %(name)s") % {"name": partnership.parties})
        people = {
            person["name"]: self.person(person, partnership, f"{path}.people[{i}]")
            for i, person in enumerate(entry.get("people", []))
        }
        records = {
            linked.name: [
                self.record(linked, fields, partnership, f"{path}.{linked.name}[{i}]")
                for i, fields in enumerate(entry.get(linked.name, []))
            ]
            for linked in linked_records()
        }
        documents: list[Document | None] = []
        for i, document in enumerate(entry.get("documents", [])):
            made = self.document(
                document, partnership, documents, records, people, f"{path}.documents[{i}]"
            )
            documents.append(made)
        for person in self.leaving:
            person.is_active = False
            person.save()
        self.leaving.clear()

    def person(self, entry: dict, partnership: Partnership, path: str) -> Person | None:
        parties: dict[str, dict[str, Any]] = {
            "municipality": {"municipality": partnership.municipality},
            "police_area": {"police_area": partnership.police_area},
            "other": {"partnership": partnership} if entry["role"] == Role.OTHER_SIGNATORY else {},
        }
        party = parties[entry["party"]]
        existing = Person.objects.filter(name=entry["name"], **party).first()
        if existing is not None:
            return existing
        person = Person(
            name=entry["name"],
            title=entry.get("title", ""),
            role=entry["role"],
            organisation=entry.get("organisation", ""),
            email=entry.get("email", ""),
            phone=entry.get("phone", ""),
            **party,
        )
        if not self.saved(person, path):
            return None
        if not entry.get("active", True):
            # Someone who has left signed the documents of her time: active until they are in.
            self.leaving.append(person)
        self.summary.created.append(_("Personen %(name)s") % {"name": person})
        return person

    def record(self, linked: LinkedRecords, fields: dict, partnership: Partnership, path: str):
        """A record documents rest on (a citizen dialogue): found, or made."""
        values = self.values(linked.model, fields, path)
        if values is None:
            return None
        # Records may read alike (the seed's three dialogues of 2017): each matches one
        # not matched before.
        matched = self.matched.setdefault(linked.name, set())
        existing = (
            linked.model._default_manager.filter(partnership=partnership, **values)
            .exclude(pk__in=matched)
            .order_by("pk")
            .first()
        )
        if existing is not None:
            matched.add(existing.pk)
            return existing
        record = linked.model(partnership=partnership, **values)
        if self.saved(record, path):
            matched.add(record.pk)
            self.summary.created.append(str(record))
            return record
        return None

    def document(self, entry, partnership, documents, records, people, path) -> Document | None:
        kind = next(k for k in kinds.all_kinds() if k.model._meta.model_name == entry["kind"])
        model = kind.model
        values = self.values(model, entry["fields"], f"{path}.fields")
        if values is None:
            return None
        for name, index in entry.get("links", {}).items():
            if name not in document_links(model) or index >= len(documents):
                self.fail(f"{path}.links.{name}", _("hänvisar till något som inte finns"))
                return None
            values[f"{name}_id"] = getattr(documents[index], "pk", None)
        # A document made under another (its parent field one of its links) has it in values.
        parent = {"partnership": partnership} if kind.parent_field == "partnership" else {}
        same = {"title": values.get("title"), "period_start": values.get("period_start")}
        existing = model.objects.filter(**{kind.partnership_path: partnership}, **same).first()
        if existing is not None:
            self.summary.existing.append(f"{kind.label}: {existing.title}")
            return existing
        document = model(**parent, **values)
        if not self.saved(document, f"{path}.fields"):
            return None
        rows = self.rows(document, entry.get("rows", {}), path)
        for linked in kind.linked_records:
            found = records[linked.name]
            for index in entry.get(linked.name, []):
                if index >= len(found):
                    self.fail(
                        f"{path}.{linked.name}",
                        _("hänvisar till %(index)s, som inte finns") % {"index": index},
                    )
                elif found[index] is not None:
                    link = linked.link_model(
                        **{document_link(linked, kind): document, linked.link_field: found[index]}
                    )
                    self.saved(link, f"{path}.{linked.name}")
        if entry["status"] == "signed" and entry.get("signatures"):
            self.sign_on_paper(document, entry["signatures"], people, path)
        self.summary.created.append(
            _("%(kind)s: %(title)s (%(rows)s rader)")
            % {"kind": kind.label, "title": document.title, "rows": rows}
        )
        return document

    def rows(self, parent: models.Model, given: dict, path: str) -> int:
        """The rows under parent, in the file's order; returns how many were made."""
        relations = {r.get_accessor_name(): r for r in content_rows(type(parent))}
        made = 0
        for name, items in given.items():
            relation = relations.get(name)
            if relation is None:
                self.fail(f"{path}.rows.{name}", _("okänd sorts rad"))
                continue
            model = row_model(relation)
            for position, item in enumerate(items, start=1):
                where = f"{path}.rows.{name}[{position - 1}]"
                values = self.values(model, item["fields"], f"{where}.fields")
                if values is None:
                    continue
                row = model(**{relation.field.name: parent}, position=position, **values)
                if self.saved(row, f"{where}.fields"):
                    made += 1 + self.rows(row, item.get("rows", {}), where)
        return made

    def sign_on_paper(self, document: Document, signatures: list, people: dict, path: str) -> None:
        signatories = [people.get(s["name"]) for s in signatures]
        missing = [s["name"] for s, p in zip(signatures, signatories, strict=True) if p is None]
        if missing:
            self.fail(
                f"{path}.signatures",
                _("Undertecknarna finns inte bland filens personer: %(names)s")
                % {"names": ", ".join(missing)},
            )
            return
        days = [date.fromisoformat(s["signed_on"]) for s in signatures if s.get("signed_on")]
        try:
            record_paper_signatures(
                document=document,
                user=self.user,
                signed_on=max(days, default=None),
                place=next((s["place"] for s in signatures if s.get("place")), ""),
                signatories=[p for p in signatories if p is not None],
                scan=None,
                scan_missing_reason=IMPORTED,
                override_reason=IMPORTED,
                titles=[
                    s.get("title") or p.title
                    for s, p in zip(signatures, signatories, strict=True)
                    if p
                ],
            )
        except ValidationError as error:
            self.fail(f"{path}.signatures", error)
