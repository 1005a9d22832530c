"""Every change is kept: who made it, why, and the whole plan as it was before."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, FocusArea, Measure
from tests.pages import history_entries, visible_text


def measures_of(area) -> list[str]:
    return [m.description for m in area.measures.order_by("position")]


@pytest.mark.django_db
def test_a_change_in_the_admin_is_attributed_to_the_user_who_made_it(draft_plan, superuser, client):
    measure = Measure.objects.get(focus_area__plan=draft_plan, description="Se över vegetation")
    client.force_login(superuser)

    response = client.post(
        f"/admin/actionplans/measure/{measure.pk}/change/",
        {
            "focus_area": measure.focus_area_id,
            "position": measure.position,
            "description": "Se över vegetation längs gång- och cykelvägar",
            "responsible": "municipality",
            "other_parties": "",
            "responsible_note": "",
        },
    )

    assert response.status_code == 302
    latest = measure.history.latest()
    assert latest.history_user == superuser
    assert latest.history_type == "~"
    assert latest.prev_record.description == "Se över vegetation"


@pytest.mark.django_db
def test_a_change_reason_is_kept_with_the_change(draft_plan):
    measure = Measure.objects.get(focus_area__plan=draft_plan, description="Nätverksarbete")
    measure.description = "Nätverksarbete med föreningslivet"
    measure._change_reason = "Justerat efter tertialuppföljningen"
    measure.save()

    assert measure.history.latest().history_change_reason == "Justerat efter tertialuppföljningen"


@pytest.mark.django_db
def test_the_plan_is_reconstructed_as_it_was_before_a_measure_changed(draft_plan):
    plan = draft_plan
    area = FocusArea.objects.get(plan=plan, title="Otrygghetsfaktorer i boendemiljön")
    as_loaded = measures_of(area)
    before = timezone.now()

    changed = area.measures.get(position=1)
    changed.description = "Se över vegetation vid resecentrum"
    changed.save()
    area.measures.get(position=4).delete()
    area.title = "Otrygghet i boendemiljön"
    area.save()

    then = plan.history.as_of(before)
    old_areas = list(then.focus_areas.order_by("position"))
    assert [a.title for a in old_areas][:2] == ["Trafikmiljön", "Otrygghetsfaktorer i boendemiljön"]
    assert measures_of(old_areas[1]) == as_loaded
    assert measures_of(old_areas[1])[0] == "Se över vegetation"
    # And the present is the changed plan.
    assert measures_of(area) == [
        "Se över vegetation vid resecentrum",
        "Kontinuerlig översyn av belysning",
        "Genomföra, följa upp samt återkoppla resultat från trygghetsvandringar",
    ]


@pytest.mark.django_db
def test_the_loaded_seed_has_a_starting_point_in_its_history(mjolby):
    plan = ActionPlan.objects.get()

    first = plan.history.earliest()
    assert first.history_type == "+"
    assert first.history_change_reason == "Inläst från registrets grunddata"
    assert Measure.history.filter(history_type="+").count() == Measure.objects.count()


@pytest.fixture
def edited_120_times(draft_plan):
    measure = Measure.objects.get(focus_area__plan=draft_plan, description="Nätverksarbete")
    for number in range(1, 121):
        measure.description = f"Nätverksarbete, version {number}"
        measure.save()
    return draft_plan


def history_page(client, plan, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("actionplans:history", args=[plan.pk]), params)
    assert response.status_code == 200
    return response.text, len(queries)


@pytest.mark.django_db
def test_a_long_history_is_read_fifty_changes_a_page(client, coordinator, edited_120_times):
    client.force_login(coordinator)
    first, first_queries = history_page(client, edited_120_times)
    third, third_queries = history_page(client, edited_120_times, sida=3)
    # The 120 edits, the copy that made the draft and what the copy marked for review.
    total = 100 + len(history_entries(third))
    assert 120 < total <= 150

    entries = history_entries(first)
    assert len(entries) == 50
    assert "version 120" in entries[0]
    assert f"Ändring 1–50 av {total}, sida 1 av 3." in visible_text(first)
    nav = re.search(
        r'<nav class="history-pages" aria-label="Sidor i historiken">(.*?)</nav>', first, re.S
    )
    assert nav and "Äldre ändringar" in nav.group(1) and "Nyare ändringar" not in nav.group(1)

    assert "Nyare ändringar" in third and "Äldre ändringar" not in third
    # Each page asks the same queries, whichever page it is.
    assert third_queries == first_queries


@pytest.mark.django_db
def test_the_pages_keep_the_filter(client, coordinator, edited_120_times):
    client.force_login(coordinator)
    page, _queries = history_page(client, edited_120_times, kind="andrad")
    assert "?kind=andrad&amp;sida=2" in page
