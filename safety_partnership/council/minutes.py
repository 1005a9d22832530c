"""A case's minutes as read on its page and in its protocol extract: the paragraphs in
order, each with its recipients and with the case text it was adjusted with.

The case's text (title, background, summary, decision basis) goes on changing as the
case moves from meeting to meeting; a paragraph whose minutes are adjusted shows it as
it was at the adjustment, read from the history, so that its extract never changes.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, Min, OrderBy
from django.urls import reverse

from .. import kinds
from .models import CouncilCase, DecisionBasis, MinutesParagraph

# Meeting by meeting; a paragraph whose meeting date is not known comes first.
PARAGRAPH_ORDER: list[str | OrderBy] = [F("meeting_date").asc(nulls_first=True), "number", "pk"]


def document_url(line) -> str:
    """The link of a decision-basis line (or of a record of one) from its ids alone."""
    if line.content_type_id is None:
        return ""
    kind = kinds.kind_of_content_type(line.content_type_id)
    return reverse(f"{kind.namespace}:detail", args=[line.object_id])


def decision_basis(case: CouncilCase) -> list[DecisionBasis]:
    """The case's 'Beslutsunderlag' in order, each with the URL of its document if linked."""
    lines = list(case.decision_basis.order_by("position"))
    for line in lines:
        line.url = document_url(line)
    return lines


def paragraphs_of(case: CouncilCase, basis: list[DecisionBasis]) -> list[MinutesParagraph]:
    """The case's paragraphs with their recipients and their case text (case_then,
    basis_then), in five queries at most however many there are."""
    paragraphs = list(case.paragraphs.order_by(*PARAGRAPH_ORDER).prefetch_related("recipients"))
    adjusted_at = adjustment_moments([p.pk for p in paragraphs if p.is_adjusted])
    case_records, basis_records = [], []
    if adjusted_at:
        case_records = list(case.history.order_by("history_date"))
        basis_records = list(DecisionBasis.history.filter(case_id=case.pk).order_by("history_date"))
    for paragraph in paragraphs:
        paragraph.recipient_list = sorted(paragraph.recipients.all(), key=lambda r: r.position)
        paragraph.case_then, paragraph.basis_then = case, basis
        if (moment := adjusted_at.get(paragraph.pk)) is not None:
            paragraph.case_then = case_as_of(case, case_records, moment)
            paragraph.basis_then = basis_as_of(basis_records, moment)
    return paragraphs


def adjustment_moments(paragraph_ids: list[int]) -> dict[int, datetime]:
    """When each paragraph was recorded as adjusted: its first history record that says so."""
    if not paragraph_ids:
        return {}
    records = (
        MinutesParagraph.history.filter(id__in=paragraph_ids, adjusted_on__isnull=False)
        .values("id")
        .annotate(moment=Min("history_date"))
    )
    return {record["id"]: record["moment"] for record in records}


def case_as_of(case: CouncilCase, records: list, moment: datetime) -> CouncilCase:
    then = [record for record in records if record.history_date <= moment]
    if not then:
        return case
    old = then[-1].instance
    old.municipality = case.municipality
    return old


def basis_as_of(records: list, moment: datetime) -> list:
    """The decision-basis lines as they were at the moment, in order, each with its url."""
    latest = {}
    for record in records:
        if record.history_date <= moment:
            latest[record.id] = record
    lines = sorted((r for r in latest.values() if r.history_type != "-"), key=lambda r: r.position)
    for line in lines:
        line.url = document_url(line)
    return lines
