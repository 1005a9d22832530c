"""manage.py restore FILE: a backup into an empty, migrated database, all or nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from safety_partnership import backup


class Command(BaseCommand):
    help = (
        "Återställer en säkerhetskopia (manage.py backup) till en tom databas som är migrerad "
        "med samma version av registret."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Säkerhetskopian.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, database=DEFAULT_DB_ALIAS, **options) -> None:
        try:
            counts = backup.restore(file, database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{sum(counts.values())} rader i {len(counts)} tabeller återställda från {file}"
        )
