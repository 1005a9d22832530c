from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from safety_partnership.access import may_change, require_editor
from safety_partnership.rows import RowKind
from safety_partnership.signing.views import signing_context

from .access import get_agreement_for_user, get_meeting_for_user
from .forms import LeadershipMeetingForm
from .models import LeadershipMeeting

TEMPLATE = "agreements/agreement_detail.html"


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, access = get_agreement_for_user(request.user, pk)
    context = {
        "agreement": agreement,
        "plans": list(agreement.action_plans.order_by("-period_start", "-revision")),
        "meetings": list(agreement.meetings.order_by("held_on")),
        **signing_context(request, agreement, access),
        "can_edit": may_change(access, agreement),
        "can_record": access.edit,
    }
    return render(request, TEMPLATE, context)


def agreement_as_parent(user, pk: int, need):
    """A meeting is recorded under the agreement; its page is the agreement's."""
    agreement, access = get_agreement_for_user(user, pk, need)
    return agreement, agreement, access


def show_meeting_form(request: HttpRequest, agreement, access, *, form, row, **_editing):
    context = {"form": form, "agreement": agreement, "meeting": row}
    return render(request, "agreements/meeting_form.html", context)


MEETING_DONE = {
    "created": _("Ledningsmötet är registrerat."),
    "changed": _("Ändringarna är sparade."),
    "deleted": _("Ledningsmötet är borttaget."),
}


def after_meeting(request: HttpRequest, agreement, access, meeting, action: str) -> HttpResponse:
    messages.success(request, MEETING_DONE[action])
    # At the meeting (focusable, tabindex="-1"), or at the list when it is gone.
    anchor = "moten" if action == "deleted" else f"mote-{meeting.pk}"
    return redirect(f"{agreement.get_absolute_url()}#{anchor}")


# A leadership meeting follows the agreement up: recorded while the agreement is signed.
MEETING = RowKind(
    name="meeting",
    model=LeadershipMeeting,
    form=LeadershipMeetingForm,
    parent_field="agreement",
    get_parent=agreement_as_parent,
    get_row=get_meeting_for_user,
    show_form=show_meeting_form,
    done=after_meeting,
    confirm_delete=lambda meeting: (
        _("ledningsmötet %s") % date_format(meeting.held_on, "j F Y"),
        _("Mötet tas bort ur registret. Det finns kvar i historiken."),
    ),
    need=require_editor,
    ordered=False,
)
