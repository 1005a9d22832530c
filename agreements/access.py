"""The one access check for cooperation agreements and their meetings."""

from django.shortcuts import get_object_or_404

from safety_partnership.access import Access, check_partnership

from .models import Agreement, LeadershipMeeting

AGREEMENTS = Agreement.objects.select_related(
    "partnership__municipality", "partnership__police_area", "copied_from"
)


def get_agreement_for_user(user, pk: int, *, edit: bool = False) -> tuple[Agreement, Access]:
    agreement = get_object_or_404(AGREEMENTS, pk=pk)
    access = check_partnership(user, agreement.partnership, edit=edit, document=agreement)
    return agreement, access


def get_meeting_for_user(user, pk: int, *, edit: bool = False):
    """A leadership meeting records the agreement's follow-up, so it may be recorded
    while the agreement itself is signed and frozen."""
    meeting = get_object_or_404(LeadershipMeeting, pk=pk)
    agreement, access = get_agreement_for_user(user, meeting.agreement_id)
    check_partnership(user, agreement.partnership, edit=edit)
    return meeting, agreement
