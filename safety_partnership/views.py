from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import followups, kinds
from .access import active_person, check_partnership, partnership_access, partnerships_for
from .dashboard import (
    awaiting,
    awaiting_signature_of,
    cases_by_municipality,
    newest_documents,
    recent_changes,
    recently_signed,
    summary,
    with_documents,
)
from .kinds import Task
from .models import Partnership

# A coordinator's partnerships, with all that waits in them, this many at a time.
PARTNERSHIPS_PER_PAGE = 10
# A superuser reads the country's 290 municipalities, a police area chief several: they get
# a summary of all of them and a table of this many partnerships at a time.
ROWS_PER_PAGE = 20


def reads_widely(user) -> bool:
    """A superuser or a police area's people, who read more than one municipality's
    partnerships, see them summed up first."""
    person = active_person(user)
    return user.is_superuser or (person is not None and person.municipality_id is None)


def signing_todos(tasks: list[Task]) -> list[followups.Todo]:
    """The documents awaiting the user's signature, as her own to-dos."""
    return [
        followups.Todo(f"{task.text}: {task.document.title}", task.document.get_absolute_url())
        for task in tasks
    ]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    readable = partnerships_for(request.user)
    if reads_widely(request.user):
        return wide_dashboard(request, readable)
    page = Paginator(readable, PARTNERSHIPS_PER_PAGE).get_page(request.GET.get("sida"))
    # What is due, waits and was signed: from the partnerships on the page, loaded once.
    partnerships = with_documents(cast("QuerySet[Partnership]", page.object_list))
    cases = cases_by_municipality(partnerships)
    due = followups.collect(request.user, partnerships, timezone.now())
    overviews = followups.overview_panels(partnerships, timezone.localdate())
    to_sign, waiting = awaiting(request.user, partnerships)
    # Her own first: what she is to sign, then her part of the follow-up.
    mine = signing_todos(to_sign) + due.mine
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
            "page": page,
            "changes": recent_changes(None if request.user.is_superuser else readable),
            "todo": mine,
            "tasks": waiting,
            "recently_signed": recently_signed(partnerships),
        },
    )


def wide_dashboard(request: HttpRequest, readable: QuerySet[Partnership]) -> HttpResponse:
    """For one who reads many partnerships: what is hers to do, the documents counted, the
    latest changes, and a table with each partnership's newest documents, a page at a time.
    What waits in a partnership and the law's checklist are on its own page."""
    page = Paginator(readable, ROWS_PER_PAGE).get_page(request.GET.get("sida"))
    partnerships = list(page.object_list)
    person = active_person(request.user)
    # Her part of the follow-up (a police area's people report too); one without a person
    # has nothing of her own.
    due = followups.collect(request.user, partnerships, timezone.now()) if person else None
    mine = signing_todos(awaiting_signature_of(person, readable)) + (due.mine if due else [])
    return render(
        request,
        "dashboard_wide.html",
        {
            "person": getattr(request.user, "person", None),
            "page": page,
            "kinds": kinds.all_kinds(),
            "rows": newest_documents(partnerships),
            "summary": summary(readable),
            "changes": recent_changes(None if request.user.is_superuser else readable),
            "todo": mine,
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
    # What is due in it: the dashboard of one who reads many partnerships leaves it here.
    due = followups.collect(request.user, [partnership], timezone.now())
    partnership.followup_panels = due.panels.get(partnership.pk, [])
    return render(request, "partnership_detail.html", {"partnership": partnership})
