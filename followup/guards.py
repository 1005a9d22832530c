"""The SQL triggers that keep what the follow-up has locked (models.py refuses the same in
Python): a compiled tertial's compilation, reports and their history (a correction is a new
report, so adding reports stays open), and a finalised annual follow-up with its areas."""

from __future__ import annotations

from actionplans.models import FocusArea, Measure
from safety_partnership.triggers import Builder, Dialect, Guard, finalised_guards, history_guard

from .models import (
    AnnualFollowUp,
    AreaAssessment,
    MeasureReport,
    ReportSignature,
    TertialCompilation,
)


def compiled_tertial_guards(d: Dialect) -> list[Guard]:
    q = d.q
    measures, areas = Measure._meta.db_table, FocusArea._meta.db_table
    compilations = TertialCompilation._meta.db_table
    reads = frozenset({measures, areas, compilations})

    def compiled(ref: str) -> str:
        """The tertial of the report (or record of one) `ref` is compiled."""
        return (
            f"EXISTS (SELECT 1 FROM {q(compilations)} c, {q(measures)} m, {q(areas)} a"
            f" WHERE m.{q('id')} = {ref}.{q('measure_id')} AND a.{q('id')} = m.{q('focus_area_id')}"
            f" AND c.{q('plan_id')} = a.{q('plan_id')} AND c.{q('year')} = {ref}.{q('year')}"
            f" AND c.{q('tertial')} = {ref}.{q('tertial')})"
        )

    def record_compiled(build: Builder, ref: str) -> str:
        build.tables.update(reads)
        return compiled(ref)

    def always(build: Builder, ref: str) -> str:
        return "1 = 1"

    reports = MeasureReport._meta.db_table
    return [
        Guard(
            reports,
            update=f"{compiled('OLD')} OR {compiled('NEW')}",
            delete=compiled("OLD"),
            tables=reads | {reports},
        ),
        history_guard(MeasureReport, d, record_compiled),
        # A compilation is not undone: that would unlock its reports.
        Guard(compilations, update="1 = 1", delete="1 = 1", tables=frozenset({compilations})),
        history_guard(TertialCompilation, d, always),
    ]


def finalised_annual_guards(d: Dialect) -> list[Guard]:
    # Finalised, only the revision it led to may still be recorded (or cleared, when that
    # draft is deleted).
    return finalised_guards(d, AnnualFollowUp, [AreaAssessment], mutable={"revision"})


def report_signature_guards(d: Dialect) -> list[Guard]:
    """A signature of a follow-up report, and its record, stay as made: signing is adding."""
    tables = [ReportSignature._meta.db_table, ReportSignature.history.model._meta.db_table]
    return [
        Guard(table, update="1 = 1", delete="1 = 1", tables=frozenset({table})) for table in tables
    ]
