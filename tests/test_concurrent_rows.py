"""Two people working on the same table at the same moment: nobody's work is lost, nobody
sees a server error, and a save that cannot show which version it started from is refused.

The two requests run in two threads with their own database connections against a
committed database, on SQLite (a file, as in production) and on PostgreSQL alike.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from actionplans.models import Measure
from pledges.models import Promise
from safety_partnership.concurrency import latest_version


def post_at_the_same_moment(user, url: str, forms: list[dict]) -> list[tuple[int, str]]:
    """POST each form from its own thread, all released together; (status, page) each."""
    barrier = threading.Barrier(len(forms))
    results: list[tuple[int, str]] = []

    def post(data: dict) -> None:
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            response = client.post(url, data)
            results.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(data,)) for data in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def measure(text: str) -> dict:
    return {
        "description": text,
        "responsible": "joint",
        "other_parties": "",
        "responsible_note": "",
    }


@pytest.mark.django_db(transaction=True)
def test_two_measures_added_at_once_both_land_in_distinct_positions(coordinator, draft_plan):
    area = draft_plan.focus_areas.order_by("position").first()
    before = area.measures.count()
    url = reverse("actionplans:measure_create", args=[area.pk])

    results = post_at_the_same_moment(
        coordinator,
        url,
        [measure("Kameraövervakning vid resecentrum"), measure("Fler cykelbommar")],
    )

    assert sorted(status for status, _page in results) == [302, 302]
    positions = list(Measure.objects.filter(focus_area=area).values_list("position", flat=True))
    assert len(positions) == before + 2 == len(set(positions))
    added = set(
        Measure.objects.filter(focus_area=area, position__gt=before).values_list(
            "description", flat=True
        )
    )
    assert added == {"Kameraövervakning vid resecentrum", "Fler cykelbommar"}


@pytest.mark.django_db(transaction=True)
def test_two_edits_of_one_promise_at_once_keep_one_and_tell_the_other(coordinator, draft_pledge):
    promise = draft_pledge.promises.order_by("position").first()
    opened = latest_version(promise)
    url = reverse("pledges:promise_edit", args=[promise.pk])
    forms = [
        {
            "text": text,
            "responsible": "joint",
            "other_parties": "",
            "responsible_note": "",
            "version": opened,
        }
        for text in ("Polisen patrullerar på fredagar", "Polisen patrullerar på lördagar")
    ]

    results = post_at_the_same_moment(coordinator, url, forms)

    statuses = sorted(status for status, _page in results)
    assert statuses == [200, 302]
    refused = next(page for status, page in results if status == 200)
    assert "har sparat ändringar här" in refused and "Det du skrev är inte sparat." in refused
    promise.refresh_from_db()
    texts = {"Polisen patrullerar på fredagar", "Polisen patrullerar på lördagar"}
    assert promise.text in texts
    (not_saved,) = texts - {promise.text}
    assert not_saved in refused  # what the other typed is still in the form
    assert Promise.objects.filter(pledge=draft_pledge).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("version", [None, ""], ids=["missing", "empty"])
def test_a_save_that_does_not_say_its_version_is_refused_like_a_conflict(
    client, coordinator, draft_pledge, version
):
    promise = draft_pledge.promises.order_by("position").first()
    client.force_login(coordinator)
    data = {
        "text": "Skrivet över utan att se",
        "responsible": "joint",
        "other_parties": "",
        "responsible_note": "",
    }
    if version is not None:
        data["version"] = version

    response = client.post(reverse("pledges:promise_edit", args=[promise.pk]), data)

    assert response.status_code == 200
    assert "Det du skrev är inte sparat." in response.text
    assert "Skrivet över utan att se" in response.text  # what was typed is kept in the form
    promise.refresh_from_db()
    assert promise.text == "Polisen utför fotpatrullering i området"
