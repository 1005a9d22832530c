"""manage.py send_reminders [--dry-run]: the follow-up's reminders, run once a day by a
scheduler (see the README: a cron line or a systemd timer)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation

from followup.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Skickar påminnelser om uppföljningen: två veckor och två dagar innan en tertial "
        "stängs till dem vars åtgärder saknar rapport, och till samordnaren när en tertial "
        "kan sammanställas. Varje påminnelse skickas en gång."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Skriv ut vad som skulle skickas, utan att skicka eller anteckna något.",
        )

    def handle(self, *args, dry_run=False, **options) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            summary = send_reminders(timezone.now(), dry_run=dry_run)
            for line in summary.lines:
                self.stdout.write(line)
            prefix = "(--dry-run, inget skickat) " if dry_run else ""
            self.stdout.write(f"{prefix}{summary}")
