"""What is public: the one place that decides what the register shows to everyone.

The public pages (public/views.py) read through these functions only, and so will open
data, feeds, search and public PDFs when they come. The rule, explicitly public:

- only signed documents (signed, or signed and later superseded by a revision); never a
  draft or a document awaiting signatures;
- of a document, only its public text: an action plan's focus areas (title, problem,
  effect goal) and measures (description, responsible party), leaving out every measure a
  coordinator has marked internal (InternalMark); a pledge's promises, points and targets;
- of a pledge's reports, only finalised ones, and of them only the text written for
  citizens (`citizen_text`), each promise's status and the targets' measured values.
  What was done (`done`), tertial comments, annual follow-up notes and revision proposals
  are working notes: never public, whether marked internal or not. (They can be marked
  internal all the same, so that a later, wider selection still leaves them out.);
- of people, only the signatories of what is shown: name, title and date of signature.
  No other person, no e-mail address, no phone number.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from actionplans.models import ActionPlan, FocusArea, Measure
from agreements.models import Agreement
from pledges.models import Pledge, PledgeReport, Promise, PromisePoint, PromiseReport, Target
from safety_partnership.addresses import addresses
from safety_partnership.models import (
    DocumentStatus,
    Municipality,
    Partnership,
    PoliceArea,
    PoliceRegion,
)
from safety_partnership.models.documents import FROZEN

from .models import WHOLE_ROW, InternalMark

PUBLIC_STATUSES = FROZEN  # signed, or signed and since superseded

# The fields of a public document or row that open data carries: those the public pages
# show (public/*.html), by model.
PUBLIC_FIELDS: dict[type[Model], tuple[str, ...]] = {
    Agreement: ("title", "period_start", "period_end"),
    ActionPlan: ("title", "period_start", "period_end"),
    FocusArea: ("title", "problem", "effect_goal"),
    Measure: ("description", "responsible", "other_parties", "responsible_note"),
    Pledge: (
        "title",
        "period_start",
        "period_end",
        "introduction",
        "situation",
        "focus_place",
        "joint_goals",
        "promise_intro",
        "follow_up",
    ),
    Promise: ("text", "responsible", "other_parties", "responsible_note"),
    PromisePoint: ("text",),
    Target: (
        "indicator",
        "unit",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "source",
    ),
}


def internal_ids(
    model: type[Model], ids: Iterable[int] | QuerySet, field_name: str = WHOLE_ROW
) -> set[int]:
    """The ids among ids whose row (or field) is marked internal, in one query (none for no
    ids; a queryset of ids, e.g. `.values("pk")`, is asked as a subquery: always one)."""
    if not isinstance(ids, QuerySet):
        ids = list(ids)
        if not ids:
            return set()
    return set(
        InternalMark.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=ids,
            field=field_name,
        ).values_list("object_id", flat=True)
    )


def municipality_slug(municipality: Municipality) -> str:
    """'0586-mjolby-kommun': the code finds it, the name tells the reader which it is."""
    return slug_of(municipality.code, municipality.name)


@functools.lru_cache(maxsize=1024)  # a list or a search page makes dozens: slugify is not free
def slug_of(code: str, name: str) -> str:
    return f"{code}-{slugify(name)}"


def _signed(model: type[Model], **path: object) -> Exists:
    return Exists(model.objects.filter(status__in=PUBLIC_STATUSES, **path))  # type: ignore[attr-defined]


def _any_signed(partnership: str) -> Q:
    """Whether the partnership at this path from the row (OuterRef) has a signed agreement,
    plan or pledge."""
    signed = Q()
    for model in (Agreement, ActionPlan, Pledge):
        signed |= Q(_signed(model, **{partnership: OuterRef("pk")}))
    return signed


def _with_signed(municipalities: QuerySet[Municipality]) -> QuerySet[Municipality]:
    return municipalities.filter(_any_signed("partnership__municipality")).order_by("name")


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


# Å, Ä and Ö after Z, in that order, as in the Swedish alphabet (a database orders them by
# their code points: Ä, Å, Ö).
SWEDISH_LETTERS = str.maketrans({"å": "{", "ä": "|", "ö": "}"})


def swedish_order(name: str) -> str:
    """A sort key: 'Habo' < 'Håbo', 'Åre' < 'Älmhult' < 'Örebro'."""
    return name.casefold().translate(SWEDISH_LETTERS)


def public_municipality_names(text: str = "") -> list[tuple[int, str, str]]:
    """(pk, code, name) of the municipalities with at least one signed document whose name
    holds text, in Swedish alphabetical order: one query. The name is matched in Python:
    case-insensitive for å, ä and ö too, which SQLite's LIKE is not (there are 290
    municipalities at most)."""
    names = list(_with_signed(Municipality.objects.all()).values_list("pk", "code", "name"))
    names.sort(key=lambda row: swedish_order(row[2]))
    if not text:
        return names
    wanted = _folded(text)
    return [row for row in names if wanted in _folded(row[2])]


def initial(name: str) -> str:
    return name[:1].upper()


def initials(listed: Sequence[tuple[int, str, str]]) -> list[str]:
    """The first letters of the names, each once, in the order of the list (A–Ö)."""
    return list(dict.fromkeys(initial(name) for _pk, _code, name in listed))


SLUG = "0000-slug"  # stands in for a municipality's slug in its reversed address


class MunicipalityRow(NamedTuple):
    name: str
    url: str
    police: str  # "Lokalpolisområde Motala, Region Öst", " – " between several


def municipality_rows(listed: Sequence[tuple[int, str, str]]) -> list[MunicipalityRow]:
    """The list's rows of the municipalities public_municipality_names gave, with their
    pages' addresses and the police areas of their partnerships: one query."""
    areas = (
        PoliceArea.objects.filter(partnerships__municipality__in=[pk for pk, _c, _n in listed])
        .order_by("name")
        .values_list("partnerships__municipality", "name", "region")
    )
    regions = {value: str(label) for value, label in PoliceRegion.choices}  # translated once
    police: dict[int, list[str]] = {}
    for pk, area, region in areas:
        police.setdefault(pk, []).append(f"{area}, {regions.get(region, region)}")
    page_of = addresses("public:municipality", SLUG)
    return [
        MunicipalityRow(name, page_of(slug_of(code, name)), " – ".join(police.get(pk, ())))
        for pk, code, name in listed
    ]


def public_municipalities() -> QuerySet[Municipality]:
    """The municipalities with at least one signed document, alphabetical, each with its
    partnerships (and their police areas) prefetched: two queries however many there are."""
    return _with_signed(Municipality.objects.all()).prefetch_related(
        Prefetch(
            "partnerships",
            queryset=Partnership.objects.select_related("police_area").order_by(
                "police_area__name"
            ),
        )
    )


@dataclass
class Signatory:
    name: str
    title: str
    signed_on: date | None


def signatories(document: Model) -> list[Signatory]:
    """Who signed, by name, title and date only (from prefetched signatures)."""
    people = []
    for signature in document.signatures.all():  # type: ignore[attr-defined]
        if signature.is_signed:
            day = signature.signed_on or (
                timezone.localdate(signature.signed_at) if signature.signed_at else None
            )
            people.append(Signatory(signature.name, signature.title, day))
    return people


@dataclass
class PublicReport:
    label: str
    finalised_on: date
    promises: list[tuple[Promise, str, str]]  # promise, status label, citizen text
    targets: list[tuple[Target, str]]  # target, measured value
    pk: int = 0


@dataclass
class PublicPledge:
    pledge: Pledge
    promises: list[Promise]  # each with point_list
    targets: list[Target]
    reports: list[PublicReport]
    signatories: list[Signatory]


@dataclass
class PublicPlan:
    plan: ActionPlan
    focus_areas: list[FocusArea]  # each with measure_list: its public measures
    signatories: list[Signatory]


@dataclass
class MunicipalityPage:
    municipality: Municipality
    partnerships: list[Partnership]
    agreements: list[tuple[Agreement, list[Signatory]]] = field(default_factory=list)
    current_pledge: PublicPledge | None = None
    pledge_in_effect: bool = False
    earlier_pledges: list[Pledge] = field(default_factory=list)
    plan: PublicPlan | None = None
    plan_in_effect: bool = False
    earlier_plans: list[ActionPlan] = field(default_factory=list)


def _pledges(municipality: Municipality) -> QuerySet[Pledge]:
    return Pledge.objects.filter(
        partnership__municipality=municipality, status__in=PUBLIC_STATUSES
    ).order_by("-period_start", "-revision")


def public_pledge(pledge: Pledge) -> PublicPledge:
    """The pledge's public content, in a fixed number of queries."""
    promises = list(
        pledge.promises.order_by("position").prefetch_related(
            Prefetch("points", queryset=PromisePoint.objects.order_by("position"))
        )
    )
    for promise in promises:
        promise.point_list = list(promise.points.all())
    finalised = _finalised_reports().filter(pledge=pledge)
    return PublicPledge(
        pledge=pledge,
        promises=promises,
        targets=list(pledge.targets.order_by("position")),
        reports=[_public_report(report, pledge) for report in finalised],
        signatories=signatories(pledge),
    )


def _finalised_reports() -> QuerySet[PledgeReport]:
    return (
        PledgeReport.objects.filter(finalised_on__isnull=False)
        .order_by("kind")
        .prefetch_related(
            Prefetch(
                "promise_rows",
                queryset=PromiseReport.objects.select_related("promise").order_by(
                    "promise__position"
                ),
            ),
            "target_rows__target",
        )
    )


def _public_report(report: PledgeReport, pledge: Pledge) -> PublicReport:
    """A finalised report's public part: each promise's status and citizen text."""
    assert report.finalised_on is not None
    report.pledge = pledge  # its label names the pledge's year: no query for it
    return PublicReport(
        pk=report.pk,
        label=report.label,
        finalised_on=report.finalised_on,
        promises=[
            (row.promise, row.get_status_display(), row.citizen_text)
            for row in report.promise_rows.all()
        ],
        targets=[
            (row.target, row.measured_display)
            for row in sorted(report.target_rows.all(), key=lambda r: r.target.position)
        ],
    )


def public_plan(plan: ActionPlan) -> PublicPlan:
    """The plan's focus areas and their measures, internal measures left out."""
    areas = list(
        plan.focus_areas.order_by("position").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("position"))
        )
    )
    hidden = internal_ids(Measure, Measure.objects.filter(focus_area__plan=plan).values("pk"))
    for area in areas:
        area.measure_list = [m for m in area.measures.all() if m.pk not in hidden]
    return PublicPlan(plan=plan, focus_areas=areas, signatories=signatories(plan))


def _in_effect(start: date, end: date | None, today: date) -> bool:
    return start <= today and (end is None or today <= end)


def municipality_page(municipality: Municipality) -> MunicipalityPage:
    """Everything public about one municipality, in a fixed number of queries."""
    today = timezone.localdate()
    page = MunicipalityPage(
        municipality=municipality,
        partnerships=list(
            municipality.partnerships.select_related("police_area").order_by("police_area__name")
        ),
    )
    agreements = (
        Agreement.objects.filter(
            partnership__municipality=municipality, status=DocumentStatus.SIGNED
        )
        .order_by("-period_start")
        .prefetch_related("signatures")
    )
    page.agreements = [(a, signatories(a)) for a in agreements]

    pledges = list(_pledges(municipality).prefetch_related("signatures"))
    signed = [p for p in pledges if p.status == DocumentStatus.SIGNED]
    current = next((p for p in signed if _in_effect(p.period_start, p.ends_on, today)), None)
    page.pledge_in_effect = current is not None
    if current is None and signed:
        current = signed[0]  # the latest: said on the page to be no longer in effect
    if current is not None:
        page.current_pledge = public_pledge(current)
    page.earlier_pledges = [p for p in pledges if p != current]

    plans = list(
        ActionPlan.objects.filter(
            partnership__municipality=municipality, status__in=PUBLIC_STATUSES
        )
        .order_by("-period_start", "-revision")
        .prefetch_related("signatures")
    )
    signed_plans = [p for p in plans if p.status == DocumentStatus.SIGNED]
    plan = next((p for p in signed_plans if _in_effect(p.period_start, p.period_end, today)), None)
    page.plan_in_effect = plan is not None
    plan = plan or (signed_plans[0] if signed_plans else None)
    if plan is not None:
        page.plan = public_plan(plan)
    page.earlier_plans = [p for p in plans if p != plan]
    return page


def public_pledge_of(municipality: Municipality, pk: int) -> Pledge | None:
    """A signed pledge of the municipality, with its signatures; None if there is none."""
    return _with_parties(_pledges(municipality).filter(pk=pk)).first()


def public_plan_of(municipality: Municipality, pk: int) -> ActionPlan | None:
    """A signed (or superseded) plan of the municipality, with its signatures; None if none."""
    plans = ActionPlan.objects.filter(
        partnership__municipality=municipality, status__in=PUBLIC_STATUSES, pk=pk
    )
    return _with_parties(plans).first()


def _with_parties(documents: QuerySet) -> QuerySet:
    return documents.select_related(
        "partnership__municipality", "partnership__police_area"
    ).prefetch_related("signatures")


# Open data (/oppna-data/): every signed document of many municipalities at once.


@dataclass
class OpenMunicipality:
    municipality: Municipality
    plans: list[PublicPlan]
    pledges: list[PublicPledge]
    agreements: list[tuple[Agreement, list[Signatory]]] = field(default_factory=list)


def open_register(municipalities: list[Municipality]) -> list[OpenMunicipality]:
    """Every signed (or superseded) agreement, plan and pledge of the municipalities, with the same
    public parts as the pages, in a fixed number of queries however many there are."""
    plans_qs = ActionPlan.objects.filter(
        partnership__municipality__in=municipalities, status__in=PUBLIC_STATUSES
    )
    hidden = internal_ids(
        Measure, Measure.objects.filter(focus_area__plan__in=plans_qs).values("pk")
    )
    plans = plans_qs.order_by("-period_start", "-revision").prefetch_related(
        "signatures",
        Prefetch(
            "focus_areas",
            queryset=FocusArea.objects.order_by("position").prefetch_related(
                Prefetch("measures", queryset=Measure.objects.order_by("position"))
            ),
        ),
    )
    pledges = (
        Pledge.objects.filter(
            partnership__municipality__in=municipalities, status__in=PUBLIC_STATUSES
        )
        .order_by("-period_start", "-revision")
        .prefetch_related(
            "signatures",
            Prefetch(
                "promises",
                queryset=Promise.objects.order_by("position").prefetch_related(
                    Prefetch("points", queryset=PromisePoint.objects.order_by("position"))
                ),
            ),
            Prefetch("targets", queryset=Target.objects.order_by("position")),
            Prefetch("reports", queryset=_finalised_reports()),
        )
    )
    agreements = (
        Agreement.objects.filter(
            partnership__municipality__in=municipalities, status__in=PUBLIC_STATUSES
        )
        .order_by("-period_start")
        .prefetch_related("signatures")
    )
    result = {m.pk: OpenMunicipality(m, [], []) for m in municipalities}
    partnership_of = {p.pk: p.municipality_id for m in municipalities for p in m.partnerships.all()}
    for agreement in agreements:
        result[partnership_of[agreement.partnership_id]].agreements.append(
            (agreement, signatories(agreement))
        )
    for plan in plans:
        areas = list(plan.focus_areas.all())
        for area in areas:
            area.measure_list = [m for m in area.measures.all() if m.pk not in hidden]
        result[partnership_of[plan.partnership_id]].plans.append(
            PublicPlan(plan=plan, focus_areas=areas, signatories=signatories(plan))
        )
    for pledge in pledges:
        promises = list(pledge.promises.all())
        for promise in promises:
            promise.point_list = list(promise.points.all())
        result[partnership_of[pledge.partnership_id]].pledges.append(
            PublicPledge(
                pledge=pledge,
                promises=promises,
                targets=list(pledge.targets.all()),
                reports=[_public_report(r, pledge) for r in pledge.reports.all()],
                signatories=signatories(pledge),
            )
        )
    return list(result.values())


# The public search (public/search.py) finds among these, and nothing else.


def searchable_measures() -> QuerySet[Measure]:
    """The measures of signed plans, leaving out every one marked internal."""
    marked = InternalMark.objects.filter(
        content_type=ContentType.objects.get_for_model(Measure), field=WHOLE_ROW
    ).values("object_id")
    return Measure.objects.filter(focus_area__plan__status__in=PUBLIC_STATUSES).exclude(
        pk__in=marked
    )


def searchable_focus_areas() -> QuerySet[FocusArea]:
    """The focus areas of signed plans (only their public texts are searched: search.py)."""
    return FocusArea.objects.filter(plan__status__in=PUBLIC_STATUSES)


def searchable_pledges() -> QuerySet[Pledge]:
    """Signed pledges (their public texts: search.py)."""
    return Pledge.objects.filter(status__in=PUBLIC_STATUSES)


def searchable_promises() -> QuerySet[Promise]:
    """The promises of signed pledges."""
    return Promise.objects.filter(pledge__status__in=PUBLIC_STATUSES)


def searchable_report_texts() -> QuerySet[PromiseReport]:
    """The citizen texts of finalised reports on signed pledges (only that text is shown)."""
    return PromiseReport.objects.filter(
        report__finalised_on__isnull=False, report__pledge__status__in=PUBLIC_STATUSES
    ).exclude(citizen_text="")


def comparable_focus_areas() -> QuerySet[FocusArea]:
    """The focus areas of plans signed and in force (not superseded, not ended more than a
    year ago: a partnership's work of ten years back is not what a coordinator compares
    with): the public part of them (title, problem, effect goal) is what "Liknande
    samverkan" compares."""
    since = timezone.localdate() - timedelta(days=365)
    return FocusArea.objects.filter(plan__status=DocumentStatus.SIGNED).filter(
        Q(plan__period_end__isnull=True) | Q(plan__period_end__gte=since)
    )
