"""The one access check for cooperation agreements and their meetings."""

from django.shortcuts import get_object_or_404

from safety_partnership.access import Access, Need, check_partnership, require_reader

from .models import Agreement, LeadershipMeeting

AGREEMENTS = Agreement.objects.select_related(
    "partnership__municipality", "partnership__police_area", "copied_from"
)


def get_agreement_for_user(user, pk: int, need: Need = require_reader) -> tuple[Agreement, Access]:
    agreement = get_object_or_404(AGREEMENTS, pk=pk)
    return agreement, check_partnership(user, agreement.partnership, need, agreement)


def get_meeting_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[LeadershipMeeting, Agreement, Access]:
    """A leadership meeting records the agreement's follow-up, so it may be recorded
    while the agreement itself is signed and frozen (need: require_editor, not draft)."""
    meeting = get_object_or_404(LeadershipMeeting, pk=pk)
    agreement, access = get_agreement_for_user(user, meeting.agreement_id, need)
    return meeting, agreement, access
