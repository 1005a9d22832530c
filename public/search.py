"""The public search over published measures, promises and report texts for citizens.

What may be found comes from selection.py (searchable_*); the words are matched the way
the signed-in search matches them (search.query.matching: Swedish full text on
PostgreSQL, words and stems elsewhere). One query per kind, whatever the number of hits.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pledges.models import Promise, PromiseReport
from search import query
from search.query import Target

from . import selection
from .themes import Theme

PER_KIND = 50  # hits of each kind shown

MEASURES = query.BY_KEY["measure"]
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


def find(filters: Filters) -> list[PublicHit]:
    """The public hits for the filters: measures, then promises, then report texts."""
    words = filters.text or (filters.theme.text if filters.theme else "")
    hits: list[PublicHit] = []
    measures = (
        _narrowed(selection.searchable_measures(), MEASURES, filters)
        .filter(_in_year("focus_area__plan__", filters.year, extended=False))
        .select_related("focus_area__plan__partnership__municipality")
        .order_by("-focus_area__plan__period_start", "focus_area__position", "position")
    )[:PER_KIND]
    for measure in measures:
        area = measure.focus_area
        municipality = area.plan.partnership.municipality
        hits.append(
            PublicHit(
                kind=_("Åtgärd"),
                title=f"{area.plan.title} › {area.title}",
                municipality=municipality.name,
                url=reverse("public:municipality", args=[selection.municipality_slug(municipality)])
                + f"#fokusomrade-{area.pk}",
                snippet=query.snippet(measure.description, words),
            )
        )
    promises = (
        _narrowed(selection.searchable_promises(), PROMISES, filters)
        .filter(_in_year("pledge__", filters.year, extended=True))
        .select_related("pledge__partnership__municipality")
        .order_by("-pledge__period_start", "position")
    )[:PER_KIND]
    for promise in promises:
        municipality = promise.pledge.partnership.municipality
        hits.append(
            PublicHit(
                kind=_("Löfte"),
                title=promise.pledge.title,
                municipality=municipality.name,
                url=_pledge_url(municipality, promise.pledge_id),
                snippet=query.snippet(promise.text, words),
            )
        )
    texts = (
        _narrowed(selection.searchable_report_texts(), REPORT_TEXTS, filters)
        .filter(_in_year("report__pledge__", filters.year, extended=True))
        .select_related("report__pledge__partnership__municipality", "promise")
        .order_by("-report__pledge__period_start", "promise__position")
    )[:PER_KIND]
    for row in texts:
        pledge = row.report.pledge
        municipality = pledge.partnership.municipality
        hits.append(
            PublicHit(
                kind=_("Uppföljning av löfte"),
                title=f"{row.report.label} › {_short(row.promise)}",
                municipality=municipality.name,
                url=_pledge_url(municipality, pledge.pk),
                snippet=query.snippet(row.citizen_text, words),
                status=row.get_status_display(),
            )
        )
    return hits


def _pledge_url(municipality, pk: int) -> str:
    return reverse("public:pledge", args=[selection.municipality_slug(municipality), pk])


def _short(promise: Promise, length: int = 60) -> str:
    text = " ".join(promise.text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def count(filters: Filters) -> int:
    """How many public texts the filters find (three queries)."""
    return (
        _narrowed(selection.searchable_measures(), MEASURES, filters)
        .filter(_in_year("focus_area__plan__", filters.year, extended=False))
        .count()
        + _narrowed(selection.searchable_promises(), PROMISES, filters)
        .filter(_in_year("pledge__", filters.year, extended=True))
        .count()
        + _narrowed(selection.searchable_report_texts(), REPORT_TEXTS, filters)
        .filter(_in_year("report__pledge__", filters.year, extended=True))
        .count()
    )
