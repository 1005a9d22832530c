from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safety_partnership.access import check_partnership
from safety_partnership.editing import delete_document
from safety_partnership.models import Partnership
from safety_partnership.signing.views import signing_context

from .access import get_agreement_for_user, get_meeting_for_user
from .forms import AgreementForm, LeadershipMeetingForm
from .models import Agreement

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
    check_partnership(request.user, partnership, edit=True)
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
    agreement, _access = get_agreement_for_user(request.user, pk, edit=True)
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
    agreement, _access = get_agreement_for_user(request.user, pk, edit=True)
    return delete_document(request, agreement, agreement.partnership)


@login_required
def meeting_create(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    agreement, access = get_agreement_for_user(request.user, agreement_pk)
    check_partnership(request.user, agreement.partnership, edit=True)
    form = LeadershipMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.agreement = agreement
        form.save()
        messages.success(request, _("Ledningsmötet är registrerat."))
        return redirect(agreement)
    return render(
        request,
        "agreements/meeting_form.html",
        {"form": form, "agreement": agreement, "meeting": None},
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, agreement = get_meeting_for_user(request.user, pk, edit=True)
    form = LeadershipMeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(agreement)
    return render(
        request,
        "agreements/meeting_form.html",
        {"form": form, "agreement": agreement, "meeting": meeting},
    )


@login_required
@require_POST
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, agreement = get_meeting_for_user(request.user, pk, edit=True)
    meeting.delete()
    messages.success(request, _("Ledningsmötet är borttaget."))
    return redirect(agreement)
