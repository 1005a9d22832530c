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
from operator import itemgetter
from typing import Any, overload

from django.db.models import Count, F, Q, QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from actionplans.models import FocusArea
from pledges.models import Pledge, PledgeReport, PromiseReport
from safety_partnership.addresses import PLACEHOLDER, addresses
from search import query
from search.query import Target

from . import selection
from .themes import Theme

PER_KIND = 50  # hits of each kind shown
# On PostgreSQL, how many of the newest texts of a kind that match are ranked for the best
# PER_KIND: a word in nearly every text then ranks these, not the whole country's. Ten
# pages of hits a kind; a rarer word's matches are all ranked.
RANKED_PER_KIND = 200

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


def _joins_index(target: Target, filters: Filters) -> bool:
    """Whether the search of target joins its trigram index on SQLite (search/models.py):
    then it is read newest first, and stops at the hits shown."""
    if query.uses_full_text() or not hasattr(target.model, "text_index"):
        return False
    theme = filters.theme.text if filters.theme else ""
    return bool(query.index_query(filters.text) or query.index_query(theme, any_word=True))


def _matching(
    rows: QuerySet, target: Target, text: str, joined: bool, any_word: bool = False
) -> QuerySet:
    if not joined:
        return query.matching(rows, target, text, any_word)
    rows = query.matching(rows, target, text, any_word, indexed=False)
    return query.through_index(rows, text, any_word)


def _narrowed(rows: QuerySet, target: Target, filters: Filters, joined: bool) -> QuerySet:
    partnership = target.partnership
    if query.words_of(filters.text):
        rows = _matching(rows, target, filters.text, joined)
    if filters.theme is not None:
        rows = _matching(rows, target, filters.theme.text, joined, any_word=True)
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
    path to its document (for the year and the order), what a hit shows of a row and how a
    row becomes a hit."""

    target: Target
    rows: Callable[[], QuerySet]
    document: str  # "focus_area__plan__": the path to its document, with the separator
    extended: bool  # whether the document's period may be extended (a pledge's)
    columns: tuple[str, ...]  # read of each row found (values()), besides its municipality
    order: tuple[str, ...]
    hit: Callable[[dict[str, Any], str, Links], PublicHit]


# A hit is made from its row's values, not its models: a page may choose among 250 hits,
# and only the few texts a hit shows are read of each.
Row = dict[str, Any]


class Links:
    """The public pages a page of hits links to, each address reversed once for them all."""

    def __init__(self) -> None:
        self._plan = addresses("public:plan", selection.SLUG, PLACEHOLDER)
        self._pledge = addresses("public:pledge", selection.SLUG, PLACEHOLDER)

    def plan(self, row: Row, pk: int) -> str:
        return self._plan(selection.slug_of(row["m_code"], row["m_name"]), pk)

    def pledge(self, row: Row, pk: int) -> str:
        return self._pledge(selection.slug_of(row["m_code"], row["m_name"]), pk)


def _area_hit(area: Row, words: str, links: Links) -> PublicHit:
    return PublicHit(
        kind=_("Fokusområde"),
        title=f"{area['plan__title']} › {area['title']}",
        municipality=area["m_name"],
        url=links.plan(area, area["plan_id"]) + f"#fokusomrade-{area['pk']}",
        snippet=query.snippet(
            " ".join((area["title"], area["problem"], area["effect_goal"])), words
        ),
    )


def _measure_hit(measure: Row, words: str, links: Links) -> PublicHit:
    return PublicHit(
        kind=_("Åtgärd"),
        title=f"{measure['focus_area__plan__title']} › {measure['focus_area__title']}",
        municipality=measure["m_name"],
        url=links.plan(measure, measure["focus_area__plan_id"])
        + f"#fokusomrade-{measure['focus_area_id']}",
        snippet=query.snippet(measure["description"], words),
    )


def _pledge_hit(pledge: Row, words: str, links: Links) -> PublicHit:
    return PublicHit(
        kind=_("Medborgarlöfte"),
        title=pledge["title"],
        municipality=pledge["m_name"],
        url=links.pledge(pledge, pledge["pk"]),
        snippet=query.snippet(" ".join(pledge[name] for name in PLEDGE_TEXTS), words),
    )


def _promise_hit(promise: Row, words: str, links: Links) -> PublicHit:
    return PublicHit(
        kind=_("Löfte"),
        title=promise["pledge__title"],
        municipality=promise["m_name"],
        url=links.pledge(promise, promise["pledge_id"]),
        snippet=query.snippet(promise["text"], words),
    )


def _report_hit(row: Row, words: str, links: Links) -> PublicHit:
    pledge = Pledge(period_start=row["report__pledge__period_start"])
    report = PledgeReport(kind=row["report__kind"], pledge=pledge)
    return PublicHit(
        kind=_("Uppföljning av löfte"),
        title=f"{report.label} › {_short(row['promise__text'])}",
        municipality=row["m_name"],
        url=links.pledge(row, row["report__pledge_id"]),
        snippet=query.snippet(row["citizen_text"], words),
        status=PromiseReport(status=row["status"]).get_status_display(),
    )


KINDS = (
    PublicKind(
        AREAS,
        selection.searchable_focus_areas,
        "plan__",
        False,
        ("title", "problem", "effect_goal", "plan_id", "plan__title"),
        ("-plan__period_start", "position"),
        _area_hit,
    ),
    PublicKind(
        MEASURES,
        selection.searchable_measures,
        "focus_area__plan__",
        False,
        ("description", "focus_area_id", "focus_area__title", "focus_area__plan_id")
        + ("focus_area__plan__title",),
        ("-focus_area__plan__period_start", "focus_area__position", "position"),
        _measure_hit,
    ),
    PublicKind(
        PLEDGES,
        selection.searchable_pledges,
        "",
        True,
        PLEDGE_TEXTS,
        ("-period_start", "-revision"),
        _pledge_hit,
    ),
    PublicKind(
        PROMISES,
        selection.searchable_promises,
        "pledge__",
        True,
        ("text", "pledge_id", "pledge__title"),
        ("-pledge__period_start", "position"),
        _promise_hit,
    ),
    PublicKind(
        REPORT_TEXTS,
        selection.searchable_report_texts,
        "report__pledge__",
        True,
        ("citizen_text", "status", "report__kind", "report__pledge_id")
        + ("report__pledge__period_start", "promise__text"),
        ("-report__pledge__period_start", "promise__position"),
        _report_hit,
    ),
)


def _found(kind: PublicKind, filters: Filters, joined: bool = False) -> QuerySet:
    # joined: read through SQLite's trigram index as a join (_joins_index), for find()'s
    # newest-first walk; otherwise the index is asked in a subquery, which counts the same.
    rows = _narrowed(kind.rows(), kind.target, filters, joined)
    return rows.filter(_in_year(kind.document, filters.year, kind.extended))


class Hits(Sequence[PublicHit]):
    """The hits found, in their order; each one made (its snippet, its address) only when
    read, so that a page of them costs a page, however many were found."""

    def __init__(self, found: list[tuple[Row, PublicKind]], words: str) -> None:
        self._found = found
        self._words = words
        self._links = Links()

    def __len__(self) -> int:
        return len(self._found)

    @overload
    def __getitem__(self, index: int) -> PublicHit: ...
    @overload
    def __getitem__(self, index: slice) -> list[PublicHit]: ...
    def __getitem__(self, index: int | slice) -> PublicHit | list[PublicHit]:
        if isinstance(index, slice):
            return [kind.hit(row, self._words, self._links) for row, kind in self._found[index]]
        row, kind = self._found[index]
        return kind.hit(row, self._words, self._links)


def find(filters: Filters) -> Hits:
    """The public hits for the filters, one query per kind: on PostgreSQL the best first (the
    full-text rank, across kinds) of the newest RANKED_PER_KIND of each kind that match;
    elsewhere kind by kind, the newest written of each (read through the trigram index when
    it is joined), shown newest document first. Either way a word found in every
    municipality's texts does not make all of them read, ranked and sorted."""
    words = filters.text or (filters.theme.text if filters.theme else "")
    ranked: list[tuple[float, Row, PublicKind]] = []
    for kind in KINDS:
        joined = _joins_index(kind.target, filters)
        found = _found(kind, filters, joined)
        if query.uses_full_text():
            newest = found.order_by("-pk").values("pk")[:RANKED_PER_KIND]
            rows = _shown(kind, kind.target.model._default_manager.filter(pk__in=newest))
            rank = query.rank(kind.target, words, any_word=not filters.text)
            best = rows.annotate(s_rank=rank).order_by("-s_rank", *kind.order)[:PER_KIND]
            ranked += [(row["s_rank"], row, kind) for row in best]
        else:
            ranked += [(0.0, row, kind) for row in _newest(_shown(kind, found), kind, joined)]
    ranked.sort(key=lambda found: -found[0])  # stable: equal ranks keep the kinds' order
    return Hits([(row, kind) for _rank, row, kind in ranked], words)


def _shown(kind: PublicKind, rows: QuerySet) -> QuerySet:
    """What a hit shows of each row (its kind's columns and its municipality), as values."""
    place = f"{kind.target.partnership}__municipality__"
    return rows.values("pk", *kind.columns, m_name=F(place + "name"), m_code=F(place + "code"))


def _newest(rows: QuerySet, kind: PublicKind, joined: bool) -> list[Row]:
    """The newest written rows (by id, or by the index's rowid when it is joined), in the
    kind's order: newest document first."""
    newest = "-text_index__row_id" if joined else "-pk"
    keys = {f"s_{index}": F(name.removeprefix("-")) for index, name in enumerate(kind.order)}
    found = list(rows.annotate(**keys).order_by(newest)[:PER_KIND])
    for index, name in reversed(list(enumerate(kind.order))):
        found.sort(key=itemgetter(f"s_{index}"), reverse=name.startswith("-"))  # stable
    return found


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
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
