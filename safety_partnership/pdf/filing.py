"""What an archive files: each PDF's name, date, title and status, and a case's ZIP.

A name says whose and what: "Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf",
"rev 2" on a revision. No two objects of the register share one: when an earlier object of
the same kind in the same municipality already has the name (letter case aside, as on
Windows and macOS), the later one adds its id. The ZIP is deterministic: each entry carries
its document's own date, never the time of the download.
"""

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F

from ..council.models import CouncilCase, CoverMemo
from ..kinds import kind_of
from ..models import Municipality
from .base import file_name_of
from .dates import document_date, is_draft

# The date of what has none of its own (a draft, a case without a meeting date): the
# earliest a ZIP can hold, so that the same files still give the same bytes.
NO_DATE = date(1980, 1, 1)
CONTENTS = "Innehåll.csv"


def municipality_of(obj) -> Municipality:
    if isinstance(obj, CouncilCase):
        return obj.municipality
    if isinstance(obj, CoverMemo):
        return obj.case.municipality
    return obj.partnership.municipality


def _parts(obj, municipality: Municipality) -> list[str]:
    if isinstance(obj, CouncilCase):
        return [municipality.name, "Protokollsutdrag", obj.diary_number]
    if isinstance(obj, CoverMemo):
        return [municipality.name, "Missiv", obj.date.isoformat(), obj.case.diary_number]
    parts = [municipality.name, kind_of(obj).label, obj.period, obj.diary_number]
    if obj.revision > 1:
        parts.append(f"rev {obj.revision}")
    return parts


def _earlier_of_its_kind(obj, municipality: Municipality) -> Iterable:
    """The objects of obj's kind and municipality created before it."""
    if isinstance(obj, CouncilCase):
        return CouncilCase.objects.filter(municipality=municipality, pk__lt=obj.pk)
    if isinstance(obj, CoverMemo):
        return CoverMemo.objects.filter(
            case__municipality=municipality, pk__lt=obj.pk
        ).select_related("case")
    return kind_of(obj).in_municipality(municipality.pk).filter(pk__lt=obj.pk)


def file_name(obj) -> str:
    """'<Municipality> <kind> <period> <Dnr>.pdf', unique in the register."""
    municipality = municipality_of(obj)
    name = file_name_of(_parts(obj, municipality))
    earlier = _earlier_of_its_kind(obj, municipality)
    taken = {file_name_of(_parts(o, municipality)).casefold() for o in earlier}
    if name.casefold() in taken:
        name = file_name_of([*_parts(obj, municipality), f"id {obj.pk}"])
    return name


def package_name(case: CouncilCase) -> str:
    return file_name_of([case.municipality.name, "Ärende", case.diary_number], ".zip")


def filing_date(obj) -> date:
    """The date the PDF itself carries (dates.py): a signed document's last signature (in the
    register or on paper), an extract's last meeting, a memo's date. A draft, printed with the
    day of export, and anything without a date of its own get NO_DATE instead."""
    if is_draft(obj):
        return NO_DATE
    return document_date(obj) or NO_DATE


def status_word(obj) -> str:
    """The status in Swedish words, as the contents list of a package says it."""
    if isinstance(obj, CouncilCase):
        last = obj.paragraphs.order_by(F("meeting_date").asc(nulls_first=True), "number").last()
        return last.get_outcome_display() if last else "Inga paragrafer"
    if isinstance(obj, CoverMemo):
        signatures = list(obj.signatures.all())
        signed = bool(signatures) and all(s.is_signed for s in signatures)
        return "Undertecknat" if signed else "Ej undertecknat"
    return obj.get_status_display()


def title_of(obj) -> str:
    if isinstance(obj, CouncilCase):
        return f"Protokollsutdrag: {obj.title}"
    if isinstance(obj, CoverMemo):
        return f"Missiv: {obj.case.title}"
    return obj.title


@dataclass
class Filed:
    """One PDF as an archive files it."""

    name: str
    content: bytes
    title: str
    status: str
    date: date


def filed(obj, content: bytes) -> Filed:
    return Filed(file_name(obj), content, title_of(obj), status_word(obj), filing_date(obj))


def contents_list(files: list[Filed]) -> bytes:
    """Innehåll.csv: file, title, status and SHA-256 of each file, for Excel in Swedish
    (semicolons, UTF-8 with a byte order mark)."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow(["Fil", "Titel", "Status", "SHA-256"])
    for f in files:
        writer.writerow([f.name, f.title, f.status, hashlib.sha256(f.content).hexdigest()])
    return text.getvalue().encode("utf-8-sig")


def _entry(name: str, day: date) -> zipfile.ZipInfo:
    # Noon: the day stays the same in any time zone an unzip tool reads it in.
    info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 12, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # readable when unpacked (no mode would mean none)
    return info


def zip_of(files: list[Filed]) -> bytes:
    """The files and their contents list, each entry dated by its document: the same files
    give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        newest = max((f.date for f in files), default=NO_DATE)
        archive.writestr(_entry(CONTENTS, newest), contents_list(files))
        for f in files:
            archive.writestr(_entry(f.name, f.date), f.content)
    return buffer.getvalue()
