"""python manage.py export_pdf KIND ID --out FILE, or export_pdf --all --out DIR."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safety_partnership import kinds
from safety_partnership.models import CouncilCase, CoverMemo
from safety_partnership.pdf.archive import ArchiveMismatch, pdf_bytes
from safety_partnership.pdf.filing import file_name


def printable_models() -> dict:
    """The models by the name given on the command line: every document kind's model name
    (agreement, actionplan, pledge, …), and case and memo."""
    models = {kind.model._meta.model_name: kind.model for kind in kinds.all_kinds()}
    return {**models, "case": CouncilCase, "memo": CoverMemo}


class Command(BaseCommand):
    help = "Skriver ut registrets dokument som PDF/A för protokoll och arkiv."

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", choices=sorted(printable_models()))
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument("--all", action="store_true", help="Alla dokument i registret.")
        parser.add_argument("--out", required=True, help="Fil (en handling) eller mapp (--all).")

    def handle(self, *args, **options) -> None:
        try:
            self.export(**options)
        except ArchiveMismatch as error:
            raise CommandError(
                f"Det arkiverade PDF-dokumentet för ”{error.document.title}” stämmer inte med "
                "sin kontrollsumma och skrivs inte ut."
            ) from error

    def export(self, *, kind=None, id=None, all=False, out, **options) -> None:
        if all:
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            count = 0
            for model in printable_models().values():
                for obj in model.objects.order_by("pk"):
                    # Names are unique in the register: exporting again replaces each file
                    # with the same document's PDF.
                    (folder / file_name(obj)).write_bytes(pdf_bytes(obj))
                    count += 1
            self.stdout.write(f"{count} PDF:er skrivna till {folder}")
            return
        if kind is None or id is None:
            raise CommandError("Ange KIND och ID, eller --all.")
        obj = printable_models()[kind].objects.filter(pk=id).first()
        if obj is None:
            raise CommandError(f"Det finns ingen {kind} med id {id}.")
        Path(out).write_bytes(pdf_bytes(obj))
        self.stdout.write(f"{file_name(obj)} skriven till {out}")
