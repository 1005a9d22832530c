"""The public search over what is published: signed plans' focus areas and measures, signed
pledges (their situation, place in focus, goals …) and promises, and the texts for citizens
of finalised reports.

What may be found comes from selection.py (searchable_*); the words are matched the way
the signed-in search matches them (search.query.matching: Swedish full text on
PostgreSQL, words and stems elsewhere). One query per kind, whatever the number of hits.
Each public kind has its GIN index on PostgreSQL (public/migrations/0002_search_indexes.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from actionplans.models import FocusArea, Measure
from pledges.models import Pledge, Promise, PromiseReport
from search import query
from search.query import Target

from . import selection
from .themes import Theme

PER_KIND = 50  # hits of each kind shown

# The public texts of each kind, no more: a focus area's cause analysis or a pledge's
# diary number are not shown publicly, so they must not make it found either. Measures and
# promises are searched by all their texts, which the public pages show (their "Ansvar").
PLEDGE_TEXTS = tuple(
    name for name in selection.PUBLIC_FIELDS[Pledge] if name not in ("period_start", "period_end")
)
AREAS = Target("publicarea", FocusArea, selection.PUBLIC_FIELDS[FocusArea], "plan__partnership")
MEASURES = query.BY_KEY["measure"]
PLEDGES = Target("publicpledge", Pledge, PLEDGE_TEXTS, "partnership")
PROMISES = query.BY_KEY["promise"]
REPORT_TEXTS = Target("reporttext", PromiseReport, ("citizen_text",), "report__pledge__partnership")


@dataclass(frozen=True)
class Filters:
    text: str = ""
    theme: Theme | None = None
    county: str = ""  # two digits: "05"
    region: str = ""  # a PoliceRegion value
    year: int | None = None

    @property
    def empty(self) -> bool:
        return not (query.words_of(self.text) or self.theme)


@dataclass(frozen=True)
class PublicHit:
    kind: str
    title: str  # the document: "Handlingsplan 2018–2020 › Trafikmiljön"
    municipality: str
    url: str
    snippet: SafeString
    status: str = ""  # of a promise in a report: "Genomförd"


def _narrowed(rows: QuerySet, target: Target, filters: Filters) -> QuerySet:
    partnership = target.partnership
    if query.words_of(filters.text):
        rows = query.matching(rows, target, filters.text)
    if filters.theme is not None:
        rows = query.matching(rows, target, filters.theme.text, any_word=True)
    if filters.county:
        rows = rows.filter(**{f"{partnership}__municipality__code__startswith": filters.county})
    if filters.region:
        rows = rows.filter(**{f"{partnership}__police_area__region": filters.region})
    return rows


def _in_year(document: str, year: int | None, extended: bool) -> Q:
    if year is None:
        return Q()
    ends = Q(**{f"{document}period_end__year__gte": year})
    if extended:
        ends |= Q(**{f"{document}extended_to__year__gte": year})
    return Q(**{f"{document}period_start__year__lte": year}) & ends


@dataclass(frozen=True)
class PublicKind:
    """A kind of public text the search finds: where its rows come from (selection.py), the
    path to its document (for the year and the order) and how a row becomes a hit."""

    target: Target
    rows: Callable[[], QuerySet]
    document: str  # "focus_area__plan__": the path to its document, with the separator
    extended: bool  # whether the document's period may be extended (a pledge's)
    related: str
    order: tuple[str, ...]
    hit: Callable[[Any, str], PublicHit]


def _area_hit(area: FocusArea, words: str) -> PublicHit:
    municipality = area.plan.partnership.municipality
    return PublicHit(
        kind=_("Fokusområde"),
        title=f"{area.plan.title} › {area.title}",
        municipality=municipality.name,
        url=_plan_url(municipality, area.plan_id) + f"#fokusomrade-{area.pk}",
        snippet=query.snippet(" ".join((area.title, area.problem, area.effect_goal)), words),
    )


def _measure_hit(measure: Measure, words: str) -> PublicHit:
    area = measure.focus_area
    municipality = area.plan.partnership.municipality
    return PublicHit(
        kind=_("Åtgärd"),
        title=f"{area.plan.title} › {area.title}",
        municipality=municipality.name,
        url=_plan_url(municipality, area.plan_id) + f"#fokusomrade-{area.pk}",
        snippet=query.snippet(measure.description, words),
    )


def _pledge_hit(pledge: Pledge, words: str) -> PublicHit:
    municipality = pledge.partnership.municipality
    texts = [getattr(pledge, name) for name in PLEDGE_TEXTS]
    return PublicHit(
        kind=_("Medborgarlöfte"),
        title=pledge.title,
        municipality=municipality.name,
        url=_pledge_url(municipality, pledge.pk),
        snippet=query.snippet(" ".join(texts), words),
    )


def _promise_hit(promise: Promise, words: str) -> PublicHit:
    municipality = promise.pledge.partnership.municipality
    return PublicHit(
        kind=_("Löfte"),
        title=promise.pledge.title,
        municipality=municipality.name,
        url=_pledge_url(municipality, promise.pledge_id),
        snippet=query.snippet(promise.text, words),
    )


def _report_hit(row: PromiseReport, words: str) -> PublicHit:
    pledge = row.report.pledge
    municipality = pledge.partnership.municipality
    return PublicHit(
        kind=_("Uppföljning av löfte"),
        title=f"{row.report.label} › {_short(row.promise)}",
        municipality=municipality.name,
        url=_pledge_url(municipality, pledge.pk),
        snippet=query.snippet(row.citizen_text, words),
        status=row.get_status_display(),
    )


KINDS = (
    PublicKind(
        AREAS,
        selection.searchable_focus_areas,
        "plan__",
        False,
        "plan__partnership__municipality",
        ("-plan__period_start", "position"),
        _area_hit,
    ),
    PublicKind(
        MEASURES,
        selection.searchable_measures,
        "focus_area__plan__",
        False,
        "focus_area__plan__partnership__municipality",
        ("-focus_area__plan__period_start", "focus_area__position", "position"),
        _measure_hit,
    ),
    PublicKind(
        PLEDGES,
        selection.searchable_pledges,
        "",
        True,
        "partnership__municipality",
        ("-period_start", "-revision"),
        _pledge_hit,
    ),
    PublicKind(
        PROMISES,
        selection.searchable_promises,
        "pledge__",
        True,
        "pledge__partnership__municipality",
        ("-pledge__period_start", "position"),
        _promise_hit,
    ),
    PublicKind(
        REPORT_TEXTS,
        selection.searchable_report_texts,
        "report__pledge__",
        True,
        "report__pledge__partnership__municipality",
        ("-report__pledge__period_start", "promise__position"),
        _report_hit,
    ),
)


def _found(kind: PublicKind, filters: Filters) -> QuerySet:
    rows = _narrowed(kind.rows(), kind.target, filters)
    return rows.filter(_in_year(kind.document, filters.year, kind.extended))


class Hits(Sequence[PublicHit]):
    """The hits found, in their order; each one made (its snippet, its address) only when
    read, so that a page of them costs a page, however many were found."""

    def __init__(self, found: list[tuple[Any, PublicKind]], words: str) -> None:
        self._found = found
        self._words = words

    def __len__(self) -> int:
        return len(self._found)

    @overload
    def __getitem__(self, index: int) -> PublicHit: ...
    @overload
    def __getitem__(self, index: slice) -> list[PublicHit]: ...
    def __getitem__(self, index: int | slice) -> PublicHit | list[PublicHit]:
        if isinstance(index, slice):
            return [kind.hit(row, self._words) for row, kind in self._found[index]]
        row, kind = self._found[index]
        return kind.hit(row, self._words)


def find(filters: Filters) -> Hits:
    """The public hits for the filters, one query per kind: on PostgreSQL the best first (the
    full-text rank, across kinds), elsewhere kind by kind, the newest documents first."""
    words = filters.text or (filters.theme.text if filters.theme else "")
    ranked: list[tuple[float, Any, PublicKind]] = []
    for kind in KINDS:
        rank = query.rank(kind.target, words, any_word=not filters.text)
        rows = (
            _found(kind, filters)
            .annotate(s_rank=rank)
            .select_related(kind.related)
            .order_by("-s_rank", *kind.order)
        )[:PER_KIND]
        if kind.target is REPORT_TEXTS:
            rows = rows.select_related("promise")
        ranked += [(row.s_rank, row, kind) for row in rows]
    ranked.sort(key=lambda found: -found[0])  # stable: equal ranks keep the kinds' order
    return Hits([(row, kind) for _rank, row, kind in ranked], words)


def _plan_url(municipality, pk: int) -> str:
    return reverse("public:plan", args=[selection.municipality_slug(municipality), pk])


def _pledge_url(municipality, pk: int) -> str:
    return reverse("public:pledge", args=[selection.municipality_slug(municipality), pk])


def _short(promise: Promise, length: int = 60) -> str:
    text = " ".join(promise.text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def theme_counts(themes: Sequence[Theme]) -> list[int]:
    """How many public texts each theme finds: one query per kind, counting every theme at
    once (a count filtered by each theme's keywords)."""
    totals = [0] * len(themes)
    for kind in KINDS:
        rows = query.with_vector(kind.rows(), kind.target)
        counted = rows.aggregate(
            **{
                f"theme_{index}": Count(
                    "pk", filter=query.condition(kind.target, theme.text, any_word=True)
                )
                for index, theme in enumerate(themes)
            }
        )
        for index in range(len(themes)):
            totals[index] += counted[f"theme_{index}"]
    return totals
