"""The partnership's year in tertials: T1 january–april, T2 may–august, T3 september–december.

A tertial is reported until its last day, midnight in Mjölby (TIME_ZONE, Europe/Stockholm):
due up to and including that day, overdue from the next. A plan is followed up in every
tertial its period touches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_MONTH = {1: 1, 2: 5, 3: 9}
NAMES = {1: _("januari–april"), 2: _("maj–augusti"), 3: _("september–december")}


@dataclass(frozen=True, order=True)
class Tertial:
    year: int
    number: int  # 1, 2 or 3

    @classmethod
    def of(cls, day: date) -> Tertial:
        return cls(day.year, (day.month - 1) // 4 + 1)

    @classmethod
    def now(cls) -> Tertial:
        return cls.of(timezone.localdate())

    @property
    def start(self) -> date:
        return date(self.year, FIRST_MONTH[self.number], 1)

    @property
    def end(self) -> date:
        """Its last day: 30 April, 31 August, 31 December."""
        return self.next().start - timedelta(days=1)

    @property
    def closes_at(self) -> datetime:
        """The moment it is overdue: the next tertial's first midnight, local time."""
        return timezone.make_aware(datetime.combine(self.next().start, datetime.min.time()))

    def next(self) -> Tertial:
        return (
            Tertial(self.year + 1, 1) if self.number == 3 else Tertial(self.year, self.number + 1)
        )

    def is_overdue(self, moment: datetime | None = None) -> bool:
        return (moment or timezone.now()) >= self.closes_at

    @property
    def label(self) -> str:
        """'T2 2018 (maj–augusti)'."""
        return f"T{self.number} {self.year} ({NAMES[self.number]})"

    @property
    def months(self) -> str:
        """'maj–augusti'."""
        return str(NAMES[self.number])

    @property
    def slug(self) -> str:
        return f"{self.year}-T{self.number}"

    @classmethod
    def from_slug(cls, slug: str) -> Tertial | None:
        try:
            year, number = slug.split("-T")
            tertial = cls(int(year), int(number))
        except ValueError:
            return None
        return tertial if tertial.number in FIRST_MONTH and 1900 < tertial.year < 3000 else None


def tertials_between(start: date, end: date | None, today: date | None = None) -> list[Tertial]:
    """Every tertial the period touches, in order; a period without an end runs to the
    tertial of today."""
    last = Tertial.of(end or today or timezone.localdate())
    tertials, current = [], Tertial.of(start)
    while current <= last:
        tertials.append(current)
        current = current.next()
    return tertials
