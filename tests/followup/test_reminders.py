"""manage.py send_reminders at fixed moments in Mjölby: two weeks and two days before a tertial
closes, to those whose measures lack a report; to the coordinator when a tertial can be
compiled; each reminder once, however often the scheduler runs it."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from actionplans.models import Measure
from followup.models import SentReminder
from followup.tertials import Tertial
from safety_partnership.models import Person, ResponsibleParty
from tests.followup.test_due import report_all, seed_plan
from tests.pdf_samples import frozen_clock

# T2 2018 closes at 1 September 00:00 in Mjölby (22:00 UTC on 31 August, summer time).
BEFORE_TWO_WEEKS = datetime(2018, 8, 17, 21, 59, tzinfo=UTC)  # 17 August 23:59
TWO_WEEKS = datetime(2018, 8, 17, 22, 0, tzinfo=UTC)  # 18 August 00:00
TWO_WEEKS_LATER_THAT_DAY = datetime(2018, 8, 18, 15, 0, tzinfo=UTC)
TWO_DAYS = datetime(2018, 8, 29, 22, 0, tzinfo=UTC)  # 30 August 00:00
LINK = "http://testserver/uppfoljning/handlingsplan/{pk}/2018-T2/"


@pytest.fixture
def addresses(mjolby):
    """Roger and Hanna have e-mail addresses; Josefine, the community police officer, none."""
    for name, address in (("Roger Max", "roger@mjolby.example"), ("Hanna Sjögren", "hanna@p.ex")):
        Person.objects.filter(name=name).update(email=address)


def run(moment, *options) -> str:
    out = StringIO()
    with frozen_clock(moment):
        call_command("send_reminders", *options, stdout=out)
    return out.getvalue()


def sent_to() -> dict[str, str]:
    return {message.to[0]: message.body for message in mail.outbox}


def measure(responsible) -> Measure:
    return Measure.objects.filter(focus_area__plan=seed_plan(), responsible=responsible).first()


@pytest.mark.django_db
def test_nothing_is_sent_before_two_weeks_before_the_tertial_closes(addresses):
    output = run(BEFORE_TWO_WEEKS)

    assert mail.outbox == []
    assert "0 e-brev" in output


@pytest.mark.django_db
def test_each_party_is_reminded_of_its_own_measures_once(addresses):
    output = run(TWO_WEEKS)
    first = sent_to()
    again = run(TWO_WEEKS_LATER_THAT_DAY)

    assert set(first) == {"roger@mjolby.example", "hanna@p.ex"}
    roger, hanna = first["roger@mjolby.example"], first["hanna@p.ex"]
    police, municipal, joint = (
        measure(party).description
        for party in (
            ResponsibleParty.POLICE,
            ResponsibleParty.MUNICIPALITY,
            ResponsibleParty.JOINT,
        )
    )
    assert police in hanna and police not in roger
    assert municipal in roger and municipal not in hanna
    assert joint in roger and joint in hanna
    assert (
        "19 åtgärder saknar rapport för T2 2018 (maj–augusti). Rapportera senast 31 augusti 2018"
        in roger
    )
    assert LINK.format(pk=seed_plan().pk) in hanna
    assert mail.outbox[0].subject == "Påminnelse om uppföljningen, senast 31 augusti 2018"
    # Josefine has no address: skipped and counted, and she gets it once she has one.
    assert "2 e-brev med 2 påminnelser; 1 person utan e-postadress" in output
    assert len(mail.outbox) == 2 and "0 e-brev" in again
    Person.objects.filter(name="Josefine Arvidsson").update(email="josefine@p.ex")
    run(TWO_WEEKS_LATER_THAT_DAY)
    assert mail.outbox[-1].to == ["josefine@p.ex"] and len(mail.outbox) == 3


@pytest.mark.django_db
def test_the_two_day_reminder_follows_the_two_week_one_with_what_is_still_missing(addresses):
    run(TWO_WEEKS)
    police = measure(ResponsibleParty.POLICE)
    for each in Measure.objects.filter(focus_area__plan=seed_plan()).exclude(pk=police.pk):
        each.reports.create(
            year=2018,
            tertial=2,
            party="police",
            status="done",
            reported_by=Person.objects.get(name="Hanna Sjögren"),
        )
    mail.outbox.clear()

    run(TWO_DAYS)

    (message,) = mail.outbox
    assert message.to == ["hanna@p.ex"]
    assert "1 åtgärd saknar rapport" in message.body and police.description in message.body
    kinds = SentReminder.objects.filter(person__name="Hanna Sjögren").values_list("kind", flat=True)
    assert sorted(kinds) == ["two_days", "two_weeks"]


@pytest.mark.django_db
def test_a_run_that_missed_the_two_weeks_sends_only_the_two_day_reminder(addresses):
    run(TWO_DAYS)
    run(datetime(2018, 8, 31, 12, tzinfo=UTC))

    assert len(mail.outbox) == 2
    assert set(SentReminder.objects.values_list("kind", flat=True)) == {"two_days"}


@pytest.mark.django_db
def test_the_coordinator_is_told_once_that_the_tertial_can_be_compiled(addresses):
    roger = Person.objects.get(name="Roger Max")
    report_all(seed_plan(), Tertial(2018, 2), roger)

    run(datetime(2018, 6, 1, 8, tzinfo=UTC))
    run(datetime(2018, 6, 1, 9, tzinfo=UTC))

    (message,) = mail.outbox
    assert message.to == ["roger@mjolby.example"]
    assert "Alla åtgärder är rapporterade för T2 2018 (maj–augusti)." in message.body
    assert "Tertialen kan sammanställas." in message.body


@pytest.mark.django_db
def test_a_dry_run_prints_what_would_be_sent_and_records_nothing(addresses):
    output = run(TWO_WEEKS, "--dry-run")

    assert mail.outbox == [] and not SentReminder.objects.exists()
    assert "Roger Max <roger@mjolby.example>: Påminnelse om uppföljningen" in output
    assert "(--dry-run, inget skickat) Påminnelser: 2 e-brev" in output
