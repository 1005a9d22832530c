"""Tertial follow-up of a signed plan: the calendar at its boundaries (Europe/Stockholm), each
party reporting its own measures, the coordinator's compilation locking the reports, and
corrections as new, visible reports."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import ActionPlan, Measure
from followup.models import CompiledTertial, MeasureReport, TertialCompilation
from followup.tertials import Tertial, tertials_between
from safety_partnership.models import ResponsibleParty
from tests.pdf_samples import frozen_clock

T2_2018 = Tertial(2018, 2)


def page(plan, tertial=T2_2018) -> str:
    return reverse("followup:tertial", args=[plan.pk, tertial.slug])


def report(client, measure, status="ongoing", tertial=T2_2018, follow=False, **fields):
    url = reverse("followup:report", args=[measure.pk, tertial.slug])
    data = {"status": status, "comment": "", "indicator_value": "", **fields}
    return client.post(url, data, follow=follow)


def plan_and_measures():
    plan = ActionPlan.objects.get(status="signed")
    measures = Measure.objects.filter(focus_area__plan=plan)
    return plan, measures


def test_a_tertial_is_due_until_its_last_day_ends_in_mjolby():
    # 31 August 23:59 in Mjölby is 21:59 UTC; 1 September 00:00 is 22:00 UTC (summer time).
    assert not T2_2018.is_overdue(datetime(2018, 8, 31, 21, 59, tzinfo=UTC))
    assert T2_2018.is_overdue(datetime(2018, 8, 31, 22, 0, tzinfo=UTC))
    assert Tertial.of(date(2018, 8, 31)) == T2_2018 and Tertial.of(date(2018, 9, 1)).number == 3
    # The new year: T3 ends with 31 December, winter time (UTC+1).
    t3 = Tertial(2018, 3)
    assert not t3.is_overdue(datetime(2018, 12, 31, 22, 59, tzinfo=UTC))
    assert t3.is_overdue(datetime(2018, 12, 31, 23, 0, tzinfo=UTC))
    assert t3.next() == Tertial(2019, 1) and t3.end == date(2018, 12, 31)


def test_a_plan_starting_mid_year_is_followed_up_from_its_first_tertial():
    tertials = tertials_between(date(2018, 7, 1), date(2020, 6, 30))

    assert tertials[0] == Tertial(2018, 2) and tertials[-1] == Tertial(2020, 2)
    assert len(tertials) == 7  # T2 and T3 of 2018, three in 2019, T1 and T2 of 2020
    assert Tertial.from_slug("2018-T2") == T2_2018 and Tertial.from_slug("2018-T4") is None


@pytest.mark.django_db
def test_each_party_reports_its_own_measures(client, coordinator, police_chief):
    plan, measures = plan_and_measures()
    police_measure = measures.filter(responsible=ResponsibleParty.POLICE).first()
    municipal_measure = measures.filter(responsible=ResponsibleParty.MUNICIPALITY).first()

    client.force_login(police_chief)
    refused = report(client, municipal_measure)
    done = report(client, police_measure, status="done", comment="Klart i maj", follow=True)

    assert refused.status_code == 403
    assert "Rapporten är sparad." in done.text
    (saved,) = MeasureReport.objects.filter(measure=police_measure)
    assert (saved.status, saved.party, saved.reported_by.name) == (
        "done",
        "police",
        "Hanna Sjögren",
    )
    assert "Klart i maj" in client.get(page(plan)).text
    assert not MeasureReport.objects.filter(measure=municipal_measure).exists()


@pytest.mark.django_db
def test_a_bad_report_is_refused_in_swedish_and_saves_nothing(client, police_chief):
    plan, measures = plan_and_measures()
    measure = measures.filter(responsible=ResponsibleParty.POLICE).first()
    client.force_login(police_chief)

    response = report(client, measure, status="kanske", indicator_value="många", follow=True)

    assert "Rapporten sparades inte." in response.text
    assert not MeasureReport.objects.exists()


@pytest.mark.django_db
def test_the_compiled_tertial_locks_its_reports_and_takes_corrections(
    client, coordinator, police_chief
):
    plan, measures = plan_and_measures()
    client.force_login(coordinator)
    early = client.post(reverse("followup:compile", args=[plan.pk, T2_2018.slug]), follow=True)
    assert "saknar rapport" in early.text and not TertialCompilation.objects.exists()
    for measure in measures:
        if measure.responsible != ResponsibleParty.POLICE:
            report(client, measure)
    client.force_login(police_chief)
    for measure in measures.filter(responsible=ResponsibleParty.POLICE):
        report(client, measure, comment="Första")
    client.force_login(coordinator)

    compiled = client.post(reverse("followup:compile", args=[plan.pk, T2_2018.slug]), follow=True)
    first = MeasureReport.objects.filter(party="police").order_by("pk").first()
    first.comment = "Ändrad i efterhand"
    with pytest.raises(CompiledTertial):
        first.save()
    client.force_login(police_chief)
    report(client, first.measure, status="stopped", comment="Rättat: stoppad i juni")

    assert "T2 2018 (maj–augusti) är sammanställd och låst." in compiled.text
    first.refresh_from_db()
    assert first.comment == "Första"
    correction = MeasureReport.objects.get(corrects=first)
    assert correction.status == "stopped"
    text = client.get(page(plan)).text
    assert "Rättelse:" in text and "Rättat: stoppad i juni" in text and "Första" in text


@pytest.mark.django_db
def test_the_tertial_page_says_when_it_is_overdue(client, coordinator):
    plan, _measures = plan_and_measures()
    client.force_login(coordinator)

    with frozen_clock(datetime(2018, 8, 31, 21, 59, tzinfo=UTC)):
        due = client.get(page(plan)).text
    with frozen_clock(datetime(2018, 8, 31, 22, 0, tzinfo=UTC)):
        overdue = client.get(page(plan)).text

    assert "Försenad" not in due and "Rapporteras senast" in due
    assert "Försenad: " in overdue


@pytest.mark.django_db
def test_only_a_signed_plan_is_followed_up_and_only_in_its_period(client, coordinator, draft_plan):
    plan, _measures = plan_and_measures()
    client.force_login(coordinator)

    assert client.get(page(draft_plan)).status_code == 404
    assert client.get(reverse("followup:plan", args=[draft_plan.pk])).status_code == 404
    assert client.get(page(plan, Tertial(2030, 1))).status_code == 404
    # The plan's address is its overview: every tertial of its period, 2018–2020, linked.
    overview = client.get(reverse("followup:plan", args=[plan.pk])).text
    assert "T1 2018 (januari–april)" in overview and "T3 2020 (september–december)" in overview
    assert page(plan, Tertial(2030, 1)) not in overview and page(plan) in overview


@pytest.mark.django_db
def test_the_tertial_page_runs_the_same_queries_for_more_reports(client, coordinator, police_chief):
    plan, measures = plan_and_measures()
    client.force_login(coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page(plan)).status_code == 200
        return len(captured)

    queries()  # the content types are cached once per process, by whichever test is first
    few = queries()
    for measure in measures:
        if measure.responsible != ResponsibleParty.POLICE:
            report(client, measure)

    assert queries() == few


@pytest.mark.django_db
def test_reports_of_other_tertials_do_not_let_a_tertial_be_compiled(client, coordinator):
    plan, measures = plan_and_measures()
    client.force_login(coordinator)
    coordinator_measures = [m for m in measures if m.responsible != ResponsibleParty.POLICE]
    police_measure = measures.filter(responsible=ResponsibleParty.POLICE).first()
    for measure in coordinator_measures:
        report(client, measure)
    # The police measure is reported in T1 2018 and in T2 2019, not in T2 2018.
    for tertial in (Tertial(2018, 1), Tertial(2019, 2)):
        MeasureReport.objects.create(
            measure=police_measure,
            year=tertial.year,
            tertial=tertial.number,
            party="police",
            status="ongoing",
            reported_by=coordinator.person,
        )

    response = client.post(reverse("followup:compile", args=[plan.pk, T2_2018.slug]), follow=True)

    assert "saknar rapport för T2 2018" in response.text
    assert not TertialCompilation.objects.exists()


@pytest.mark.django_db
def test_a_compiled_tertial_is_refused_in_sql_too(mjolby):
    """What bypasses save() (a queryset update, raw SQL) is refused by the database's triggers;
    a correction, a new report, is still taken."""
    from django.db import DatabaseError, transaction

    from safety_partnership.models import Person

    plan, measures = plan_and_measures()
    roger = Person.objects.get(name="Roger Max")
    reports = [
        MeasureReport.objects.create(
            measure=m,
            year=2018,
            tertial=2,
            party="municipality",
            status="ongoing",
            reported_by=roger,
        )
        for m in measures
    ]
    other_tertial = MeasureReport.objects.create(
        measure=reports[0].measure,
        year=2018,
        tertial=3,
        party="municipality",
        status="done",
        reported_by=roger,
    )
    compilation = TertialCompilation.objects.create(
        plan=plan, year=2018, tertial=2, compiled_by=roger
    )
    report_table, compilation_table = (
        MeasureReport._meta.db_table,
        TertialCompilation._meta.db_table,
    )
    history_table = MeasureReport.history.model._meta.db_table
    statements = [
        (f"UPDATE {report_table} SET comment = 'x' WHERE id = %s", reports[0].pk),
        (f"UPDATE {report_table} SET tertial = 3 WHERE id = %s", reports[0].pk),
        (f"UPDATE {report_table} SET tertial = 2 WHERE id = %s", other_tertial.pk),
        (f"DELETE FROM {report_table} WHERE id = %s", reports[0].pk),
        (f"UPDATE {history_table} SET comment = 'x' WHERE id = %s", reports[0].pk),
        (f"DELETE FROM {history_table} WHERE id = %s", reports[0].pk),
        (f"DELETE FROM {compilation_table} WHERE id = %s", compilation.pk),
        (f"UPDATE {compilation_table} SET tertial = 3 WHERE id = %s", compilation.pk),
    ]
    for sql, pk in statements:
        with (
            pytest.raises(DatabaseError, match="signed content cannot be changed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [pk])
    with pytest.raises(CompiledTertial):
        compilation.delete()

    assert list(MeasureReport.objects.filter(comment="x")) == []
    assert TertialCompilation.objects.filter(pk=compilation.pk, tertial=2).exists()
    MeasureReport.objects.create(
        measure=reports[0].measure,
        year=2018,
        tertial=2,
        party="municipality",
        status="done",
        reported_by=roger,
        corrects=reports[0],
    )
    other_tertial.comment = "T3 is open"
    other_tertial.save()
    assert MeasureReport.objects.filter(year=2018, tertial=2).count() == len(reports) + 1
