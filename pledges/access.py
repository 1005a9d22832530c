"""The one access check for citizen pledges, their promises and the citizen dialogues."""

from django.shortcuts import get_object_or_404

from safety_partnership.access import Access, check_partnership

from .models import CitizenDialogue, Pledge, Promise

PLEDGES = Pledge.objects.select_related(
    "partnership__municipality", "partnership__police_area", "copied_from"
)
DIALOGUES = CitizenDialogue.objects.select_related(
    "partnership__municipality", "partnership__police_area", "pledge"
)


def get_pledge_for_user(user, pk: int, *, edit: bool = False) -> tuple[Pledge, Access]:
    pledge = get_object_or_404(PLEDGES, pk=pk)
    access = check_partnership(user, pledge.partnership, edit=edit, document=pledge)
    return pledge, access


def get_promise_for_user(user, pk: int, *, edit: bool = False) -> tuple[Promise, Pledge, Access]:
    """The promise, its pledge and the user's access, checked on the pledge."""
    promise = get_object_or_404(Promise, pk=pk)
    return (promise, *get_pledge_for_user(user, promise.pledge_id, edit=edit))


def get_dialogue_for_user(user, pk: int, *, edit: bool = False) -> tuple[CitizenDialogue, Access]:
    """A citizen dialogue is a record, not a signed document: editors may always change it."""
    dialogue = get_object_or_404(DIALOGUES, pk=pk)
    access = check_partnership(user, dialogue.partnership, edit=edit)
    return dialogue, access
