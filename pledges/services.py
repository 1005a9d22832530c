"""Writes on a pledge that are more than a form's save: the next period, the extension."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safety_partnership.models import DocumentStatus
from safety_partnership.services import next_period
from safety_partnership.signing.services import open_revision, revise

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
    """A draft may be extended as it is; a signed pledge through a revision that both parties
    sign, unless a revision of it is already under way; a superseded one not at all."""
    if pledge.status == DocumentStatus.DRAFT:
        return True
    return pledge.status == DocumentStatus.SIGNED and open_revision(pledge) is None


def proposed_extension(pledge: Pledge) -> Pledge | None:
    """The unsigned revision of a signed pledge that would extend it, if one is under way."""
    if pledge.status != DocumentStatus.SIGNED:
        return None
    revision = open_revision(pledge)
    if revision is None or revision.extended_to == pledge.extended_to:
        return None
    return revision


@transaction.atomic
def extend(*, pledge: Pledge, until: date, note: str, user) -> Pledge:
    """Carry the same pledge, unchanged, through `until`; returns the pledge that says so.

    A draft is extended as it stands. A signed pledge is not touched: the extension is
    proposed as a revision whose only change is the extension ("Förlängning föreslagen"),
    sent for signing like any revision; once both parties have signed it, it supersedes
    the pledge it extends.
    """
    if pledge.status == DocumentStatus.SIGNED:
        if open_revision(pledge) is not None:
            raise ValidationError(_("En revision av medborgarlöftet är redan påbörjad."))
        pledge = revise(document=pledge, user=user)
        reason = f"Förlängning föreslagen till {date_format(until, 'j F Y')}"
    else:
        reason = f"Förlängd oförändrad till {date_format(until, 'j F Y')}"
    pledge.extended_to = until
    pledge.extension_note = note
    pledge._change_reason = reason
    pledge.full_clean()
    pledge.save()
    return pledge
