"""manage.py import_register FILE [--dry-run]: a file in the exchange format into the register."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safety_partnership.exchange.importing import ImportRefused, import_register


class Command(BaseCommand):
    help = "Läser in en fil i registrets utbytesformat (JSON). Inget sparas om något är fel."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa bara vad som skulle skapas."
        )

    def handle(self, *args, file, dry_run=False, **options) -> None:
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Filen kan inte läsas som JSON: {error}") from error
        try:
            summary = import_register(data, dry_run=dry_run)
        except ImportRefused as refused:
            raise CommandError(
                "Inget är sparat. Fel i filen:\n" + "\n".join(refused.errors)
            ) from None
        verb = "Skulle skapas" if dry_run else "Skapat"
        for line in summary.created:
            self.stdout.write(f"{verb}: {line}")
        for line in summary.existing:
            self.stdout.write(f"Fanns redan: {line}")
        self.stdout.write(f"{len(summary.created)} nya, {len(summary.existing)} fanns redan.")
