"""Saving many rows of one document reads the document's status once, and still refuses
every row of a signed one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionPlan, Measure
from safety_partnership.models import DocumentStatus, FrozenDocument
from safety_partnership.models.documents import rows_of_one_write
from safety_partnership.services import copy_document


def selects_while_adding(area, count: int) -> int:
    start = area.measures.count()
    with CaptureQueriesContext(connection) as queries, rows_of_one_write():
        for number in range(count):
            Measure(
                focus_area_id=area.pk, position=start + number + 1, description=f"Åtgärd {number}"
            ).save()
    return sum(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)


@pytest.mark.django_db
def test_adding_ten_rows_to_a_draft_reads_no_more_than_adding_one(draft_plan):
    area = draft_plan.focus_areas.first()
    assert selects_while_adding(area, 10) == selects_while_adding(area, 1)
    assert area.measures.filter(description="Åtgärd 9").exists()


@pytest.mark.django_db
def test_updating_rows_reads_each_stored_row_but_the_document_once(draft_plan):
    measures = list(Measure.objects.filter(focus_area__plan=draft_plan))
    with CaptureQueriesContext(connection) as queries, rows_of_one_write():
        for measure in measures:
            measure.description += " (reviderad)"
            measure.save()
    guard = [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and "reviewmark" not in q["sql"]
    ]
    # One read of each stored row (was it moved?), of each focus area's plan and of the
    # plan's status.
    areas = draft_plan.focus_areas.count()
    assert len(guard) == len(measures) + areas + 1


@pytest.mark.django_db
def test_a_signed_documents_rows_are_still_refused_inside(mjolby):
    signed = ActionPlan.objects.get()
    area = signed.focus_areas.first()
    with rows_of_one_write(), pytest.raises(FrozenDocument, match="är undertecknad"):
        Measure(focus_area_id=area.pk, position=99, description="Smygtillägg").save()


@pytest.mark.django_db
def test_a_draft_signed_inside_is_refused_from_then_on(draft_plan):
    area = draft_plan.focus_areas.first()
    with rows_of_one_write():
        Measure(focus_area_id=area.pk, position=98, description="Före").save()
        draft_plan.status = DocumentStatus.SIGNED
        draft_plan.save()
        with pytest.raises(FrozenDocument):
            Measure(focus_area_id=area.pk, position=99, description="Efter").save()


@pytest.mark.django_db
def test_a_row_moved_out_of_a_signed_document_is_refused_inside(mjolby, draft_plan):
    signed_measure = Measure.objects.filter(focus_area__plan__status="signed").first()
    signed_measure.focus_area = draft_plan.focus_areas.first()
    with rows_of_one_write(), pytest.raises(FrozenDocument):
        signed_measure.save()


@pytest.mark.django_db
def test_copying_a_plan_reads_its_status_once_not_for_each_row(mjolby):
    signed = ActionPlan.objects.get()
    with CaptureQueriesContext(connection) as queries:
        copy_document(original=signed, title="Handlingsplan för 2021-2023")
    rows = Measure.objects.filter(focus_area__plan__title="Handlingsplan för 2021-2023").count()
    assert rows == 26
    selects = sum(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)
    assert selects < rows
