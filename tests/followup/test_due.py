"""What is due in the follow-up, at fixed moments in Mjölby (Europe/Stockholm): the open tertial
and its deadline, the missing reports and whose they are, what is overdue, the coordinator's
compilation and the next pledge; on the dashboard, each person's own first."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionPlan, Measure
from followup.due import COMPILE, PLEDGE, PLEDGE_REPORT, REPORT, due_for
from followup.models import MeasureReport, TertialCompilation
from followup.tertials import Tertial
from safety_partnership.models import Partnership, Person, ResponsibleParty
from safety_partnership.services import copy_document
from tests.pdf_samples import frozen_clock

# 23:59 and 00:00 in Mjölby: summer time (UTC+2) at the end of August, winter (UTC+1) at new year.
AUG_31_2359 = datetime(2018, 8, 31, 21, 59, tzinfo=UTC)
SEP_1_0000 = datetime(2018, 8, 31, 22, 0, tzinfo=UTC)
DEC_31_2359 = datetime(2018, 12, 31, 22, 59, tzinfo=UTC)
JAN_1_0000 = datetime(2018, 12, 31, 23, 0, tzinfo=UTC)


def seed_plan() -> ActionPlan:
    return ActionPlan.objects.get(status="signed")


def plan_due(moment, plan=None):
    plan = plan or seed_plan()
    (due,) = [d for d in due_for(list(Partnership.objects.all()), moment) if d.plans]
    return next(p for p in due.plans if p.plan.pk == plan.pk), due


def report_all(plan, tertial, by, except_party=None):
    for measure in Measure.objects.filter(focus_area__plan=plan):
        if measure.responsible != except_party:
            MeasureReport.objects.create(
                measure=measure,
                year=tertial.year,
                tertial=tertial.number,
                party="municipality",
                status="ongoing",
                reported_by=by,
            )


def signed_copy(start: date, end: date) -> ActionPlan:
    plan = copy_document(
        original=seed_plan(), title="Handlingsplan 2019–2021", period_start=start, period_end=end
    )
    plan.status = "signed"
    plan.save()
    return plan


@pytest.mark.django_db
def test_t2_is_open_until_august_31_ends_and_overdue_from_september_1(mjolby):
    before, _ = plan_due(AUG_31_2359)
    after, _ = plan_due(SEP_1_0000)

    assert before.open.tertial == Tertial(2018, 2) and before.deadline == date(2018, 8, 31)
    assert [s.tertial for s in before.overdue] == [Tertial(2018, 1)]
    assert after.open.tertial == Tertial(2018, 3) and after.deadline == date(2018, 12, 31)
    assert [s.tertial for s in after.overdue] == [Tertial(2018, 1), Tertial(2018, 2)]


@pytest.mark.django_db
def test_at_new_year_t3_becomes_overdue_and_next_years_t1_opens(mjolby):
    before, _ = plan_due(DEC_31_2359)
    after, due = plan_due(JAN_1_0000)

    assert before.open.tertial == Tertial(2018, 3)
    assert after.open.tertial == Tertial(2019, 1) and after.deadline == date(2019, 4, 30)
    assert after.overdue[-1].tertial == Tertial(2018, 3)
    overdue = [i for i in due.items if i.overdue and i.kind == REPORT]
    assert {i.tertial for i in overdue} == {Tertial(2018, n) for n in (1, 2, 3)}
    assert all("Försenad: " in i.text for i in overdue)


@pytest.mark.django_db
def test_a_plan_starting_mid_year_is_due_from_its_first_tertial_only(mjolby):
    plan = signed_copy(date(2019, 7, 1), date(2021, 6, 30))

    august, _ = plan_due(datetime(2019, 8, 15, 10, tzinfo=UTC), plan)
    september, _ = plan_due(datetime(2019, 9, 1, 10, tzinfo=UTC), plan)

    assert august.open.tertial == Tertial(2019, 2) and august.overdue == []
    assert [s.tertial for s in september.overdue] == [Tertial(2019, 2)]


@pytest.mark.django_db
def test_missing_reports_say_whose_they_are_and_reach_that_partys_people(mjolby):
    _, due = plan_due(datetime(2018, 6, 1, 10, tzinfo=UTC))
    roger, hanna, josefine = (
        Person.objects.get(name=n) for n in ("Roger Max", "Hanna Sjögren", "Josefine Arvidsson")
    )
    police, municipal = (
        next(i for i in due.items if i.kind == REPORT and not i.overdue and i.party == party)
        for party in ("police", "municipality")
    )

    assert police.person_ids == {hanna.pk, josefine.pk}
    assert municipal.person_ids == {roger.pk}
    # 7 police measures and 6 joint ones; 13 municipal and the same 6 joint.
    assert len(police.measures) == 13 and len(municipal.measures) == 19
    assert police.text == "13 åtgärder saknar rapport för T2 2018 (maj–augusti)"
    whose = dict((m.responsible, w) for m, w in due.plans[0].open.missing_with_whose)
    assert whose == {
        ResponsibleParty.POLICE: "Polisen",
        ResponsibleParty.MUNICIPALITY: "Kommunen",
        ResponsibleParty.JOINT: "Kommunen eller polisen",
    }


@pytest.mark.django_db
def test_a_fully_reported_tertial_is_the_coordinators_to_compile_until_compiled(mjolby):
    roger = Person.objects.get(name="Roger Max")
    plan = seed_plan()
    report_all(plan, Tertial(2018, 2), roger)
    moment = datetime(2018, 6, 1, 10, tzinfo=UTC)

    _, due = plan_due(moment)
    (compile_item,) = [i for i in due.items if i.kind == COMPILE]
    TertialCompilation.objects.create(plan=plan, year=2018, tertial=2, compiled_by=roger)
    _, after = plan_due(moment)

    assert compile_item.text == "T2 2018 (maj–augusti) kan sammanställas"
    assert compile_item.person_ids == {roger.pk}
    assert not [i for i in due.items if i.kind == REPORT and not i.overdue]
    assert not [i for i in after.items if i.kind == COMPILE]


@pytest.mark.django_db
def test_next_years_pledge_is_due_three_months_before_the_signed_one_ends(mjolby):
    def pledge_items(moment):
        _, due = plan_due(moment)
        return [i for i in due.items if i.kind == PLEDGE]

    assert pledge_items(datetime(2018, 9, 29, 10, tzinfo=UTC)) == []
    (item,) = pledge_items(datetime(2018, 9, 30, 10, tzinfo=UTC))
    assert item.text == "Medborgarlöfte för 2019 ska skrivas"
    assert item.person_ids == {Person.objects.get(name="Roger Max").pk}
    assert item.deadline == date(2018, 12, 31) and not item.overdue
    assert pledge_items(datetime(2019, 1, 2, 10, tzinfo=UTC))[0].overdue


@pytest.mark.django_db
def test_the_pledges_reports_are_due_from_when_they_open_until_finalised(mjolby):
    from pledges.models import Pledge, PledgeReport, ReportKind

    def report_items(moment):
        _, due = plan_due(moment)
        return [i for i in due.items if i.kind == PLEDGE_REPORT]

    june_30_2359 = datetime(2018, 6, 30, 21, 59, tzinfo=UTC)
    july_1_0000 = datetime(2018, 6, 30, 22, 0, tzinfo=UTC)
    assert report_items(june_30_2359) == []
    (half_year,) = report_items(july_1_0000)
    assert half_year.text == "Halvårsrapport 2018 om medborgarlöftet ska skrivas och fastställas"
    assert half_year.deadline == date(2018, 8, 31) and not half_year.overdue
    # Both parties write it: the police area's people and the coordinator.
    assert half_year.person_ids == {
        Person.objects.get(name="Roger Max").pk,
        *Person.objects.filter(police_area__isnull=False, is_active=True).values_list(
            "pk", flat=True
        ),
    }
    (late,) = report_items(SEP_1_0000)
    assert late.overdue and late.text.startswith("Försenad: Halvårsrapport 2018")

    roger = Person.objects.get(name="Roger Max")
    PledgeReport.objects.create(
        pledge=Pledge.objects.get(),
        kind=ReportKind.HALF_YEAR,
        written_by=roger,
        finalised_on=date(2018, 9, 3),
        finalised_by=roger,
    )
    assert report_items(SEP_1_0000) == []
    (year_end,) = report_items(datetime(2018, 12, 1, 10, tzinfo=UTC))
    assert year_end.text.startswith("Årsrapport 2018") and year_end.deadline == date(2019, 1, 31)


@pytest.mark.django_db
def test_no_pledge_is_due_once_the_next_one_is_started(draft_pledge):
    _, due = plan_due(datetime(2018, 10, 1, 10, tzinfo=UTC))

    assert not [i for i in due.items if i.kind == PLEDGE]


@pytest.mark.django_db
def test_due_runs_the_same_queries_for_more_plans_measures_and_tertials(mjolby):
    partnerships = list(Partnership.objects.all())

    def queries(moment) -> int:
        with CaptureQueriesContext(connection) as captured:
            due_for(partnerships, moment)
        return len(captured)

    early = queries(datetime(2018, 2, 1, 10, tzinfo=UTC))  # one plan, one tertial
    later = queries(datetime(2020, 11, 1, 10, tzinfo=UTC))  # nine tertials
    signed_copy(date(2018, 1, 1), date(2020, 12, 31))  # a second plan, twice the measures
    two_plans = queries(datetime(2020, 11, 1, 10, tzinfo=UTC))

    assert early == later == two_plans <= 7


@pytest.mark.django_db
def test_the_dashboard_shows_each_person_what_is_hers_first(client, coordinator, police_chief):
    moment = datetime(2018, 10, 1, 10, tzinfo=UTC)
    client.force_login(coordinator)
    with frozen_clock(moment):
        mine = client.get("/").text
    client.force_login(police_chief)
    with frozen_clock(moment):
        chiefs = client.get("/").text
        # A police area's people see each partnership's follow-up on its own page.
        chiefs_page = client.get(Partnership.objects.get().get_absolute_url()).text

    assert mine.index("Att göra för dig") < mine.index("Övrigt som väntar")
    assert "19 åtgärder saknar rapport för T3 2018 (september–december) (Mjölby kommun), " in mine
    assert "senast 31 december 2018" in mine
    assert "Medborgarlöfte för 2019 ska skrivas (Mjölby kommun)" in mine
    assert "Försenad: 19 åtgärder saknar rapport för T2 2018" in mine
    assert "13 åtgärder saknar rapport för T3 2018 (september–december) (Mjölby" in chiefs
    assert "ska skrivas (Mjölby kommun)" not in chiefs
    # The partnership's overview is the same for both: the open tertial and who reports what.
    for text in (mine, chiefs_page):
        assert "rapporteras senast 31 december 2018" in text
        assert "26 åtgärder saknar rapport" in text
        assert "(rapporteras av kommunen eller polisen)" in text


@pytest.mark.django_db
def test_the_dashboard_runs_the_same_queries_for_more_plans_and_tertials(client, police_chief):
    client.force_login(police_chief)

    def queries(moment) -> int:
        with frozen_clock(moment), CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    early = queries(datetime(2018, 2, 1, 10, tzinfo=UTC))
    signed_copy(date(2018, 1, 1), date(2020, 12, 31))

    assert queries(datetime(2020, 11, 1, 10, tzinfo=UTC)) == early


@pytest.mark.django_db
def test_the_chair_has_nothing_of_her_own_but_sees_the_partnerships_follow_up(client, chair):
    client.force_login(chair)
    with frozen_clock(datetime(2018, 10, 1, 10, tzinfo=UTC)):
        text = client.get("/").text

    assert "Inget är ditt att göra just nu." in text
    assert "rapporteras senast 31 december 2018" in text
