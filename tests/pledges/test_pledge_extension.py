"""Extending a signed pledge unchanged into the next year, and when that is refused: too
early an end, an overlap with the next pledge, a superseded pledge, the police chief.
"""

from datetime import date

import pytest

from pledges.models import Pledge
from safety_partnership.models import DocumentStatus
from tests.pages import visible_text
from tests.pledges.pledge_helpers import PROMISES_2018, promise_texts, url


@pytest.mark.django_db
def test_the_signed_pledge_is_extended_unchanged_and_then_blocks_a_2019_pledge(
    client, coordinator, pledge, mjolby
):
    client.force_login(coordinator)

    form = client.get(url("extend", pledge.pk)).content.decode()
    response = client.post(
        url("extend", pledge.pk),
        {"extended_to": "2019-12-31", "extension_note": "Beslutat i KS § 12 2019."},
    )

    assert 'value="2019-12-31"' in form
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.extended_to == date(2019, 12, 31)
    assert pledge.status == DocumentStatus.SIGNED
    assert promise_texts(pledge) == PROMISES_2018
    assert (
        pledge.history.latest().history_change_reason == "Förlängd oförändrad till 31 december 2019"
    )
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Förlängt oförändrat till och med 31 december 2019" in page
    assert "Beslutat i KS § 12 2019." in page
    assert "Nytt medborgarlöfte för 2020 utifrån 2018" in page

    refused = client.post(
        url("create", mjolby.pk),
        {"title": "Medborgarlöfte 2019", "period_start": "2019-01-01", "period_end": "2019-12-31"},
    )
    assert refused.status_code == 200
    assert "Perioden överlappar medborgarlöftet ”Medborgarlöfte i Mjölby Kommun 2018”" in (
        refused.content.decode()
    )
    assert Pledge.objects.count() == 1


@pytest.mark.django_db
def test_an_extension_that_ends_too_early_is_refused_in_swedish(client, coordinator, pledge):
    client.force_login(coordinator)

    response = client.post(url("extend", pledge.pk), {"extended_to": "2018-06-30"})

    assert response.status_code == 200
    assert (
        "En förlängning måste sluta efter den ursprungliga perioden." in response.content.decode()
    )
    pledge.refresh_from_db()
    assert pledge.extended_to is None


@pytest.mark.django_db
def test_an_extension_into_the_next_pledge_is_refused(client, coordinator, pledge, mjolby):
    client.force_login(coordinator)
    Pledge.objects.create(
        partnership=mjolby,
        title="Medborgarlöfte 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )

    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert "Perioden överlappar medborgarlöftet ”Medborgarlöfte 2019”" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.extended_to is None


@pytest.mark.django_db
def test_a_superseded_pledge_cannot_be_extended(client, coordinator, pledge):
    client.force_login(coordinator)
    while_signed = client.get(pledge.get_absolute_url()).content.decode()
    pledge.status = DocumentStatus.SUPERSEDED
    pledge.save()

    page = client.get(pledge.get_absolute_url()).content.decode()
    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert "Förläng oförändrat" in while_signed and url("extend", pledge.pk) in while_signed
    assert "Status Ersatt" in visible_text(page)
    assert "Förläng oförändrat" not in page and url("extend", pledge.pk) not in page
    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.extended_to is None


@pytest.mark.django_db
def test_the_police_chief_cannot_extend_the_pledge(client, police_chief, pledge):
    client.force_login(police_chief)

    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.extended_to is None
