"""The leadership meeting: what it followed up, and a year without one flagged from 1 October."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from agreements.models import Agreement, LeadershipMeeting
from pledges.models import Pledge
from tests.conftest import make_partnership
from tests.pdf_samples import frozen_clock

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FLAG = "Inget ledningsmöte är registrerat för 2018"


def record(client, agreement, **fields):
    data = {"held_on": "2018-10-12", "participants": "Hanna Sjögren, Cecilia W Burenby"}
    return client.post(reverse("agreements:meeting_create", args=[agreement.pk]), data | fields)


@pytest.mark.django_db
def test_the_meeting_records_which_plan_and_pledge_were_followed_up(client, coordinator):
    agreement, plan, pledge = (
        Agreement.objects.get(),
        ActionPlan.objects.get(),
        Pledge.objects.get(),
    )
    client.force_login(coordinator)

    response = record(
        client, agreement, followed_up_plans=[plan.pk], followed_up_pledges=[pledge.pk]
    )

    assert response.status_code == 302
    meeting = LeadershipMeeting.objects.get(held_on=date(2018, 10, 12))
    assert list(meeting.followed_up_plans.all()) == [plan]
    assert list(meeting.followed_up_pledges.all()) == [pledge]
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Följde upp:" in page
    assert f'href="{plan.get_absolute_url()}">{plan.title}</a>' in page
    assert f'href="{pledge.get_absolute_url()}">{pledge.title}</a>' in page
    # Its history keeps what was followed up.
    assert meeting.history.latest().followed_up_plans.count() == 1


@pytest.mark.django_db
def test_a_plan_of_another_partnership_cannot_be_named_as_followed_up(client, coordinator):
    agreement, seed_plan = Agreement.objects.get(), ActionPlan.objects.get()
    foreign = ActionPlan.objects.create(
        partnership=make_partnership(),
        title="Någon annans plan",
        period_start=date(2018, 1, 1),
        period_end=date(2018, 12, 31),
        status="signed",
    )
    client.force_login(coordinator)

    response = record(client, agreement, followed_up_plans=[seed_plan.pk, foreign.pk])

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not LeadershipMeeting.objects.filter(held_on=date(2018, 10, 12)).exists()
    assert not foreign.followed_up_at.exists()


@pytest.mark.django_db
def test_the_form_offers_only_the_partnerships_signed_documents(client, coordinator, draft_plan):
    client.force_login(coordinator)
    page = client.get(
        reverse("agreements:meeting_create", args=[Agreement.objects.get().pk])
    ).content.decode()
    assert "Handlingsplaner som följdes upp" in page
    assert ActionPlan.objects.get(status="signed").title in page
    assert draft_plan.title not in page


def dashboard_at(client, user, moment: datetime) -> str:
    client.force_login(user)
    with frozen_clock(moment):
        return client.get("/").content.decode()


@pytest.mark.django_db
def test_a_year_without_a_meeting_is_flagged_from_1_october(client, coordinator):
    last_of_september = datetime(2018, 9, 30, 23, 59, tzinfo=STOCKHOLM)
    first_of_october = datetime(2018, 10, 1, 0, 0, tzinfo=STOCKHOLM)

    assert FLAG not in dashboard_at(client, coordinator, last_of_september)
    assert FLAG in dashboard_at(client, coordinator, first_of_october)


@pytest.mark.django_db
def test_a_year_with_its_meeting_is_not_flagged(client, coordinator):
    agreement = Agreement.objects.get()
    LeadershipMeeting.objects.create(agreement=agreement, held_on=date(2017, 10, 3))
    december = datetime(2018, 12, 1, 12, 0, tzinfo=STOCKHOLM)
    assert FLAG in dashboard_at(client, coordinator, december)  # last year's does not count

    LeadershipMeeting.objects.create(agreement=agreement, held_on=date(2018, 3, 14))
    assert FLAG not in dashboard_at(client, coordinator, december)


@pytest.mark.django_db
def test_fewer_meetings_than_the_agreement_asks_for_are_flagged(mjolby):
    from agreements.kind import due

    agreement = Agreement.objects.create(
        partnership=make_partnership(),
        title="Överenskommelse med två möten om året",
        period_start=date(2018, 1, 1),
        leadership_meetings_per_year=2,
        status="signed",
    )
    LeadershipMeeting.objects.create(agreement=agreement, held_on=date(2018, 3, 14))

    (task,) = due(agreement.partnership, [agreement], date(2018, 10, 2))

    assert str(task.text).startswith("1 av 2 ledningsmöten är registrerade för 2018.")
    LeadershipMeeting.objects.create(agreement=agreement, held_on=date(2018, 11, 5))
    assert due(agreement.partnership, [agreement], date(2018, 11, 6)) == []


@pytest.mark.django_db
def test_the_agreement_as_it_was_shows_what_a_meeting_followed_up_then(client, coordinator):
    from django.utils import timezone

    agreement, plan, pledge = (
        Agreement.objects.get(),
        ActionPlan.objects.get(),
        Pledge.objects.get(),
    )
    client.force_login(coordinator)
    record(client, agreement, followed_up_plans=[plan.pk])
    then = timezone.now().isoformat()
    meeting = LeadershipMeeting.objects.get(held_on=date(2018, 10, 12))
    meeting.followed_up_plans.set([])
    meeting.followed_up_pledges.set([pledge])
    meeting.save()

    page = client.get(reverse("agreements:as_of", args=[agreement.pk]), {"tid": then}).text

    assert f'href="{plan.get_absolute_url()}">{plan.title}</a>' in page
    assert pledge.title not in page.split("Genomförda ledningsmöten")[1]
