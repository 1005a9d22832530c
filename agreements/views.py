from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from safety_partnership.access import check_partnership, require_draft, require_editor
from safety_partnership.editing import delete_document
from safety_partnership.models import Partnership
from safety_partnership.rows import RowKind
from safety_partnership.signing.views import signing_context

from .access import get_agreement_for_user, get_meeting_for_user
from .forms import AgreementForm, LeadershipMeetingForm
from .models import Agreement, LeadershipMeeting

TEMPLATE = "agreements/agreement_detail.html"


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, access = get_agreement_for_user(request.user, pk)
    context = {
        "agreement": agreement,
        "plans": list(agreement.action_plans.order_by("-period_start", "-revision")),
        "meetings": list(agreement.meetings.order_by("held_on")),
        **signing_context(request, agreement, access),
        "can_edit": access.edit and agreement.is_draft,
        "can_record": access.edit,
    }
    return render(request, TEMPLATE, context)


@login_required
def agreement_create(request: HttpRequest, partnership_pk: int) -> HttpResponse:
    partnership = get_object_or_404(
        Partnership.objects.select_related("municipality", "police_area"), pk=partnership_pk
    )
    check_partnership(request.user, partnership, require_editor)
    form = AgreementForm(request.POST or None, instance=Agreement(partnership=partnership))
    if request.method == "POST" and form.is_valid():
        agreement = form.save()
        messages.success(request, _("Överenskommelsen är skapad."))
        return redirect(agreement)
    return render(
        request,
        "agreements/agreement_form.html",
        {"form": form, "partnership": partnership, "agreement": None},
    )


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, _access = get_agreement_for_user(request.user, pk, require_draft)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(agreement)
    return render(
        request,
        "agreements/agreement_form.html",
        {"form": form, "partnership": agreement.partnership, "agreement": agreement},
    )


@login_required
def agreement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, _access = get_agreement_for_user(request.user, pk, require_draft)
    return delete_document(request, agreement, agreement.partnership)


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
    return redirect(agreement)


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
