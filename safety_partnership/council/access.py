"""The one access check for council cases, their minutes paragraphs and cover memo.

A case belongs to a municipality rather than to a partnership: the municipality's
people read it and its coordinator edits it; the police read the cases of the
municipalities their area serves. Cases are not signed documents, so they can be
changed at any time.
"""

from django.shortcuts import get_object_or_404

from safety_partnership.access import (
    Access,
    check_access,
    municipality_access,
    partnerships_for,
)
from safety_partnership.models import (
    CouncilCase,
    MinutesParagraph,
    Municipality,
    Partnership,
)

CASES = CouncilCase.objects.select_related("municipality", "case_officer")


def get_case_for_user(user, pk: int, *, edit: bool = False) -> tuple[CouncilCase, Access]:
    case = get_object_or_404(CASES, pk=pk)
    access = check_access(user, municipality_access(user, case.municipality_id), edit=edit)
    return case, access


def get_paragraph_for_user(
    user, pk: int, *, edit: bool = False
) -> tuple[MinutesParagraph, CouncilCase, Access]:
    """The paragraph, its case and the user's access, checked on the case."""
    paragraph = get_object_or_404(MinutesParagraph, pk=pk)
    case, access = get_case_for_user(user, paragraph.case_id, edit=edit)
    paragraph.case = case
    return paragraph, case, access


def get_municipality_for_user(user, pk: int, *, edit: bool = False) -> tuple[Municipality, Access]:
    """The municipality a new case is registered under."""
    municipality = get_object_or_404(Municipality, pk=pk)
    access = check_access(user, municipality_access(user, municipality.pk), edit=edit)
    return municipality, access


def partnership_of(user, municipality_id: int) -> Partnership | None:
    """The partnership page a case page leads back to: the municipality's, as the user sees it."""
    return partnerships_for(user).filter(municipality_id=municipality_id).first()
