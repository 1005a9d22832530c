"""'Liknande samverkan': other partnerships whose signed plans share a theme with a plan.

Only public content is compared and shown: the title, problem and effect goal of focus
areas of signed plans in force (selection.comparable_focus_areas), in two queries. What is
found depends only on the plan's themes and municipality and changes only when another plan
is signed, so it is kept in the cache for a few minutes, as the public pages are: with the
whole country's plans the comparison is the slowest part of a plan's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.urls import reverse

from actionplans.models import ActionPlan, FocusArea
from safety_partnership.models import Municipality
from search import query

from . import selection
from .search import AREAS
from .themes import BY_SLUG, THEMES, Theme

# Focus areas compared at most: the first municipalities by name whose signed plans share a
# theme; with all the country's plans more would only lengthen the page.
MAX_AREAS = 60
KEPT = 300  # seconds in the cache, as long as a public page may be kept


@dataclass
class Similar:
    municipality: str
    url: str  # its public page
    themes: list[Theme] = field(default_factory=list)


# Each theme's keywords (or their stems) as one pattern, compiled once.
_PATTERNS = [
    (theme, re.compile("|".join(re.escape(query.stem(k)) for k in theme.keywords), re.IGNORECASE))
    for theme in THEMES
]


def themes_of(text: str) -> list[Theme]:
    """The themes one of whose keywords (or its stem) occurs in text, as the SQLite search."""
    return [theme for theme, pattern in _PATTERNS if pattern.search(text)]


def _public_text(area: FocusArea) -> str:
    return " ".join((area.title, area.problem, area.effect_goal))


def similar_partnerships(plan: ActionPlan) -> list[Similar]:
    texts = plan.focus_areas.values_list("title", "problem", "effect_goal")
    mine = themes_of(" ".join(" ".join(text) for text in texts))
    if not mine:
        return []
    municipality_id = plan.partnership.municipality_id
    key = f"similar:{municipality_id}:{','.join(theme.slug for theme in mine)}"
    kept = cache.get(key)
    if kept is None:
        kept = [
            (s.municipality, s.url, [t.slug for t in s.themes])
            for s in _found(mine, municipality_id)
        ]
        cache.set(key, kept, KEPT)
    return [Similar(name, url, [BY_SLUG[slug] for slug in slugs]) for name, url, slugs in kept]


def _found(mine: list[Theme], municipality_id: int) -> list[Similar]:
    keywords = " ".join(theme.text for theme in mine)
    others = (
        query.matching(selection.comparable_focus_areas(), AREAS, keywords, any_word=True)
        .exclude(plan__partnership__municipality_id=municipality_id)
        .select_related("plan__partnership__municipality")
        .order_by("plan__partnership__municipality__name", "position")
    )[:MAX_AREAS]
    found: dict[int, Similar] = {}
    for area in others:
        municipality = area.plan.partnership.municipality
        similar = found.setdefault(
            municipality.pk,
            Similar(municipality.name, _url(municipality)),
        )
        for theme in themes_of(_public_text(area)):
            if theme in mine and theme not in similar.themes:
                similar.themes.append(theme)
    return [similar for similar in found.values() if similar.themes]


def _url(municipality: Municipality) -> str:
    return reverse("public:municipality", args=[selection.municipality_slug(municipality)])
