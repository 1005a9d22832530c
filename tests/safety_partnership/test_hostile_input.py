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


TOO_LARGE = ["9223372036854775808", "99999999999999999999999999"]  # past a 64-bit integer


@pytest.mark.django_db
@pytest.mark.parametrize("value", TOO_LARGE)
def test_an_id_past_the_databases_integers_is_a_wrong_choice(
    client, coordinator, draft_plan, value
):
    client.force_login(coordinator)

    response = client.post(
        reverse("signing:send", args=["handlingsplan", draft_plan.pk]), {"signatories": [value]}
    )

    assert response.status_code == 200
    assert f"“{value}” är inte ett giltigt värde." in response.text
    draft_plan.refresh_from_db()
    assert draft_plan.status == "draft"


@pytest.mark.django_db
@pytest.mark.parametrize("value", TOO_LARGE)
@pytest.mark.parametrize(
    ("form", "field"),
    [("agreements_leadershipmeeting", "followed_up_plans"), ("auth_group", "permissions")],
)
def test_an_admin_forms_id_past_the_databases_integers_is_a_wrong_choice(
    client, superuser, value, form, field
):
    from django.contrib.auth.models import Group

    from agreements.models import LeadershipMeeting

    client.force_login(superuser)
    before = LeadershipMeeting.objects.count(), Group.objects.count()

    response = client.post(reverse(f"admin:{form}_add"), {"name": "Grupp", field: [value]})

    assert response.status_code == 200
    assert f"“{value}” är inte ett giltigt värde." in response.text
    assert (LeadershipMeeting.objects.count(), Group.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["2147483648", "9999"])
@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("actionplans_actionplan", "period_start"),
        ("agreements_leadershipmeeting", "held_on"),
        ("safety_partnership_covermemo", "date"),
    ],
)
def test_an_admin_lists_year_past_what_a_date_holds_is_a_wrong_parameter(
    client, superuser, year, model, field
):
    client.force_login(superuser)

    response = client.get(reverse(f"admin:{model}_changelist"), {f"{field}__year": year})

    assert response.status_code == 302
    assert response.url.endswith("?e=1")
