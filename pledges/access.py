"""The one access check for citizen pledges, their promises and the citizen dialogues."""

from django.shortcuts import get_object_or_404

from safety_partnership.access import Access, Need, check_partnership, require_reader

from .models import CitizenDialogue, DialogueLocked, Pledge, Promise, PromisePoint, Target

PLEDGES = Pledge.objects.select_related(
    "partnership__municipality", "partnership__police_area", "copied_from"
)
DIALOGUES = CitizenDialogue.objects.select_related(
    "partnership__municipality", "partnership__police_area"
)


def get_pledge_for_user(user, pk: int, need: Need = require_reader) -> tuple[Pledge, Access]:
    pledge = get_object_or_404(PLEDGES, pk=pk)
    return pledge, check_partnership(user, pledge.partnership, need, pledge)


def get_promise_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[Promise, Pledge, Access]:
    """The promise, its pledge and the user's access, checked on the pledge."""
    promise = get_object_or_404(Promise, pk=pk)
    return (promise, *get_pledge_for_user(user, promise.pledge_id, need))


def get_point_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[PromisePoint, Pledge, Access]:
    """A point under a promise, its pledge and the user's access, checked on the pledge."""
    point = get_object_or_404(PromisePoint.objects.select_related("promise"), pk=pk)
    return (point, *get_pledge_for_user(user, point.promise.pledge_id, need))


def get_target_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[Target, Pledge, Access]:
    """A measurable target, its pledge and the user's access, checked on the pledge."""
    target = get_object_or_404(Target, pk=pk)
    return (target, *get_pledge_for_user(user, target.pledge_id, need))


def get_dialogue_for_user(
    user, pk: int, need: Need = require_reader
) -> tuple[CitizenDialogue, Access]:
    """A citizen dialogue is a record of its own, read and edited like the partnership's
    documents. Once a pledge resting on it is locked, so is the dialogue: the views that
    change it ask `require_unlocked_dialogue` too."""
    dialogue = get_object_or_404(DIALOGUES, pk=pk)
    return dialogue, check_partnership(user, dialogue.partnership, need)


def require_unlocked_dialogue(dialogue: CitizenDialogue) -> None:
    """What a pledge awaiting signatures or signed rests on stays as it was signed (403)."""
    if (pledge := dialogue.document_of_row()) is not None:
        raise DialogueLocked(pledge)
