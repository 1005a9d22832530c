"""A pledge's history: who changed a promise, and the pledge as it was at a given moment."""

import pytest
from django.utils import timezone

from safety_partnership.concurrency import latest_version
from tests.pages import history_entries
from tests.pledges.pledge_helpers import PROMISES_2018, promise_data, url


@pytest.mark.django_db
def test_the_history_lists_a_promise_change_with_the_name_of_who_made_it(
    client, coordinator, draft
):
    client.force_login(coordinator)
    promise = draft.promises.get(position=1)
    client.post(
        url("promise_edit", promise.pk),
        promise_data("Polisen patrullerar till fots", "police", version=latest_version(promise)),
    )

    page = client.get(url("history", draft.pk)).content.decode()

    assert history_entries(page)[0] == (
        "Roger Max · Ett löfte ändrat: Polisen patrullerar till fots "
        "Löfte Polisen utför fotpatrullering i området → Polisen patrullerar till fots"
    )
    assert "<del>Polisen utför fotpatrullering i området</del>" in page


@pytest.mark.django_db
def test_the_pledge_can_be_read_as_it_was_before_a_promise_changed(
    client, coordinator, police_chief, draft
):
    before = timezone.now()
    promise = draft.promises.get(position=1)
    promise.text = "Ändrat efteråt"
    promise.save()
    draft.promises.get(position=3).delete()
    client.force_login(police_chief)

    response = client.get(url("as_of", draft.pk), {"tid": before.isoformat()})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Så här såg dokumentet ut" in page
    for text in PROMISES_2018:
        assert text in page
    assert "Ändrat efteråt" not in page
    # Not even the coordinator, who edits the draft as it is, may edit it as it was.
    client.force_login(coordinator)
    now = client.get(draft.get_absolute_url()).content.decode()
    then = client.get(url("as_of", draft.pk), {"tid": before.isoformat()}).content.decode()
    assert "Lägg till löfte" in now and 'hx-boost="true"' in now
    assert "Så här såg dokumentet ut" in then
    assert "Lägg till löfte" not in then and "hx-boost" not in then


@pytest.mark.django_db
def test_an_invalid_moment_is_refused_in_swedish(client, coordinator, pledge):
    client.force_login(coordinator)

    response = client.get(url("as_of", pledge.pk), {"tid": "igår"})

    assert response.status_code == 400
    assert "”igår” är ingen tidpunkt registret kan visa dokumentet vid." in response.text
