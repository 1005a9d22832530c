"""The pledge page: it reads like the one-page promise, offers each reader the controls they
may use, refuses the police chief every change, tells another municipality nothing, and
takes the same number of queries however many promises it shows.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pledges.models import CitizenDialogue, Pledge, Promise
from tests.pledges.pledge_helpers import (
    PROMISES_2018,
    pledge_data,
    promise_data,
    snapshot,
    url,
)


@pytest.mark.django_db
def test_the_pledge_page_reads_like_the_one_page_promise(client, coordinator, pledge):
    client.force_login(coordinator)

    page = client.get(pledge.get_absolute_url()).content.decode()

    assert "Medborgarlöfte i Mjölby Kommun 2018" in page
    assert "Underlag: medarbetardialoger, medborgardialoger, statistik, intern kunskap" in page
    assert "Lägesbild" in page and "Järnvägsgatan, resecentrum i Mjölby" in page
    assert "så lovar kommunen och polisen att:" in page
    positions = [page.index(text) for text in PROMISES_2018]
    assert positions == sorted(positions)
    for responsible in ["Ansvar: Polisen", "Ansvar: Kommunen och polisen", "Ansvar: Kommunen"]:
        assert responsible in page
    assert "Resultatet kommer att följas upp och redovisas under 2018" in page
    assert pledge.dialogues.count() == 3
    for dialogue in pledge.dialogues.all():
        assert f'href="{dialogue.get_absolute_url()}"' in page
    assert "Hanna Sjögren" in page and "Cecilia W Burenby" in page


@pytest.mark.django_db
def test_a_signed_pledge_offers_its_editor_a_new_pledge_and_an_extension_but_no_changes(
    client, coordinator, pledge, draft
):
    client.force_login(coordinator)

    page = client.get(pledge.get_absolute_url()).content.decode()
    draft_page = client.get(draft.get_absolute_url()).content.decode()

    # Her draft offers the changes, so their absence below is not a renamed control.
    for change in ["Ändra uppgifter", "Lägg till löfte", "Ta bort utkastet"]:
        assert change in draft_page
    assert "Nytt medborgarlöfte för 2019 utifrån 2018" in page
    assert "Förläng oförändrat till 2019" in page
    assert "Historik" in page
    assert "Ändra uppgifter" not in page
    assert "Lägg till löfte" not in page
    assert "Ta bort utkastet" not in page
    assert url("edit", pledge.pk) not in page and url("promise_create", pledge.pk) not in page


@pytest.mark.django_db
def test_a_draft_offers_its_editor_every_change(client, coordinator, draft):
    second_joint_promise(draft)
    client.force_login(coordinator)

    page = client.get(draft.get_absolute_url()).content.decode()

    for action in [
        "Ändra uppgifter",
        "Lägg till löfte",
        "Flytta upp",
        "Ta bort utkastet",
        "Förläng oförändrat",
    ]:
        assert action in page
    assert 'hx-boost="true"' in page


def second_joint_promise(draft: Pledge) -> None:
    """Promises move within their group: a second joint one gives the draft a move."""
    Promise.objects.create(pledge=draft, position=4, text="Fler vandringar", responsible="joint")


EDIT_CONTROLS = [
    "Ändra",
    "Lägg till löfte",
    "Flytta upp",
    "Nytt medborgarlöfte",
    "Förläng",
    "Ta bort",
]


@pytest.mark.django_db
def test_the_police_chief_reads_the_pledge_without_edit_controls(
    client, coordinator, police_chief, draft
):
    second_joint_promise(draft)
    client.force_login(coordinator)
    coordinators_page = client.get(draft.get_absolute_url()).content.decode()
    client.force_login(police_chief)

    response = client.get(draft.get_absolute_url())

    page = response.content.decode()
    # The coordinator sees every one of the controls on the same draft.
    assert [c for c in EDIT_CONTROLS if c not in coordinators_page] == []
    assert url("edit", draft.pk) in coordinators_page
    assert response.status_code == 200
    assert "Medborgarlöfte i Mjölby Kommun 2019" in page
    assert all(promise in page for promise in PROMISES_2018)
    assert [c for c in EDIT_CONTROLS if c in page] == []
    assert url("edit", draft.pk) not in page


@pytest.mark.django_db
def test_the_police_chief_is_refused_every_change_and_nothing_changes(client, police_chief, draft):
    client.force_login(police_chief)
    before = snapshot(draft)
    promise = draft.promises.get(position=2)

    refused = [
        client.post(url("edit", draft.pk), pledge_data(draft, title="Polisens rubrik")),
        client.post(url("promise_create", draft.pk), promise_data("Polisens löfte")),
        client.post(url("promise_edit", promise.pk), promise_data("Ändrat av polisen")),
        client.post(url("promise_move", promise.pk), {"direction": "up"}),
        client.post(url("promise_delete", promise.pk)),
        client.post(
            url("copy", draft.pk),
            {"title": "Kopia", "period_start": "2019-01-01", "period_end": "2019-12-31"},
        ),
        client.post(url("extend", draft.pk), {"extended_to": "2019-12-31"}),
        client.post(url("delete", draft.pk)),
    ]

    assert [r.status_code for r in refused] == [403] * len(refused)
    assert snapshot(draft) == before
    assert Pledge.objects.count() == 2  # the signed 2018 pledge and this draft


@pytest.mark.django_db
def test_another_municipality_does_not_learn_that_the_pledge_exists(
    client, other_coordinator, draft
):
    client.force_login(other_coordinator)
    promise = draft.promises.first()
    before = snapshot(draft)

    responses = [
        client.get(url("detail", draft.pk)),
        client.get(url("history", draft.pk)),
        client.get(url("as_of", draft.pk), {"tid": timezone.now().isoformat()}),
        client.get(url("edit", draft.pk)),
        client.get(url("copy", draft.pk)),
        client.get(url("extend", draft.pk)),
        client.get(url("create", draft.partnership_id)),
        client.post(url("promise_edit", promise.pk), promise_data("Boxholms löfte")),
        client.post(url("promise_move", promise.pk), {"direction": "down"}),
        client.post(url("promise_delete", promise.pk)),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert snapshot(draft) == before


@pytest.mark.django_db
def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(client, pledge):
    response = client.get(pledge.get_absolute_url())

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_pledge_page_does_the_same_number_of_queries_however_many_promises(
    client, coordinator, draft, mjolby
):
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as three:
        client.get(draft.get_absolute_url())
    for position in range(4, 14):
        Promise.objects.create(
            pledge=draft, position=position, text=f"Löfte {position}", responsible="police"
        )
        draft.dialogues.add(
            CitizenDialogue.objects.create(partnership=mjolby, year=2017, town=f"Ort {position}")
        )

    with CaptureQueriesContext(connection) as thirteen:
        page = client.get(draft.get_absolute_url()).content.decode()

    assert "Löfte 13" in page and "Ort 13" in page
    assert len(thirteen) == len(three)
