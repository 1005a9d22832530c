"""The JSON Schema of the exchange format, made from the register's kinds of documents and
rows; the file kept in the repository (register-1.schema.json) is this, written out by
`manage.py export_register --schema` (a test keeps the two the same)."""

from pathlib import Path
from typing import Any

from .. import kinds
from .export import FORMAT, READ_VERSIONS, VERSION, content_rows, linked_records

SCHEMA_FILE = Path(__file__).resolve().parent / f"register-{VERSION}.schema.json"
SCALAR = {"type": ["string", "number", "integer", "boolean", "null"]}
DATE = {"type": ["string", "null"], "format": "date"}
ID = {
    "description": "Version 2: a stable identifier in the publishing register, e.g. "
    '"se-0586-measure-40" (open data); import does not read it.',
    "type": "string",
    "minLength": 1,
}
URL = {"description": "Version 2: the public page.", "type": "string", "format": "uri"}


def row_kinds(model) -> list[str]:
    """The names under which rows of the model's kinds appear, at any depth."""
    names = []
    for relation in content_rows(model):
        names.append(relation.get_accessor_name() or "")
        names += row_kinds(relation.related_model)
    return sorted(set(names))


def register_schema() -> dict[str, Any]:
    document_kinds = [kind.model._meta.model_name for kind in kinds.all_kinds()]
    rows = sorted({name for kind in kinds.all_kinds() for name in row_kinds(kind.model)})
    text = {"type": "string"}
    linked = sorted({linked.name for linked in linked_records()})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://trygghetsregistret.se/schema/register-{VERSION}.schema.json",
        "title": "Trygghetsregistret: samverkan, dokument, rader, undertecknare och datum",
        "type": "object",
        "required": ["format", "version", "partnerships"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"enum": READ_VERSIONS},
            "licence": {
                "description": "Version 2: the licence of a published file (open data).",
                "type": "object",
                "required": ["name", "url"],
                "additionalProperties": False,
                "properties": {"name": text, "url": {"type": "string", "format": "uri"}},
            },
            "source": {
                "description": "Version 2: where the file was published.",
                "type": "string",
                "format": "uri",
            },
            "partnerships": {"type": "array", "items": {"$ref": "#/$defs/partnership"}},
        },
        "$defs": {
            "fields": {
                "description": "Ett dokuments eller en rads fält, med registrets fältnamn.",
                "type": "object",
                "additionalProperties": SCALAR,
            },
            "row": {
                "type": "object",
                "required": ["fields"],
                "additionalProperties": False,
                "properties": {
                    "id": ID,
                    "fields": {"$ref": "#/$defs/fields"},
                    "rows": {"$ref": "#/$defs/rows"},
                },
            },
            "report": {
                "description": "Version 2: a finalised report on a pledge, its public part: "
                "each promise's status and the text for citizens, each target's measured "
                "value. Import does not read it.",
                "type": "object",
                "required": ["label", "finalised_on", "promises", "targets"],
                "additionalProperties": False,
                "properties": {
                    "id": ID,
                    "label": {"type": "string", "minLength": 1},
                    "finalised_on": {"type": "string", "format": "date"},
                    "promises": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["promise", "status", "citizen_text"],
                            "additionalProperties": False,
                            "properties": {"promise": ID, "status": text, "citizen_text": text},
                        },
                    },
                    "targets": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["target", "measured"],
                            "additionalProperties": False,
                            "properties": {"target": ID, "measured": text},
                        },
                    },
                },
            },
            "rows": {
                "description": "Raderna i ordning, per sort.",
                "type": "object",
                "propertyNames": {"enum": rows},
                "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/row"}},
            },
            "person": {
                "type": "object",
                "required": ["name", "role", "party"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "title": text,
                    "role": {"type": "string"},
                    "party": {"enum": ["municipality", "police_area", "other"]},
                    "organisation": text,
                    "email": text,
                    "phone": text,
                    "active": {"type": "boolean"},
                },
            },
            "signature": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "title": text,
                    "signed_on": DATE,
                    "place": text,
                },
            },
            "document": {
                "type": "object",
                "required": ["kind", "status", "fields"],
                "additionalProperties": False,
                "properties": {
                    "id": ID,
                    "url": URL,
                    "kind": {"enum": document_kinds},
                    "status": {"enum": ["draft", "signed"]},
                    "superseded": {
                        "description": "Version 2: signed, and since replaced by a revision.",
                        "type": "boolean",
                    },
                    "reports": {"type": "array", "items": {"$ref": "#/$defs/report"}},
                    "fields": {"$ref": "#/$defs/fields", "required": ["title", "period_start"]},
                    "rows": {"$ref": "#/$defs/rows"},
                    "links": {
                        "description": "Dokument det hänvisar till (en plans överenskommelse): "
                        "deras platser i listan.",
                        "type": "object",
                        "additionalProperties": {"type": "integer", "minimum": 0},
                    },
                    **{
                        name: {
                            "description": "Det som dokumentet bygger på: platser i listan.",
                            "type": "array",
                            "items": {"type": "integer", "minimum": 0},
                        }
                        for name in linked
                    },
                    "signatures": {"type": "array", "items": {"$ref": "#/$defs/signature"}},
                },
            },
            "partnership": {
                "type": "object",
                "required": ["municipality", "documents"],
                "additionalProperties": False,
                "properties": {
                    "municipality": {
                        "type": "object",
                        "required": ["name", "code"],
                        "additionalProperties": False,
                        "properties": {
                            "id": ID,
                            "url": URL,
                            "name": {"type": "string", "minLength": 1},
                            "code": {"type": "string", "pattern": "^[0-9]{4}$"},
                        },
                    },
                    "police_area": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["name", "region"],
                                "additionalProperties": False,
                                "properties": {
                                    "name": {"type": "string", "minLength": 1},
                                    "region": text,
                                },
                            },
                        ]
                    },
                    "people": {"type": "array", "items": {"$ref": "#/$defs/person"}},
                    **{
                        name: {"type": "array", "items": {"$ref": "#/$defs/fields"}}
                        for name in linked
                    },
                    "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
                },
            },
        },
    }
