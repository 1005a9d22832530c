"""Citizen dialogues: recorded, corrected and removed by the coordinator, read by the police;
once a pledge that rests on one awaits signatures or is signed, the dialogue stays as signed."""

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
    }
    data.update(changes)
    return data


@pytest.fixture
def dialogue(mjolby) -> CitizenDialogue:
    """One of the three 2017 dialogues the signed 2018 pledge rests on."""
    return CitizenDialogue.objects.order_by("pk").first()


@pytest.fixture
def loose(mjolby) -> CitizenDialogue:
    """A 2018 dialogue that no pledge rests on yet, so that it may be changed."""
    return CitizenDialogue.objects.create(
        partnership=mjolby, year=2018, town="Väderstad", held_by="Polisen och kommunen i samverkan"
    )


@pytest.mark.django_db
def test_the_dialogue_page_shows_what_it_is_and_the_pledge_it_lies_behind(
    client, coordinator, dialogue
):
    client.force_login(coordinator)

    page = client.get(dialogue.get_absolute_url()).content.decode()

    assert "Medborgardialog 2017 nr 1" in page
    assert "Polisen och kommunen i samverkan" in page
    assert "Medborgarlöfte i Mjölby Kommun 2018" in page
    assert Pledge.objects.get().get_absolute_url() in page
    assert "Historik" in page and f'href="{url("dialogue_history", dialogue.pk)}"' in page
    # The signed pledge rests on it: it is not offered for change, and the page says why.
    assert "hör till det som undertecknas i ”Medborgarlöfte i Mjölby Kommun 2018”" in page
    assert url("dialogue_edit", dialogue.pk) not in page
    assert url("dialogue_delete", dialogue.pk) not in page


@pytest.mark.django_db
def test_a_dialogue_no_signed_pledge_rests_on_offers_its_changes(client, coordinator, loose):
    client.force_login(coordinator)

    page = client.get(loose.get_absolute_url()).content.decode()

    assert "Medborgardialog 2018, Väderstad" in page and "inget medborgarlöfte ännu" in page
    assert "Ändra" in page and "Ta bort" in page and "Historik" in page
    for name in ["dialogue_edit", "dialogue_delete", "dialogue_history"]:
        assert f'href="{url(name, loose.pk)}"' in page, name


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
    assert "Medborgardialog 2017 nr 1" in text
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
def test_the_coordinator_records_a_dialogue_behind_a_draft_pledge(
    client, coordinator, mjolby, draft_pledge
):
    client.force_login(coordinator)

    form = client.get(url("dialogue_create", mjolby.pk)).content.decode()
    response = client.post(
        url("dialogue_create", mjolby.pk), dialogue_data(pledges=[draft_pledge.pk])
    )

    created = CitizenDialogue.objects.get(town="Skänninge")
    assert 'type="date"' in form
    assert "Medborgarlöfte i Mjölby Kommun 2019" in form
    assert "Medborgarlöfte i Mjölby Kommun 2018" not in form  # signed: gains no dialogue
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert (created.year, created.held_on) == (2018, date(2018, 5, 3))
    assert list(created.pledges.all()) == [draft_pledge]
    page = client.get(created.get_absolute_url()).content.decode()
    assert "Medborgardialog 3 maj 2018, Skänninge" in page
    assert "Belysningen vid skolan." in page
    assert "Medborgardialog 3 maj 2018, Skänninge" in (
        client.get(draft_pledge.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_the_signed_pledge_cannot_gain_a_dialogue_from_the_dialogue_form(
    client, coordinator, mjolby
):
    client.force_login(coordinator)
    signed = Pledge.objects.get()

    response = client.post(url("dialogue_create", mjolby.pk), dialogue_data(pledges=[signed.pk]))

    assert "Välj ett giltigt alternativ." in response.content.decode()
    assert not CitizenDialogue.objects.filter(town="Skänninge").exists()
    assert signed.dialogues.count() == 3


@pytest.mark.django_db
def test_a_date_outside_the_year_is_refused_in_swedish(client, coordinator, mjolby):
    client.force_login(coordinator)

    response = client.post(url("dialogue_create", mjolby.pk), dialogue_data(held_on="2017-11-20"))

    assert response.status_code == 200
    assert "Datumet ligger inte i det angivna året." in response.content.decode()
    assert CitizenDialogue.objects.count() == 3


@pytest.mark.django_db
def test_a_pledge_of_another_partnership_cannot_be_chosen(
    client, coordinator, mjolby, draft_pledge
):
    client.force_login(coordinator)
    start, end = year(2018)
    elsewhere = Pledge.objects.create(
        partnership=make_partnership(),
        title="Någon annans löfte",
        period_start=start,
        period_end=end,
    )

    form = client.get(url("dialogue_create", mjolby.pk)).content.decode()
    response = client.post(url("dialogue_create", mjolby.pk), dialogue_data(pledges=[elsewhere.pk]))

    assert "Medborgarlöfte i Mjölby Kommun 2019" in form  # Mjölby's own draft is offered
    assert "Någon annans löfte" not in form
    assert "Välj ett giltigt alternativ." in response.content.decode()
    assert not CitizenDialogue.objects.filter(town="Skänninge").exists()


@pytest.mark.django_db
def test_a_dialogue_behind_the_signed_pledge_cannot_be_changed(client, coordinator, dialogue):
    client.force_login(coordinator)
    before = CitizenDialogue.history.count()

    form = client.get(url("dialogue_edit", dialogue.pk))
    response = client.post(
        url("dialogue_edit", dialogue.pk),
        dialogue_data(
            year="2017", held_on="2017-10-12", town="Mantorp", version=latest_version(dialogue)
        ),
    )

    assert form.status_code == 403 and response.status_code == 403
    assert "ligger till grund för ”Medborgarlöfte i Mjölby Kommun 2018”" in (
        response.content.decode()
    )
    dialogue.refresh_from_db()
    assert (dialogue.town, dialogue.held_on) == ("", None)
    assert CitizenDialogue.history.count() == before


@pytest.mark.django_db
def test_a_dialogue_may_be_corrected_while_only_a_draft_rests_on_it(
    client, coordinator, loose, draft_pledge
):
    client.force_login(coordinator)
    draft_pledge.dialogues.add(loose)

    response = client.post(
        url("dialogue_edit", loose.pk),
        dialogue_data(town="Mantorp", pledges=[draft_pledge.pk], version=latest_version(loose)),
    )

    assert response.status_code == 302
    loose.refresh_from_db()
    assert (loose.town, loose.held_on) == ("Mantorp", date(2018, 5, 3))
    assert list(loose.pledges.all()) == [draft_pledge]


@pytest.mark.django_db
def test_a_stale_dialogue_edit_keeps_the_typed_text_and_overwrites_nothing(
    client, coordinator, loose
):
    client.force_login(coordinator)
    version = latest_version(loose)
    loose.town = "Mjölby"
    loose.save()

    response = client.post(
        url("dialogue_edit", loose.pk),
        dialogue_data(year="2018", held_on="", town="Mantorp", version=version),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "har sparat ändringar här" in page
    assert 'value="Mantorp"' in page
    loose.refresh_from_db()
    assert loose.town == "Mjölby"


@pytest.mark.django_db
def test_an_overlong_note_is_refused_and_nothing_is_saved(client, coordinator, mjolby):
    client.force_login(coordinator)

    response = client.post(url("dialogue_create", mjolby.pk), dialogue_data(raised="x" * 10_001))

    assert "som mest 10000 tecken" in response.content.decode()
    assert CitizenDialogue.objects.count() == 3


@pytest.mark.django_db
def test_deleting_a_dialogue_asks_first_and_leaves_the_draft_pledge(
    client, coordinator, loose, mjolby, draft_pledge
):
    client.force_login(coordinator)
    draft_pledge.dialogues.add(loose)

    confirm = client.get(url("dialogue_delete", loose.pk)).content.decode()
    response = client.post(url("dialogue_delete", loose.pk))

    assert "Ta bort ”Medborgardialog 2018, Väderstad”?" in confirm
    assert "underlagen till ”Medborgarlöfte i Mjölby Kommun 2019”" in confirm
    assert CitizenDialogue.objects.filter(pk=loose.pk).exists() is False
    assert response.status_code == 302
    assert response["Location"] == mjolby.get_absolute_url()
    assert draft_pledge.dialogues.count() == 0
    assert Pledge.objects.get(status="signed").dialogues.count() == 3


@pytest.mark.django_db
def test_a_dialogue_the_signed_pledge_rests_on_cannot_be_deleted(client, coordinator, dialogue):
    client.force_login(coordinator)
    signed = Pledge.objects.get()

    confirm = client.get(url("dialogue_delete", dialogue.pk)).content.decode()
    response = client.post(url("dialogue_delete", dialogue.pk))

    assert "”Medborgardialog 2017 nr 1” kan inte tas bort" in confirm
    assert "ligger till grund för ”Medborgarlöfte i Mjölby Kommun 2018”" in confirm
    assert 'type="submit"' not in confirm.split("<main")[1]
    assert response.status_code == 403
    assert "ligger till grund för ”Medborgarlöfte i Mjölby Kommun 2018”" in (
        response.content.decode()
    )
    assert CitizenDialogue.objects.filter(pk=dialogue.pk).exists()
    assert signed.dialogues.count() == 3


@pytest.mark.django_db
def test_the_dialogue_history_names_who_changed_what(client, coordinator, mjolby):
    client.force_login(coordinator)
    client.post(url("dialogue_create", mjolby.pk), dialogue_data())
    created = CitizenDialogue.objects.get(town="Skänninge")
    client.post(
        url("dialogue_edit", created.pk),
        dialogue_data(town="Mantorp", held_by="Kommunpolisen", version=latest_version(created)),
    )

    page = client.get(url("dialogue_history", created.pk)).content.decode()

    assert history_entries(page) == [
        "Roger Max · Medborgardialogen ändrad Ort Skänninge → Mantorp "
        "Genomförd av Kommunpolisen och säkerhetssamordnaren → Kommunpolisen",
        "Roger Max · Medborgardialogen skapad",
    ]
