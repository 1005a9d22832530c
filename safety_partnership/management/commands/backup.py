"""manage.py backup --out FILE, or backup --check FILE: the whole register in one file."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from safety_partnership import backup


class Command(BaseCommand):
    help = (
        "Skriver hela registret (dokument, rader, historik, underskrifter, arkiverade PDF:er, "
        "användare) till en fil, eller kontrollerar en sådan fil med --check."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", help="Filen att skriva, t.ex. register-2026-11-30.json.gz.")
        parser.add_argument(
            "--check",
            metavar="FIL",
            help="Läs en säkerhetskopia och kontrollera den mot den här databasens schema.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, out=None, check=None, database=DEFAULT_DB_ALIAS, **options) -> None:
        if check:
            try:
                data = backup.read(check)
                backup.check_schema(data, database)
                files = backup.check_archives(data)
            except backup.BackupError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                f"{check}: {summary(data)}, gjord {data['made']} ({data['database']}); "
                f"{files} arkiverade filer stämmer med sin SHA-256; samma schema som databasen."
            )
            return
        if not out:
            raise CommandError("Ange --out FIL (eller --check FIL).")
        data = backup.write(out, database)
        self.stdout.write(f"{summary(data)} skrivna till {out}")


def summary(data: dict) -> str:
    rows = sum(len(table["rows"]) for table in data["tables"])
    return f"{rows} rader i {len(data['tables'])} tabeller"
