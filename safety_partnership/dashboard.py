"""What the home page shows: the user's partnerships, recent changes and what awaits them."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionPlan, FocusArea, Measure
from agreements.models import Agreement
from pledges.models import CitizenDialogue, Pledge, Promise

from .access import partnership_access
from .models import CouncilCase, DocumentStatus, Partnership


def with_documents(partnerships: QuerySet[Partnership]) -> list[Partnership]:
    """Partnerships with their agreements, plans, pledges and dialogues, in five queries."""
    plans = ActionPlan.objects.order_by("-period_start", "-revision")
    agreements = Agreement.objects.order_by("-period_start", "-revision").prefetch_related(
        Prefetch("action_plans", queryset=plans), "meetings"
    )
    return list(
        partnerships.prefetch_related(
            Prefetch("agreements", queryset=agreements),
            Prefetch("pledges", queryset=Pledge.objects.order_by("-period_start", "-revision")),
            Prefetch("citizen_dialogues", queryset=CitizenDialogue.objects.order_by("-year")),
        )
    )


def cases_by_municipality(partnerships: list[Partnership]) -> dict[int, list[CouncilCase]]:
    cases = CouncilCase.objects.filter(
        municipality_id__in={p.municipality_id for p in partnerships}
    ).order_by("-diary_number")
    grouped: dict[int, list[CouncilCase]] = {}
    for case in cases:
        grouped.setdefault(case.municipality_id, []).append(case)
    return grouped


@dataclass(frozen=True)
class Change:
    at: object
    by: str
    what: str
    document: object
    action: str


ACTIONS = {"+": _("skapad"), "~": _("ändrad"), "-": _("borttagen")}

# What to look in for recent changes: (model, path from the row to its document,
# path from the document to its partnership, how a row of this kind is named).
RECENT_SOURCES = [
    (Agreement, "", "partnership", _("Överenskommelsen")),
    (ActionPlan, "", "agreement__partnership", _("Handlingsplanen")),
    (FocusArea, "plan", "agreement__partnership", _("Ett fokusområde")),
    (Measure, "focus_area__plan", "agreement__partnership", _("En åtgärd")),
    (Pledge, "", "partnership", _("Medborgarlöftet")),
    (Promise, "pledge", "partnership", _("Ett löfte")),
]


def recent_changes(partnerships: list[Partnership], limit: int = 10) -> list[Change]:
    """The latest changes to the documents of these partnerships; one query per kind of row."""
    ids = [p.pk for p in partnerships]
    changes = []
    for model, to_document, to_partnership, name in RECENT_SOURCES:
        prefix = f"{to_document}__" if to_document else ""
        records = (
            model.history.filter(**{f"{prefix}{to_partnership}_id__in": ids})
            .select_related("history_user", *([to_document] if to_document else []))
            .order_by("-history_date")[:limit]
        )
        for record in records:
            document = _follow(record, to_document) if to_document else record
            user = record.history_user
            changes.append(
                Change(
                    at=record.history_date,
                    by=(user.get_full_name() or user.username) if user else _("Systemet"),
                    what=name,
                    document=document,
                    action=ACTIONS[record.history_type],
                )
            )
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:limit]


def _follow(record, path: str):
    obj = record
    for step in path.split("__"):
        obj = getattr(obj, step)
    return obj


@dataclass(frozen=True)
class Task:
    text: str
    document: object


def awaiting(user, partnerships: list[Partnership], today: date | None = None) -> list[Task]:
    """What the user should do next, from the documents already loaded (no queries)."""
    today = today or timezone.localdate()
    tasks = []
    for partnership in partnerships:
        access = partnership_access(user, partnership)
        documents = [*partnership.agreements.all(), *partnership.pledges.all()]
        documents += [plan for a in partnership.agreements.all() for plan in a.action_plans.all()]
        for document in documents:
            if document.status == DocumentStatus.AWAITING_SIGNATURES:
                tasks.append(Task(_("Väntar på underskrifter"), document))
            elif document.status == DocumentStatus.DRAFT and access.edit:
                tasks.append(Task(_("Utkast att arbeta vidare med"), document))
        if access.edit:
            tasks += _due(partnership, today)
    return tasks


def _due(partnership: Partnership, today: date) -> list[Task]:
    tasks = []
    # Next year's pledge is prepared in the last tertial (September–December).
    if today.month >= 9 and not any(
        p.period_start.year <= today.year + 1 <= p.ends_on.year for p in partnership.pledges.all()
    ):
        tasks.append(
            Task(_("Medborgarlöfte för %(year)s saknas") % {"year": today.year + 1}, partnership)
        )
    current = next(
        (
            a
            for a in partnership.agreements.all()
            if a.is_signed
            and a.status != DocumentStatus.SUPERSEDED
            and a.period_start <= today
            and (a.period_end is None or today <= a.period_end)
        ),
        None,
    )
    if current and not any(m.held_on.year == today.year for m in current.meetings.all()):
        tasks.append(
            Task(
                _("Årets ledningsmöte (minst %(n)s per kalenderår) är inte registrerat")
                % {"n": current.leadership_meetings_per_year},
                current,
            )
        )
    return tasks
