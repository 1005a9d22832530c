"""Pages run a fixed number of SQL queries, however many rows a document has (no N+1)."""

from datetime import date
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionPlan, Measure
from pledges.models import Pledge
from safety_partnership import kinds
from safety_partnership.services import copy_rows


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow_plan(plan: ActionPlan, times: int = 3) -> None:
    """Give the plan three times its focus areas and measures, each also changed once.

    A page that asked once per row would run more queries; three times is enough to see it.
    """
    areas = list(plan.focus_areas.order_by("position"))
    for copy_number in range(1, times):
        for area in areas:
            (new_area,) = copy_rows(rows=[area], position=area.position + 100 * copy_number)
            new_measures = copy_rows(rows=area.measures.all(), focus_area_id=new_area.pk)
            for measure in new_measures:
                measure.description += " (reviderad)"
                measure.save()


def grow_register(partnership, times: int = 3) -> None:
    """Three times the pledges and plans of the partnership."""
    pledge = Pledge.objects.get(partnership=partnership)
    plan = ActionPlan.objects.get()
    for year in range(2019, 2019 + times):
        (draft,) = copy_rows(
            rows=[pledge],
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            status="draft",
            title=f"Medborgarlöfte {year}",
        )
        for promise in copy_rows(rows=pledge.promises.all(), pledge_id=draft.pk):
            promise.text += "."
            promise.save()
        copy_rows(
            rows=[plan],
            period_start=date(year + 10, 1, 1),
            period_end=date(year + 10, 12, 31),
            status="draft",
            diary_number="",
        )


@pytest.mark.django_db
def test_the_plan_page_runs_the_same_queries_for_three_times_the_rows(
    client, coordinator, draft_plan
):
    client.force_login(coordinator)
    url = draft_plan.get_absolute_url()
    cache.clear()  # "Liknande samverkan" is looked up, not taken from the cache, both times
    small = queries_for(client, url)

    grow_plan(draft_plan)
    assert Measure.objects.filter(focus_area__plan=draft_plan).count() == 78

    cache.clear()
    assert queries_for(client, url) == small
    assert small <= 15


@pytest.mark.django_db
def test_the_history_page_runs_the_same_queries_for_three_times_the_rows(
    client, coordinator, draft_plan
):
    client.force_login(coordinator)
    url = f"/handlingsplaner/{draft_plan.pk}/historik/"
    small = queries_for(client, url)

    grow_plan(draft_plan)

    assert queries_for(client, url) == small
    assert small <= 15


@pytest.mark.django_db
def test_the_filtered_history_page_runs_the_same_queries_as_the_whole_one(
    client, coordinator, draft_plan
):
    client.force_login(coordinator)
    url = f"/handlingsplaner/{draft_plan.pk}/historik/"
    filtered = f"{url}?person=systemet&kind=andrad&since=2020-01-01&until=2099-12-31"
    whole = queries_for(client, url)

    assert queries_for(client, filtered) == whole
    grow_plan(draft_plan)
    assert queries_for(client, filtered) == whole
    assert queries_for(client, f"{url}?since=inte-ett-datum") == whole


@pytest.mark.django_db
def test_the_plan_as_it_was_runs_the_same_queries_for_three_times_the_rows(
    client, coordinator, draft_plan
):
    client.force_login(coordinator)

    def as_of_latest_change() -> str:
        moment = quote(Measure.history.latest().history_date.isoformat())
        return f"/handlingsplaner/{draft_plan.pk}/som-den-var/?tid={moment}"

    small = queries_for(client, as_of_latest_change())

    grow_plan(draft_plan)

    assert queries_for(client, as_of_latest_change()) == small


@pytest.mark.django_db
def test_the_dashboard_runs_the_same_queries_for_three_times_the_documents(
    client, coordinator, mjolby
):
    client.force_login(coordinator)
    small = queries_for(client, "/")

    grow_register(mjolby)

    assert queries_for(client, "/") == small
    # A fixed number for the page, two for each kind of document (its documents, their
    # signatures) and one for the changes of each kind of document and of each of its rows,
    # and what is due in the follow-up: at most six, for all partnerships (followup/due.py:
    # signed plans in effect, their measures, reports, compilations, the people, pledges),
    # and the law's checklist: at most six more (law/checklist.py: signed plans and pledges
    # with their signatures, council decisions, coordinators).
    changes = sum(1 + len(kind.row_changes) for kind in kinds.all_kinds())
    assert small <= 7 + 2 * len(kinds.all_kinds()) + changes + 6 + 6


@pytest.mark.django_db
def test_the_case_page_and_extract_run_the_same_queries_for_three_times_the_paragraphs(
    client, coordinator
):
    from safety_partnership.council.pdf import case_html
    from safety_partnership.models import CouncilCase, MinutesParagraph

    case = CouncilCase.objects.get(diary_number="KS/2017:359")

    def add_adjusted_paragraph(number: int) -> None:
        paragraph = MinutesParagraph.objects.create(
            case=case,
            body="ks",
            number=number,
            meeting_date=date(2018, 1, number),
            outcome="decision",
            decision="Antas.",
        )
        paragraph.recipients.create(position=1, name="Akten")
        paragraph.adjusters, paragraph.certified_by = "Mats Gerdau", "Registrator"
        paragraph.adjusted_on = paragraph.certified_on = paragraph.meeting_date
        paragraph.save()

    add_adjusted_paragraph(1)
    client.force_login(coordinator)

    def counted() -> tuple[int, int]:
        fresh = CouncilCase.objects.get(pk=case.pk)
        with CaptureQueriesContext(connection) as queries:
            case_html(fresh)
        return queries_for(client, case.get_absolute_url()), len(queries)

    small = counted()
    for number in (2, 3, 4, 5):
        add_adjusted_paragraph(number)

    assert counted() == small
