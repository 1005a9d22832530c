"""Writes on a pledge that are more than a form's save: the next period, the extension."""

from datetime import date

from django.db import transaction
from django.utils.formats import date_format

from safety_partnership.models import DocumentStatus
from safety_partnership.services import next_period

from .models import Pledge


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def following_period(pledge: Pledge) -> tuple[date, date]:
    """The period of the next pledge: 2018 -> 2019, or 2020 if 2018 was extended through 2019."""
    start, end = next_period(pledge.period_start, pledge.period_end)
    extra = pledge.ends_on.year - pledge.period_end.year
    return add_years(start, extra), add_years(end, extra)


def extension_end(pledge: Pledge) -> date:
    """The end date offered for an extension: a year after the pledge now ends."""
    return add_years(pledge.ends_on, 1)


def may_be_extended(pledge: Pledge) -> bool:
    """A signed pledge may be carried on unchanged, as may a draft; a superseded one may not."""
    return pledge.status in (DocumentStatus.SIGNED, DocumentStatus.DRAFT)


@transaction.atomic
def extend(*, pledge: Pledge, until: date, note: str) -> Pledge:
    """Carry the same pledge, unchanged, through `until`. Its content is not touched."""
    pledge.extended_to = until
    pledge.extension_note = note
    pledge._change_reason = f"Förlängd oförändrad till {date_format(until, 'j F Y')}"
    pledge.full_clean()
    pledge.save()
    return pledge
