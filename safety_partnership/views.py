from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import followups
from .access import check_partnership, partnership_access, partnerships_for
from .dashboard import (
    awaiting,
    cases_by_municipality,
    recent_changes,
    recently_signed,
    with_documents,
)
from .models import Partnership


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    partnerships = with_documents(partnerships_for(request.user))
    cases = cases_by_municipality(partnerships)
    due = followups.collect(request.user, partnerships, timezone.now())
    overviews = followups.overview_panels(partnerships, timezone.localdate())
    to_sign, waiting = awaiting(request.user, partnerships)
    # Her own first: what she is to sign, then her part of the follow-up.
    mine = [
        followups.Todo(f"{task.text}: {task.document.title}", task.document.get_absolute_url())
        for task in to_sign
    ] + due.mine
    for partnership in partnerships:
        partnership.cases = cases.get(partnership.municipality_id, [])
        partnership.can_edit = partnership_access(request.user, partnership).edit
        partnership.followup_panels = due.panels.get(partnership.pk, [])
        partnership.overview_panels = overviews.get(partnership.pk, [])
    return render(
        request,
        "dashboard.html",
        {
            "person": getattr(request.user, "person", None),
            "partnerships": partnerships,
            "changes": recent_changes(partnerships),
            "todo": mine,
            "tasks": waiting,
            "recently_signed": recently_signed(partnerships),
        },
    )


@login_required
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.all(), pk=pk)
    access = check_partnership(request.user, partnership)
    (partnership,) = with_documents(
        Partnership.objects.filter(pk=pk).select_related("municipality", "police_area")
    )
    partnership.cases = cases_by_municipality([partnership]).get(partnership.municipality_id, [])
    partnership.can_edit = access.edit
    overviews = followups.overview_panels([partnership], timezone.localdate())
    partnership.overview_panels = overviews.get(partnership.pk, [])
    return render(request, "partnership_detail.html", {"partnership": partnership})
