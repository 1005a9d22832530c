"""A citizen dialogue is named by its date and town, or by its number within the year."""

from datetime import date

import pytest

from pledges.models import CitizenDialogue, Pledge
from tests.pages import visible_text


@pytest.mark.django_db
def test_a_dialogue_is_named_by_date_and_town_as_far_as_they_are_known(mjolby):
    def named(**fields) -> str:
        return str(CitizenDialogue(partnership=mjolby, year=2017, **fields))

    assert named(held_on=date(2017, 10, 12), town="Mantorp") == (
        "Medborgardialog 12 oktober 2017, Mantorp"
    )
    assert named(town="Mantorp") == "Medborgardialog 2017, Mantorp"
    assert named(held_on=date(2017, 10, 12)) == "Medborgardialog 12 oktober 2017"


@pytest.mark.django_db
def test_dialogues_known_by_neither_date_nor_town_are_numbered_within_their_year(
    client, coordinator, mjolby
):
    later = CitizenDialogue.objects.create(partnership=mjolby, year=2018)
    client.force_login(coordinator)

    partnership_page = visible_text(client.get(mjolby.get_absolute_url()).content.decode())
    pledge_page = visible_text(client.get(Pledge.objects.get().get_absolute_url()).content.decode())

    for number in (1, 2, 3):
        assert f"Medborgardialog 2017 nr {number}" in partnership_page
        assert f"Medborgardialog 2017 nr {number}" in pledge_page
    assert "Medborgardialog 2018 nr 1" in partnership_page
    assert str(later) == "Medborgardialog 2018 nr 1"
    assert "ej angiven" not in partnership_page + pledge_page
