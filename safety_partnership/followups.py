"""What apps outside the core say each person has to do, for the dashboard.

The core names no app (tests/safety_partnership/test_architecture.py): an app such as the
tertial follow-up registers a provider here in its AppConfig.ready(), the way document
kinds register in kinds.py. The dashboard asks every provider once, for all the user's
partnerships, so its number of queries does not grow with theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .access import AnyUser
    from .models import Partnership


@dataclass(frozen=True)
class Todo:
    """One thing that is the user's own to do: a text, where to do it, by when."""

    text: StrOrPromise
    url: str
    deadline: date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Panel:
    """A part of a partnership's overview on the dashboard: a template and what it shows."""

    template: str
    context: dict[str, Any]


@dataclass
class Followups:
    mine: list[Todo] = field(default_factory=list)
    panels: dict[int, list[Panel]] = field(default_factory=dict)  # by partnership id


# (user, partnerships the user reads, moment) -> what is due: a fixed number of queries.
Provider = Callable[["AnyUser", list["Partnership"], datetime], Followups]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _providers[name] = provider


def collect(user: AnyUser, partnerships: list[Partnership], moment: datetime) -> Followups:
    """Every provider's due items, the user's own first by deadline (overdue first)."""
    found = Followups()
    for provider in _providers.values():
        part = provider(user, partnerships, moment)
        found.mine += part.mine
        for partnership_id, panels in part.panels.items():
            found.panels.setdefault(partnership_id, []).extend(panels)
    found.mine.sort(key=lambda todo: (not todo.overdue, todo.deadline or date.max))
    return found


# (partnerships the user reads, today) -> panels by partnership id that say where a
# partnership stands rather than what is due (the law's checklist): shown on the dashboard
# and on the partnership's page, in a fixed number of queries.
Overview = Callable[[list["Partnership"], date], dict[int, list[Panel]]]

_overviews: dict[str, Overview] = {}


def register_overview(name: str, overview: Overview) -> None:
    _overviews[name] = overview


def overview_panels(partnerships: list[Partnership], today: date) -> dict[int, list[Panel]]:
    found: dict[int, list[Panel]] = {}
    for overview in _overviews.values():
        for partnership_id, panels in overview(partnerships, today).items():
            found.setdefault(partnership_id, []).extend(panels)
    return found
