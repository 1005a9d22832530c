"""Reminders that run themselves (manage.py send_reminders, once a day from a scheduler).

From two weeks before a tertial closes, and again from two days before, each person whose
measures lack a report gets one e-mail listing them with the deadline; the coordinator gets
one when a tertial can be compiled. What is due is read from due.py, as on the dashboard.
Each reminder is recorded (SentReminder) and goes once: a second run the same day sends
nothing new, and a run that missed a day still sends within the window, except the
two-week reminder once the two-day window has begun.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safety_partnership.models import Partnership, Person
from safety_partnership.signing.notifications import site_address

from .due import COMPILE, REPORT, DueItem, due_for, last_day
from .models import ReminderKind, SentReminder
from .tertials import Tertial

TWO_WEEKS = timedelta(days=14)
TWO_DAYS = timedelta(days=2)


def window(tertial: Tertial, moment: datetime) -> str | None:
    """Which report reminder is due at the moment: the two-day one from two days before the
    tertial closes, the two-week one from two weeks before until then, else none."""
    closes = tertial.closes_at  # local midnight; wall-clock arithmetic keeps it so
    if moment >= closes:
        return None
    if moment >= closes - TWO_DAYS:
        return ReminderKind.TWO_DAYS
    if moment >= closes - TWO_WEEKS:
        return ReminderKind.TWO_WEEKS
    return None


@dataclass
class Summary:
    emails: int = 0
    reminders: int = 0
    without_address: int = 0
    lines: list[str] = field(default_factory=list)  # what --dry-run prints

    def __str__(self) -> str:
        return ngettext(
            "Påminnelser: %(emails)s e-brev med %(reminders)s påminnelser; "
            "%(without)s person utan e-postadress hoppades över.",
            "Påminnelser: %(emails)s e-brev med %(reminders)s påminnelser; "
            "%(without)s personer utan e-postadress hoppades över.",
            self.without_address,
        ) % {
            "emails": self.emails,
            "reminders": self.reminders,
            "without": self.without_address,
        }


def address_of(person: Person) -> str:
    return person.email or (person.user.email if person.user is not None else "")


def wanted(moment: datetime) -> dict[int, list[tuple[str, DueItem]]]:
    """{person id: [(reminder kind, due item)]} for the reminders due now, not yet sent."""
    partnerships = list(Partnership.objects.select_related("municipality", "police_area"))
    found: dict[int, list[tuple[str, DueItem]]] = defaultdict(list)
    for due in due_for(partnerships, moment):
        for item in due.items:
            if item.kind == REPORT and not item.overdue and item.tertial is not None:
                kind = window(item.tertial, moment)
            elif item.kind == COMPILE:
                kind = ReminderKind.COMPILE
            else:
                kind = None
            if kind is not None:
                for person_id in item.person_ids:
                    found[person_id].append((kind, item))
    sent = set(
        SentReminder.objects.filter(person_id__in=found).values_list(
            "person_id", "plan_id", "year", "tertial", "kind"
        )
    )
    return {
        person_id: unsent
        for person_id, entries in found.items()
        if (unsent := [(k, i) for k, i in entries if (person_id, *key(i), k) not in sent])
    }


def key(item: DueItem) -> tuple[int, int, int]:
    assert item.plan is not None and item.tertial is not None
    return item.plan.pk, item.tertial.year, item.tertial.number


def message(person: Person, entries: list[tuple[str, DueItem]]) -> tuple[str, str]:
    """The subject and the text of one person's e-mail, in Swedish."""
    first = min(item.deadline for _kind, item in entries)
    subject = _("Påminnelse om uppföljningen, %(last)s") % {"last": last_day(first)}
    body = render_to_string(
        "followup/reminder_email.txt",
        {
            "person": person,
            "entries": [
                {
                    "item": item,
                    "compile": kind == ReminderKind.COMPILE,
                    "last": last_day(item.deadline),
                    "link": site_address(item.url),
                }
                for kind, item in entries
            ],
        },
    )
    return subject, body


def send_reminders(moment: datetime, dry_run: bool = False) -> Summary:
    summary = Summary()
    due = wanted(moment)
    people = Person.objects.select_related("user").in_bulk(list(due))
    for person_id, entries in sorted(due.items()):
        person = people[person_id]
        address = address_of(person)
        if not address:
            summary.without_address += 1
            continue
        subject, body = message(person, entries)
        if dry_run:
            summary.lines.append(f"{person.name} <{address}>: {subject}\n{body}")
        else:
            try:
                with transaction.atomic():  # recorded only if it was sent, and only once
                    SentReminder.objects.bulk_create(
                        SentReminder(
                            person=person,
                            plan_id=key(item)[0],
                            year=key(item)[1],
                            tertial=key(item)[2],
                            kind=kind,
                            sent_at=moment,
                        )
                        for kind, item in entries
                    )
                    send_mail(subject, body, None, [address])
            except IntegrityError:  # another run sent it meanwhile
                continue
        summary.emails += 1
        summary.reminders += len(entries)
    return summary
