"""manage.py export_register [--municipality NAME] --out FILE, or --schema: the exchange format."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safety_partnership.exchange.export import export_register
from safety_partnership.exchange.schema import SCHEMA_FILE, register_schema
from safety_partnership.models import Municipality, Partnership


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


class Command(BaseCommand):
    help = "Skriver ut registret (eller en kommuns del) i registrets utbytesformat (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", help="Bara den här kommunen, t.ex. ”Mjölby kommun”.")
        parser.add_argument("--out", help="Filen att skriva.")
        parser.add_argument(
            "--schema", action="store_true", help=f"Skriv JSON Schema-filen ({SCHEMA_FILE.name})."
        )

    def handle(self, *args, municipality=None, out=None, schema=False, **options) -> None:
        if schema:
            SCHEMA_FILE.write_text(as_json(register_schema()), encoding="utf-8")
            self.stdout.write(f"{SCHEMA_FILE} skriven")
            return
        if not out:
            raise CommandError("Ange --out FIL.")
        partnerships = None
        if municipality:
            if not Municipality.objects.filter(name=municipality).exists():
                raise CommandError(f"Det finns ingen kommun som heter ”{municipality}”.")
            partnerships = Partnership.objects.filter(municipality__name=municipality)
        data = export_register(partnerships)
        Path(out).write_text(as_json(data), encoding="utf-8")
        documents = sum(len(p["documents"]) for p in data["partnerships"])
        self.stdout.write(
            f"{len(data['partnerships'])} samverkan, {documents} dokument skrivna till {out}"
        )
