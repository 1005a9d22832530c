"""A plan's table from a spreadsheet: a CSV of measures into a draft plan.

One line a measure, under the columns of the paper table: Fokusområde (optional),
Problembild, Orsaksanalys, Övergripande effektmål, Delmål, Åtgärd, Ansvar. A line that fills
any of the focus area's columns starts a new focus area; a line that leaves them empty is one
more measure of the area above, as plans are written. "Ansvar" is Polisen, Kommunen,
Kommunen och polisen (or Gemensamt), another actor's name, or empty ("Ansvar ej angivet").
Everything or nothing: an error names its line and column, and nothing is saved.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from safety_partnership.models import ResponsibleParty
from safety_partnership.models.documents import rows_of_one_write

from .models import ActionPlan, FocusArea, Measure

# The columns by their Swedish headings (case and spaces aside), and the fields they fill.
COLUMNS = {
    "fokusområde": "title",
    "problembild": "problem",
    "orsaksanalys": "cause_analysis",
    "övergripande effektmål": "effect_goal",
    "delmål": "sub_goal",
    "åtgärd": "description",
    "åtgärder": "description",
    "ansvar": "responsible",
}
AREA_FIELDS = ("title", "problem", "cause_analysis", "effect_goal", "sub_goal")
PARTIES = {
    "polisen": ResponsibleParty.POLICE,
    "kommunen": ResponsibleParty.MUNICIPALITY,
    "kommunen och polisen": ResponsibleParty.JOINT,
    "polisen och kommunen": ResponsibleParty.JOINT,
    "gemensamt": ResponsibleParty.JOINT,
    "": ResponsibleParty.UNKNOWN,
}
MAX_BYTES = 2 * 1024 * 1024


@dataclass
class Area:
    values: dict[str, str]
    measures: list[dict[str, str]] = field(default_factory=list)


class Semicolons(csv.excel):
    delimiter = ";"


class CsvRefused(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def decode(raw: bytes) -> str:
    """UTF-8 (with or without Excel's byte order mark), else Windows-1252 as Excel saves;
    CsvRefused when it is neither (a spreadsheet's own format, a picture)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise CsvRefused(
            [_("Filen är inte en textfil i UTF-8 eller Windows-1252. Spara den som CSV i Excel.")]
        ) from None


def read_areas(raw: bytes) -> list[Area]:
    """The focus areas and their measures the file describes, or CsvRefused with each error."""
    if len(raw) > MAX_BYTES:
        raise CsvRefused([_("Filen är större än 2 MB.")])
    text = decode(raw)
    if "\x00" in text:  # no text of the register holds one; PostgreSQL refuses it
        raise CsvRefused([_("Filen innehåller tecknet NUL, som inte hör hemma i en CSV-fil.")])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = Semicolons
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error:  # a cell longer than the csv module reads (128 kB)
        raise CsvRefused([_("Filen kan inte läsas som CSV: en cell är för lång.")]) from None
    if not rows:
        raise CsvRefused([_("Filen är tom.")])
    header = [" ".join(cell.split()).lower() for cell in rows[0]]
    fields = [COLUMNS.get(cell, "") for cell in header]
    errors = [
        _("Rad 1: okänd kolumn ”%(name)s”.") % {"name": cell}
        for cell in header
        if cell and cell not in COLUMNS
    ]
    for needed, heading in (("problem", "Problembild"), ("description", "Åtgärd")):
        if needed not in fields:
            errors.append(_("Rad 1: kolumnen ”%(name)s” saknas.") % {"name": heading})
    if errors:
        raise CsvRefused(errors)
    areas: list[Area] = []
    for number, cells in enumerate(rows[1:], start=2):
        values = {f: c.strip() for f, c in zip(fields, cells, strict=False) if f}
        if not any(values.values()):
            continue  # an empty line
        area_values = {name: values.get(name, "") for name in AREA_FIELDS}
        if any(area_values.values()):
            if not area_values["title"]:
                first = (area_values["problem"] or area_values["effect_goal"]).splitlines()
                area_values["title"] = Truncator(first[0] if first else "").chars(200)
            errors += invalid(FocusArea(**area_values), number, ["plan", "position"])
            areas.append(Area(area_values))
        elif not areas:
            errors.append(
                _("Rad %(n)s: åtgärden hör inte till något fokusområde (fyll i Problembild).")
                % {"n": number}
            )
            continue
        if not values.get("description"):
            if any(area_values.values()):
                continue  # a focus area without measures yet
            errors.append(_("Rad %(n)s, Åtgärd: fyll i åtgärden.") % {"n": number})
            continue
        measure = {
            "description": values["description"],
            "responsible": values.get("responsible", ""),
        }
        errors += invalid(
            Measure(description=measure["description"], **responsibility(measure["responsible"])),
            number,
            ["focus_area", "position"],
        )
        areas[-1].measures.append(measure)
    if errors:
        raise CsvRefused(errors)
    if not areas:
        raise CsvRefused([_("Filen har inga åtgärder.")])
    return areas


def invalid(row, number: int, exclude: list[str]) -> list[str]:
    """What is wrong with the line's focus area or measure, named by line and column."""
    try:
        row.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        return [
            _("Rad %(n)s, %(column)s: %(message)s")
            % {
                "n": number,
                "column": capfirst(type(row)._meta.get_field(name).verbose_name)
                if name != "__all__"
                else _("raden"),
                "message": message,
            }
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def responsibility(text: str) -> dict[str, str]:
    party = PARTIES.get(" ".join(text.split()).lower())
    if party is not None:
        return {"responsible": party}
    return {"responsible": ResponsibleParty.OTHER, "other_parties": text}


@transaction.atomic
def add_to_plan(plan: ActionPlan, areas: list[Area]) -> int:
    """Add the focus areas after the plan's own, all of them or none; returns how many
    measures were added. The plan is held meanwhile (sending it for signature waits; if it
    was sent first, the first row is refused and nothing is added), and its status is read
    once for all the rows, not once for each."""
    with rows_of_one_write():
        ActionPlan.objects.select_for_update().filter(pk=plan.pk).exists()
        last = plan.focus_areas.order_by("-position").values_list("position", flat=True).first()
        added = 0
        for offset, area in enumerate(areas, start=1):
            focus_area = FocusArea(plan=plan, position=(last or 0) + offset, **area.values)
            focus_area.full_clean()
            focus_area.save()
            for position, measure in enumerate(area.measures, start=1):
                row = Measure(
                    focus_area=focus_area,
                    position=position,
                    description=measure["description"],
                    **responsibility(measure["responsible"]),
                )
                row.full_clean()
                row.save()
                added += 1
    return added
