"""The one access check for cooperation agreements and their meetings."""

from django.shortcuts import get_object_or_404

from safety_partnership.access import Access, Need, check_partnership, require_reader

from .models import Agreement, AgreementGoal, Commitment, LeadershipMeeting

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


def get_goal_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[AgreementGoal, Agreement, Access]:
    """A goal is part of the agreement's content: checked on the agreement."""
    goal = get_object_or_404(AgreementGoal, pk=pk)
    return (goal, *get_agreement_for_user(user, goal.agreement_id, need))


def get_commitment_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[Commitment, Agreement, Access]:
    """A commitment is part of the agreement's content: checked on the agreement."""
    commitment = get_object_or_404(Commitment, pk=pk)
    return (commitment, *get_agreement_for_user(user, commitment.agreement_id, need))
