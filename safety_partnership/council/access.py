"""The one access check for council cases, their minutes paragraphs and cover memo.

A case belongs to a municipality rather than to a partnership: the municipality's
people read it and its coordinator edits it; the police read the cases of the
municipalities their area serves. Cases are not signed documents, so they can be
changed at any time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from ..access import Access, Need, check_municipality, partnerships_for, require_reader
from ..models import (
    CouncilCase,
    CoverMemo,
    MinutesParagraph,
    Municipality,
    Partnership,
)

if TYPE_CHECKING:
    from ..access import AnyUser

CASES = CouncilCase.objects.select_related("municipality", "case_officer")


def get_case_for_user(
    user: AnyUser, pk: int, need: Need = require_reader
) -> tuple[CouncilCase, Access]:
    case = get_object_or_404(CASES, pk=pk)
    return case, check_municipality(user, case.municipality_id, need)


def get_paragraph_for_user(
    user: AnyUser, pk: int, need: Need = require_reader
) -> tuple[MinutesParagraph, CouncilCase, Access]:
    """The paragraph, its case and the user's access, checked on the case."""
    paragraph = get_object_or_404(MinutesParagraph, pk=pk)
    case, access = get_case_for_user(user, paragraph.case_id, need)
    paragraph.case = case
    return paragraph, case, access


def get_memo_for_user(
    user: AnyUser, pk: int, need: Need = require_reader
) -> tuple[CoverMemo, CouncilCase, Access]:
    """The cover memo, its case and the user's access, checked on the case."""
    memo = get_object_or_404(CoverMemo, pk=pk)
    case, access = get_case_for_user(user, memo.case_id, need)
    memo.case = case
    return memo, case, access


def get_municipality_for_user(
    user: AnyUser, pk: int, need: Need = require_reader
) -> tuple[Municipality, Access]:
    """The municipality a new case is registered under."""
    municipality = get_object_or_404(Municipality, pk=pk)
    return municipality, check_municipality(user, municipality.pk, need)


def partnership_of(user: AnyUser, municipality_id: int) -> Partnership | None:
    """The partnership page a case page leads back to: the municipality's, as the user sees it."""
    return partnerships_for(user).filter(municipality_id=municipality_id).first()
