"""What the home page shows: the user's partnerships, recent changes and what awaits them."""

from dataclasses import dataclass
from datetime import date, timedelta

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
    plans = ActionPlan.objects.order_by("-period_start", "-revision").prefetch_related("signatures")
    agreements = Agreement.objects.order_by("-period_start", "-revision").prefetch_related(
        Prefetch("action_plans", queryset=plans), "meetings", "signatures"
    )
    pledges = Pledge.objects.order_by("-period_start", "-revision").prefetch_related("signatures")
    return list(
        partnerships.prefetch_related(
            Prefetch("agreements", queryset=agreements),
            Prefetch("pledges", queryset=pledges),
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
            document = _follow(record, to_document) if to_document else record.instance
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


def documents_of(partnership: Partnership) -> list:
    agreements = list(partnership.agreements.all())
    plans = [plan for agreement in agreements for plan in agreement.action_plans.all()]
    return [*agreements, *plans, *partnership.pledges.all()]


def awaiting(user, partnerships: list[Partnership], today: date | None = None) -> list[Task]:
    """What the user should do next, from the documents already loaded (no queries)."""
    today = today or timezone.localdate()
    person = getattr(user, "person", None)
    mine, tasks = [], []
    for partnership in partnerships:
        access = partnership_access(user, partnership)
        for document in documents_of(partnership):
            if document.status == DocumentStatus.AWAITING_SIGNATURES:
                pending = [s for s in document.signatures.all() if s.signed_at is None]
                if person is not None and any(s.person_id == person.pk for s in pending):
                    mine.append(Task(_("Väntar på din underskrift"), document))
                else:
                    names = ", ".join(s.name for s in pending)
                    tasks.append(Task(_("Väntar på underskrift av %s") % names, document))
            elif document.status == DocumentStatus.DRAFT and access.edit:
                tasks.append(Task(_("Utkast att arbeta vidare med"), document))
        if access.edit:
            tasks += _due(partnership, today)
    return mine + tasks


def recently_signed(partnerships: list[Partnership], days: int = 90) -> list:
    """Documents whose last signature was made within the last `days` days, newest first."""
    since = timezone.now() - timedelta(days=days)
    signed = []
    for partnership in partnerships:
        for document in documents_of(partnership):
            times = [s.signed_at for s in document.signatures.all() if s.signed_at]
            if document.is_signed and times and max(times) >= since:
                signed.append((max(times), document))
    return [document for _at, document in sorted(signed, key=lambda pair: pair[0], reverse=True)]


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
