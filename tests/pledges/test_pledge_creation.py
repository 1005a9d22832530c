"""Starting a pledge: copying a signed one into next year's draft, or creating one with the
dialogues behind it; a period that overlaps another pledge is refused and nothing is saved.
"""

import pytest

from pledges.models import CitizenDialogue, Pledge, Promise
from safety_partnership.models import DocumentStatus
from tests.pages import visible_text
from tests.pledges.pledge_helpers import PROMISES_2018, promise_texts, url


@pytest.mark.django_db
def test_copying_2018_creates_a_2019_draft_with_the_same_three_promises(
    client, coordinator, pledge
):
    client.force_login(coordinator)

    form = client.get(url("copy", pledge.pk)).content.decode()
    response = client.post(
        url("copy", pledge.pk),
        {
            "title": "Medborgarlöfte i Mjölby Kommun 2019",
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
        },
    )

    assert "Nytt medborgarlöfte för 2019 utifrån 2018" in form
    assert 'value="Medborgarlöfte i Mjölby Kommun 2019"' in form
    assert 'value="2019-01-01"' in form and 'value="2019-12-31"' in form
    copy = Pledge.objects.get(title="Medborgarlöfte i Mjölby Kommun 2019")
    assert response.status_code == 302
    assert response["Location"] == copy.get_absolute_url()
    assert copy.status == DocumentStatus.DRAFT
    assert copy.copied_from == pledge
    assert copy.diary_number == ""
    assert promise_texts(copy) == PROMISES_2018
    assert list(copy.promises.order_by("position").values_list("responsible", flat=True)) == [
        "police",
        "joint",
        "municipality",
    ]
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "Utgår från Medborgarlöfte i Mjölby Kommun 2018 (2018)" in visible_text(page)
    assert "Ändra uppgifter" in page
    # The signed original is as it was.
    assert promise_texts(pledge) == PROMISES_2018
    pledge.refresh_from_db()
    assert pledge.status == DocumentStatus.SIGNED


@pytest.mark.django_db
def test_a_copy_into_the_same_year_is_refused_with_the_overlap_explained(
    client, coordinator, pledge
):
    client.force_login(coordinator)

    response = client.post(
        url("copy", pledge.pk),
        {"title": "Ännu ett 2018", "period_start": "2018-06-01", "period_end": "2019-05-31"},
    )

    assert response.status_code == 200
    assert "Perioden överlappar medborgarlöftet ”Medborgarlöfte i Mjölby Kommun 2018” (2018)." in (
        response.content.decode()
    )
    assert Pledge.objects.count() == 1
    assert Promise.objects.count() == 3


@pytest.mark.django_db
def test_the_coordinator_creates_a_pledge_for_next_year_with_its_dialogues(
    client, coordinator, mjolby
):
    client.force_login(coordinator)
    dialogue = CitizenDialogue.objects.create(partnership=mjolby, year=2018, town="Skänninge")

    response = client.post(
        url("create", mjolby.pk),
        {
            "title": "Medborgarlöfte i Mjölby kommun 2019",
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
            "situation": "Cykelstölder vid resecentrum.",
            "from_statistics": "on",
            "dialogues": [dialogue.pk],
        },
    )

    created = Pledge.objects.get(title="Medborgarlöfte i Mjölby kommun 2019")
    assert response.status_code == 302
    assert created.status == DocumentStatus.DRAFT
    assert list(dialogue.pledges.all()) == [created]
    page = client.get(created.get_absolute_url()).content.decode()
    assert "Underlag: statistik" in page
    assert "Medborgardialog 2018, Skänninge" in page


@pytest.mark.django_db
def test_a_new_pledge_overlapping_the_signed_one_is_refused_and_nothing_is_saved(
    client, coordinator, mjolby
):
    client.force_login(coordinator)

    response = client.post(
        url("create", mjolby.pk),
        {
            "title": "Halvårslöfte",
            "period_start": "2018-07-01",
            "period_end": "2019-06-30",
            "dialogues": [1],
        },
    )

    assert response.status_code == 200
    assert "Perioden överlappar medborgarlöftet" in response.content.decode()
    assert Pledge.objects.count() == 1
    assert list(CitizenDialogue.objects.get(pk=1).pledges.all()) == [Pledge.objects.get()]
