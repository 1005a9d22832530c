"""Citizen dialogues: recorded, corrected and removed by the coordinator, read by the police."""

from datetime import date

import pytest
from django.urls import reverse

from pledges.models import CitizenDialogue, Pledge
from safety_partnership.concurrency import latest_version
from tests.conftest import make_partnership, year
from tests.pages import history_entries


def url(name: str, *args) -> str:
    return reverse(f"pledges:{name}", args=args)


def dialogue_data(**changes) -> dict:
    data = {
        "year": "2018",
        "held_on": "2018-05-03",
        "town": "Skänninge",
        "held_by": "Kommunpolisen och säkerhetssamordnaren",
        "raised": "Belysningen vid skolan.",
        "pledge": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def dialogue(mjolby) -> CitizenDialogue:
    return CitizenDialogue.objects.order_by("pk").first()


@pytest.mark.django_db
def test_the_dialogue_page_shows_what_it_is_and_the_pledge_it_lies_behind(
    client, coordinator, dialogue
):
    client.force_login(coordinator)

    page = client.get(dialogue.get_absolute_url()).content.decode()

    assert "Medborgardialog 2017, ort ej angiven" in page
    assert "Polisen och kommunen i samverkan" in page
    assert "Medborgarlöfte i Mjölby Kommun 2018" in page
    assert Pledge.objects.get().get_absolute_url() in page
    assert "Ändra" in page and "Ta bort" in page and "Historik" in page
    for name in ["dialogue_edit", "dialogue_delete", "dialogue_history"]:
        assert f'href="{url(name, dialogue.pk)}"' in page, name


@pytest.mark.django_db
def test_the_police_chief_reads_a_dialogue_but_may_not_change_it(client, police_chief, dialogue):
    client.force_login(police_chief)

    page = client.get(dialogue.get_absolute_url())
    refused = [
        client.get(url("dialogue_edit", dialogue.pk)),
        client.post(url("dialogue_edit", dialogue.pk), dialogue_data()),
        client.post(url("dialogue_delete", dialogue.pk)),
        client.post(url("dialogue_create", dialogue.partnership_id), dialogue_data()),
    ]

    text = page.content.decode()
    assert page.status_code == 200
    assert "Medborgardialog 2017, ort ej angiven" in text
    assert f'href="{url("dialogue_history", dialogue.pk)}"' in text
    assert "Ändra" not in text and "Ta bort" not in text
    assert url("dialogue_edit", dialogue.pk) not in text
    assert url("dialogue_delete", dialogue.pk) not in text
    assert [r.status_code for r in refused] == [403] * len(refused)
    dialogue.refresh_from_db()
    assert dialogue.town == "" and dialogue.year == 2017
    assert CitizenDialogue.objects.count() == 3


@pytest.mark.django_db
def test_another_municipality_does_not_learn_that_the_dialogue_exists(
    client, other_coordinator, dialogue
):
    client.force_login(other_coordinator)

    responses = [
        client.get(dialogue.get_absolute_url()),
        client.get(url("dialogue_history", dialogue.pk)),
        client.post(url("dialogue_edit", dialogue.pk), dialogue_data()),
        client.post(url("dialogue_delete", dialogue.pk)),
        client.post(url("dialogue_create", dialogue.partnership_id), dialogue_data()),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert CitizenDialogue.objects.count() == 3
    dialogue.refresh_from_db()
    assert dialogue.town == ""


@pytest.mark.django_db
def test_the_coordinator_records_a_dialogue_behind_the_pledge(client, coordinator, mjolby):
    client.force_login(coordinator)
    pledge = Pledge.objects.get()

    form = client.get(url("dialogue_create", mjolby.pk)).content.decode()
    response = client.post(url("dialogue_create", mjolby.pk), dialogue_data(pledge=pledge.pk))

    created = CitizenDialogue.objects.get(town="Skänninge")
    assert 'type="date"' in form
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert (created.year, created.held_on, created.pledge) == (2018, date(2018, 5, 3), pledge)
    page = client.get(created.get_absolute_url()).content.decode()
    assert "Medborgardialog 2018, Skänninge" in page and "3 maj 2018" in page
    assert "Belysningen vid skolan." in page
    assert (
        "Medborgardialog 2018, Skänninge" in client.get(pledge.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_a_date_outside_the_year_is_refused_in_swedish(client, coordinator, mjolby):
    client.force_login(coordinator)

    response = client.post(url("dialogue_create", mjolby.pk), dialogue_data(held_on="2017-11-20"))

    assert response.status_code == 200
    assert "Datumet ligger inte i det angivna året." in response.content.decode()
    assert CitizenDialogue.objects.count() == 3


@pytest.mark.django_db
def test_a_pledge_of_another_partnership_cannot_be_chosen(client, coordinator, mjolby):
    client.force_login(coordinator)
    start, end = year(2018)
    elsewhere = Pledge.objects.create(
        partnership=make_partnership(),
        title="Någon annans löfte",
        period_start=start,
        period_end=end,
    )

    form = client.get(url("dialogue_create", mjolby.pk)).content.decode()
    response = client.post(url("dialogue_create", mjolby.pk), dialogue_data(pledge=elsewhere.pk))

    assert "Medborgarlöfte i Mjölby Kommun 2018" in form  # Mjölby's own pledge is offered
    assert "Någon annans löfte" not in form
    assert "Välj ett giltigt alternativ." in response.content.decode()
    assert not CitizenDialogue.objects.filter(town="Skänninge").exists()


@pytest.mark.django_db
def test_a_dialogue_behind_the_signed_pledge_can_still_be_corrected(client, coordinator, dialogue):
    client.force_login(coordinator)

    response = client.post(
        url("dialogue_edit", dialogue.pk),
        dialogue_data(
            year="2017",
            held_on="2017-10-12",
            town="Mantorp",
            pledge=dialogue.pledge_id,
            version=latest_version(dialogue),
        ),
    )

    assert response.status_code == 302
    dialogue.refresh_from_db()
    assert (dialogue.town, dialogue.held_on) == ("Mantorp", date(2017, 10, 12))
    assert dialogue.pledge == Pledge.objects.get()


@pytest.mark.django_db
def test_a_stale_dialogue_edit_keeps_the_typed_text_and_overwrites_nothing(
    client, coordinator, dialogue
):
    client.force_login(coordinator)
    version = latest_version(dialogue)
    dialogue.town = "Väderstad"
    dialogue.save()

    response = client.post(
        url("dialogue_edit", dialogue.pk),
        dialogue_data(year="2017", held_on="", town="Mantorp", version=version),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "har sparat ändringar här" in page
    assert 'value="Mantorp"' in page
    dialogue.refresh_from_db()
    assert dialogue.town == "Väderstad"


@pytest.mark.django_db
def test_an_overlong_note_is_refused_and_nothing_is_saved(client, coordinator, mjolby):
    client.force_login(coordinator)

    response = client.post(url("dialogue_create", mjolby.pk), dialogue_data(raised="x" * 10_001))

    assert "som mest 10000 tecken" in response.content.decode()
    assert CitizenDialogue.objects.count() == 3


@pytest.mark.django_db
def test_deleting_a_dialogue_asks_first_and_leaves_the_pledge(
    client, coordinator, dialogue, mjolby
):
    client.force_login(coordinator)

    confirm = client.get(url("dialogue_delete", dialogue.pk))
    response = client.post(url("dialogue_delete", dialogue.pk))

    assert "Ta bort ”Medborgardialog 2017, ort ej angiven”?" in confirm.content.decode()
    assert CitizenDialogue.objects.filter(pk=dialogue.pk).exists() is False
    assert response.status_code == 302
    assert response["Location"] == mjolby.get_absolute_url()
    pledge = Pledge.objects.get()
    assert pledge.citizen_dialogues.count() == 2


@pytest.mark.django_db
def test_the_dialogue_history_names_who_changed_what(client, coordinator, dialogue):
    client.force_login(coordinator)
    client.post(
        url("dialogue_edit", dialogue.pk),
        dialogue_data(
            year="2017",
            held_on="",
            town="Mantorp",
            pledge=dialogue.pledge_id,
            version=latest_version(dialogue),
        ),
    )

    page = client.get(url("dialogue_history", dialogue.pk)).content.decode()

    assert history_entries(page) == [
        "Roger Max · Ändrad: Medborgardialogen Ort Mantorp "
        "Genomförd av Polisen och kommunen i samverkan → Kommunpolisen och säkerhetssamordnaren "
        "Det här togs upp Belysningen vid skolan.",
        "Systemet · Skapad: Medborgardialogen Anledning: Inläst från registrets grunddata",
    ]
