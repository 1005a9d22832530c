"""The SQL triggers that keep a finalised report of a pledge, its rows and their history as
they were finalised (models.py refuses the same in Python)."""

from __future__ import annotations

from safety_partnership.triggers import Dialect, Guard, finalised_guards

from .models import PledgeReport, PromiseReport, TargetReport


def finalised_report_guards(d: Dialect) -> list[Guard]:
    return finalised_guards(d, PledgeReport, [PromiseReport, TargetReport])
