"""'Liknande samverkan': other partnerships whose signed plans share a theme with a plan.

Only public content is compared and shown: the title, problem and effect goal of focus
areas of signed plans (selection.comparable_focus_areas), in two queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.urls import reverse

from actionplans.models import ActionPlan, FocusArea
from safety_partnership.models import Municipality
from search import query
from search.query import Target

from . import selection
from .themes import THEMES, Theme

PUBLIC_AREA = Target(
    "publicarea", FocusArea, ("title", "problem", "effect_goal"), "plan__partnership"
)
# Focus areas compared at most: the first municipalities by name whose signed plans share a
# theme; with all the country's plans more would only lengthen the page.
MAX_AREAS = 60


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
    keywords = " ".join(theme.text for theme in mine)
    others = (
        query.matching(selection.comparable_focus_areas(), PUBLIC_AREA, keywords, any_word=True)
        .exclude(plan__partnership__municipality_id=plan.partnership.municipality_id)
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
