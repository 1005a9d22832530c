"""One address for signing every kind of kept follow-up report (signing.py): read access is
the report's own (the plan's or the pledge's), signing is its signatories'."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans.access import get_plan_for_user
from pledges.access import get_pledge_for_user
from pledges.models import PledgeReport
from safety_partnership.access import active_person

from . import signing
from .signing import KINDS, Report


def readable_report(user, kind: str, pk: int) -> Report:
    """The report the address names, if the user may read what it follows up."""
    model = KINDS.get(kind)
    if model is None:
        raise Http404(_("Det finns ingen sådan rapport."))
    report = get_object_or_404(model, pk=pk)
    if isinstance(report, PledgeReport):
        get_pledge_for_user(user, report.pledge_id)
    else:
        get_plan_for_user(user, report.plan_id)  # type: ignore[attr-defined]
    return report  # type: ignore[return-value]


@login_required
@require_POST
def sign_report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    report = readable_report(request.user, kind, pk)
    page = signing.page_of(report)
    person = active_person(request.user)
    if person is not None and signing.signatures_of(report).filter(person=person).exists():
        messages.info(request, _("Du har redan skrivit under rapporten."))
        return redirect(page)
    try:
        signing.sign(
            report,
            request.user,
            request.POST.get("password", ""),
            request.POST.get("code", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(page)
    messages.success(request, _("Du har skrivit under rapporten."))
    return redirect(page)
