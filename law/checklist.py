"""The duties of Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete, per
municipality, read from the register's own documents.

The law (in force 1 July 2023) asks each municipality for three things; here is what counts:

1. **Lägesbild beslutad.** A signed citizen pledge (status signed, not superseded) whose
   "lägesbild" is filled in, or a signed action plan with at least one focus area whose
   "problembild" is filled in. The newest such document counts (latest period start, then
   latest revision; a pledge before a plan on a tie, as its situation picture is explicit).
   Annual follow-ups do not count: they assess the plan's measures, not the situation.
2. **Åtgärdsplan beslutad.** The newest signed action plan of any partnership of the
   municipality (latest period start, then revision). It is not fulfilled once its period
   has ended ("Åtgärdsplanen gällde till …").
3. **Samordningsfunktion.** The municipality's people with the role of safety coordinator
   who are active today (active, and today within "aktiv från"/"aktiv till" where given).

A document's decision date: the meeting date of the latest minutes paragraph with the
outcome "Beslut" on a council case whose decision basis links the document (a proposal or
an information item is no decision); otherwise the day the last party signed (in the
register or on paper). None when the register holds neither.

checklist_for() asks a fixed number of queries, however many municipalities and documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, FocusArea
from pledges.models import Pledge
from safety_partnership.council.models import Body, DecisionBasis, Outcome
from safety_partnership.followups import Panel
from safety_partnership.models import Document, DocumentStatus, Municipality, Person, Role

if TYPE_CHECKING:
    from safety_partnership.models import Partnership

FULFILLED = "fulfilled"
MISSING = "missing"
EXPIRED = "expired"


@dataclass(frozen=True)
class Decision:
    """How and when a document was decided."""

    on: date | None
    council: str = ""  # "Kommunstyrelsen § 12, Dnr KS/2017:359" when a council decided it

    @property
    def text(self) -> str:
        if self.council:
            return _("beslutad %(day)s (%(council)s)") % {
                "day": day(self.on),
                "council": self.council,
            }
        if self.on:
            return _("undertecknad %(day)s") % {"day": day(self.on)}
        return _("undertecknad, datum saknas i registret")


@dataclass(frozen=True)
class Duty:
    """One of the law's duties and where the municipality stands with it, in words: the
    lead, the document's title (a link where the page may link), the tail."""

    label: str
    state: str  # FULFILLED, MISSING or EXPIRED
    lead: str
    document: Document | None = None
    tail: str = ""
    decided_on: date | None = None
    # What a public page says instead of the lead: staff other than signatories are not named.
    public_lead: str = ""

    @property
    def fulfilled(self) -> bool:
        return self.state == FULFILLED

    @property
    def state_label(self) -> str:
        return {
            FULFILLED: _("Uppfyllt"),
            MISSING: _("Saknas"),
            EXPIRED: _("Inte uppfyllt"),
        }[self.state]

    @property
    def text(self) -> str:
        """The whole line in plain words, as a screen reader or a test reads it."""
        title = self.document.title if self.document else ""
        return " ".join(part for part in (self.lead, f"{title}{self.tail}") if part)


@dataclass(frozen=True)
class Checklist:
    municipality_id: int
    duties: list[Duty]

    @property
    def fulfilled(self) -> bool:
        return all(duty.fulfilled for duty in self.duties)


def day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def _signing_day(document: Document) -> date | None:
    days = [
        timezone.localdate(s.signed_at) if s.signed_at else s.signed_on
        for s in document.signatures.all()
    ]
    return max((d for d in days if d), default=None)


def _council_decisions(plans: list[ActionPlan], pledges: list[Pledge]) -> dict:
    """(model label, document id) -> the latest council decision on it: one query."""
    wanted = Q(pk__in=[])
    if plans:
        wanted |= Q(
            content_type__app_label="actionplans",
            content_type__model="actionplan",
            object_id__in=[p.pk for p in plans],
        )
    if pledges:
        wanted |= Q(
            content_type__app_label="pledges",
            content_type__model="pledge",
            object_id__in=[p.pk for p in pledges],
        )
    if not plans and not pledges:
        return {}
    rows = (
        DecisionBasis.objects.filter(
            wanted,
            case__paragraphs__outcome=Outcome.DECISION,
            case__paragraphs__meeting_date__isnull=False,
        )
        .values_list(
            "content_type__model",
            "object_id",
            "case__diary_number",
            "case__paragraphs__body",
            "case__paragraphs__number",
            "case__paragraphs__meeting_date",
        )
        .order_by("case__paragraphs__meeting_date")
    )
    found = {}
    for model, object_id, diary_number, body, number, meeting_date in rows:
        council = _("%(body)s § %(number)s, Dnr %(diary)s") % {
            "body": Body(body).label,
            "number": number,
            "diary": diary_number,
        }
        found[(model, object_id)] = Decision(meeting_date, council)  # the latest stays
    return found


def checklist_for(
    municipalities: Iterable[Municipality | int], today: date | None = None
) -> dict[int, Checklist]:
    """Each municipality's checklist by its id: seven queries at most, however many."""
    today = today or timezone.localdate()
    ids = {m if isinstance(m, int) else m.pk for m in municipalities}
    if not ids:
        return {}
    newest = ("-period_start", "-revision")
    plans = list(
        ActionPlan.objects.filter(
            partnership__municipality_id__in=ids, status=DocumentStatus.SIGNED
        )
        .annotate(
            municipality_ref=F("partnership__municipality_id"),
            has_problem=Exists(FocusArea.objects.filter(plan=OuterRef("pk")).exclude(problem="")),
        )
        .order_by(*newest)
        .prefetch_related("signatures")
    )
    pledges = list(
        Pledge.objects.filter(partnership__municipality_id__in=ids, status=DocumentStatus.SIGNED)
        .exclude(situation="")
        .annotate(municipality_ref=F("partnership__municipality_id"))
        .order_by(*newest)
        .prefetch_related("signatures")
    )
    coordinators = (
        Person.objects.filter(role=Role.COORDINATOR, municipality_id__in=ids, is_active=True)
        .filter(Q(active_from__isnull=True) | Q(active_from__lte=today))
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=today))
        .order_by("name")
    )
    council = _council_decisions(plans, pledges)

    def decision(document: Document) -> Decision:
        key = (document._meta.model_name, document.pk)
        return council.get(key) or Decision(_signing_day(document))

    people: dict[int, list[Person]] = {}
    for person in coordinators:
        people.setdefault(person.municipality_id or 0, []).append(person)
    return {
        municipality_id: Checklist(
            municipality_id,
            [
                _situation(
                    [p for p in pledges if p.municipality_ref == municipality_id],
                    [p for p in plans if p.municipality_ref == municipality_id and p.has_problem],
                    decision,
                ),
                _plan([p for p in plans if p.municipality_ref == municipality_id], decision, today),
                _coordination(people.get(municipality_id, [])),
            ],
        )
        for municipality_id in sorted(ids)
    }


def _situation(pledges: list[Pledge], plans: list[ActionPlan], decision) -> Duty:
    label = _("Lägesbild beslutad")
    # Newest first; on the same start a pledge (with its explicit lägesbild) before a plan.
    candidates: list[tuple[date, int, int, Document]] = [
        *((p.period_start, p.revision, 1, p) for p in pledges[:1]),
        *((p.period_start, p.revision, 0, p) for p in plans[:1]),
    ]
    if not candidates:
        return Duty(label, MISSING, _("Ingen beslutad lägesbild finns i registret."))
    document = max(candidates, key=lambda c: c[:3])[3]
    decided = decision(document)
    lead = _("Lägesbilden i") if isinstance(document, Pledge) else _("Problembilderna i")
    return Duty(label, FULFILLED, lead, document, f", {decided.text}.", decided.on)


def _plan(plans: list[ActionPlan], decision, today: date) -> Duty:
    label = _("Åtgärdsplan beslutad")
    if not plans:
        return Duty(label, MISSING, _("Ingen beslutad handlingsplan finns i registret."))
    plan = plans[0]
    decided = decision(plan)
    if plan.period_end < today:
        lead = _("Åtgärdsplanen gällde till %(day)s:") % {"day": day(plan.period_end)}
        return Duty(label, EXPIRED, lead, plan, f", {decided.text}.", decided.on)
    period = _("gäller %(period)s") % {"period": plan.period}
    return Duty(label, FULFILLED, "", plan, f", {period}, {decided.text}.", decided.on)


def _coordination(people: list[Person]) -> Duty:
    label = _("Samordningsfunktion")
    if not people:
        return Duty(label, MISSING, _("Ingen aktiv säkerhetssamordnare är registrerad."))
    named = []
    for person in people:
        text = str(person)
        if person.active_from:
            text += " " + _("(sedan %(day)s)") % {"day": day(person.active_from)}
        named.append(text)
    since = min((p.active_from for p in people if p.active_from), default=None)
    unnamed = _("Kommunen har en säkerhetssamordnare.")
    return Duty(label, FULFILLED, "; ".join(named) + ".", decided_on=since, public_lead=unnamed)


def panels(partnerships: list[Partnership], today: date) -> dict[int, list[Panel]]:
    """The checklist of each partnership's municipality, for the dashboard and its page."""
    checklists = checklist_for({p.municipality_id for p in partnerships}, today)
    return {
        p.pk: [
            Panel("law/panel.html", {"checklist": checklists[p.municipality_id], "partnership": p})
        ]
        for p in partnerships
    }
