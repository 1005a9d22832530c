from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from safety_partnership.access import may_change, require_editor
from safety_partnership.rows import RowKind
from safety_partnership.signing.views import signing_context

from .access import (
    get_agreement_for_user,
    get_commitment_for_user,
    get_goal_for_user,
    get_meeting_for_user,
)
from .forms import CommitmentForm, GoalForm, LeadershipMeetingForm
from .kind import agreement_rows, with_followed_up
from .models import AgreementGoal, Commitment, LeadershipMeeting

TEMPLATE = "agreements/agreement_detail.html"


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, access = get_agreement_for_user(request.user, pk)
    context = {
        "agreement": agreement,
        "plans": list(agreement.action_plans.order_by("-period_start", "-revision")),
        "meetings": with_followed_up(list(agreement.meetings.order_by("held_on"))),
        **agreement_rows(agreement),
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


def show_row_form(heading):
    def show(request: HttpRequest, agreement, access, *, form, row, **_editing):
        context = {"form": form, "agreement": agreement, "row": row, "heading": heading(row)}
        return render(request, "agreements/row_form.html", context)

    return show


def after_row(request: HttpRequest, agreement, access, row, action: str) -> HttpResponse:
    """Back to the agreement's page, at the row (or its list, after a delete)."""
    if action == "deleted":
        messages.success(request, _("Raden är borttagen. Den finns kvar i historiken."))
        return redirect(f"{agreement.get_absolute_url()}#innehall")
    return redirect(f"{agreement.get_absolute_url()}#{row.anchor}")


# Goals and commitments are the agreement's content: changed only while it is a draft.
GOAL = RowKind(
    name="goal",
    model=AgreementGoal,
    form=GoalForm,
    parent_field="agreement",
    get_parent=agreement_as_parent,
    get_row=get_goal_for_user,
    show_form=show_row_form(lambda row: _("Nytt mål") if row is None else _("Ändra målet")),
    done=after_row,
    confirm_delete=lambda goal: (
        _("målet ”%s”") % goal,
        _("Målet tas bort ur överenskommelsen. Det finns kvar i historiken."),
    ),
)

COMMITMENT = RowKind(
    name="commitment",
    model=Commitment,
    form=CommitmentForm,
    parent_field="agreement",
    get_parent=agreement_as_parent,
    get_row=get_commitment_for_user,
    show_form=show_row_form(
        lambda row: _("Nytt åtagande") if row is None else _("Ändra åtagandet")
    ),
    done=after_row,
    confirm_delete=lambda commitment: (
        _("åtagandet ”%s”") % commitment,
        _("Åtagandet tas bort ur överenskommelsen. Det finns kvar i historiken."),
    ),
)
