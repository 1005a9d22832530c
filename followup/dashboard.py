"""The follow-up on the dashboard: what is the signed-in person's own to do, and per
partnership the open tertial, its deadline, the missing reports and what is overdue."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from safety_partnership.access import active_person
from safety_partnership.followups import Followups, Panel, Todo

from .due import due_for, last_day
from .signing import awaiting_signature, label_of, page_of


def provide(user, partnerships, moment: datetime) -> Followups:
    person = active_person(user)
    found = Followups()
    for report in awaiting_signature(person, partnerships):
        text = _("Väntar på din underskrift: %(report)s") % {"report": label_of(report)}
        found.mine.append(Todo(text, page_of(report)))
    for due in due_for(partnerships, moment):
        for item in due.items:
            if person is not None and person.pk in item.person_ids:
                text = f"{item.text} ({due.partnership.municipality}), {last_day(item.deadline)}"
                found.mine.append(Todo(text, item.url, item.deadline, item.overdue))
        if due.plans or due.items:
            found.panels[due.partnership.pk] = [
                Panel("followup/includes/due_overview.html", {"due": due})
            ]
    return found
