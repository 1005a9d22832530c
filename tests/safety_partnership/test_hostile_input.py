"""Input the fuzz test (tests/test_fuzz.py) found ending in a server error, answered in
Swedish instead."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"])
def test_a_moment_past_the_calendars_end_is_no_moment(client, staff, moment):
    from pledges.models import Pledge

    client.force_login(staff)
    response = client.get(reverse("pledges:as_of", args=[Pledge.objects.get().pk]), {"tid": moment})

    assert response.status_code == 400
    assert "är ingen tidpunkt registret kan visa dokumentet vid" in response.text


@pytest.mark.django_db
def test_a_nul_character_in_the_verification_code_is_refused(client):
    response = client.get(reverse("verify"), {"kod": "ABC\x00DEF"})

    assert response.status_code == 400
    assert "Ogiltigt tecken" in response.text
    assert "Ingenting har sparats" in response.text


@pytest.mark.django_db
def test_a_nul_character_in_a_form_saves_nothing(client, coordinator, draft_plan):
    client.force_login(coordinator)
    areas = draft_plan.focus_areas.count()

    response = client.post(
        reverse("actionplans:focus_area_create", args=[draft_plan.pk]), {"title": "Trafik\x00"}
    )

    assert response.status_code == 400
    assert draft_plan.focus_areas.count() == areas
