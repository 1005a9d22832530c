"""The law's checklist (Lag 2023:196): per municipality, a lägesbild decided, an action plan
decided and in effect, a coordination function named, each with its date, read from the
register's own documents; on the dashboard and the partnership's page."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionPlan
from law.checklist import EXPIRED, FULFILLED, MISSING, checklist_for
from pledges.models import Pledge
from safety_partnership.models import CouncilCase, MinutesParagraph, Partnership, Person, Role
from tests.conftest import make_partnership
from tests.pdf_samples import frozen_clock

IN_2025 = date(2025, 3, 1)
IN_2019 = date(2019, 6, 1)


def lines(municipality, today=IN_2025) -> list[tuple[str, str, str]]:
    (checklist,) = checklist_for([municipality], today).values()
    return [(duty.label, duty.state, duty.text) for duty in checklist.duties]


def sign(document, *days) -> None:
    """Signed on paper by the two parties on the given days (None: the day is not known)."""
    for position, day in enumerate(days, start=1):
        document.signatures.create(position=position, name=f"Part {position}", signed_on=day)
    document.status = "signed"
    document.save()


def signed_plan(partnership, start, end, *days, problem="Inbrott i centrum") -> ActionPlan:
    plan = ActionPlan.objects.create(
        partnership=partnership,
        title=f"Handlingsplan {start.year}–{end.year}",
        period_start=start,
        period_end=end,
    )
    plan.focus_areas.create(position=1, title="Tillgreppsbrott", problem=problem)
    sign(plan, *days)
    return plan


def ks_decision(case: CouncilCase, number: int, on: date, outcome="decision") -> None:
    MinutesParagraph.objects.create(
        case=case, body="ks", number=number, meeting_date=on, outcome=outcome, decision="Antas."
    )


@pytest.mark.django_db
def test_mjolby_has_its_lagesbild_an_expired_plan_and_its_coordinator(mjolby):
    # The seed's plan and pledge are signed on paper without dates, and the case
    # KS/2017:359 holds only the committee's proposal (§ 6): no decision date is known.
    assert lines(mjolby.municipality) == [
        (
            "Lägesbild beslutad",
            FULFILLED,
            "Lägesbilden i Medborgarlöfte i Mjölby Kommun 2018, "
            "undertecknad, datum saknas i registret.",
        ),
        (
            "Åtgärdsplan beslutad",
            EXPIRED,
            "Åtgärdsplanen gällde till 31 december 2020: Handlingsplan för 2018-2020, "
            "undertecknad, datum saknas i registret.",
        ),
        ("Samordningsfunktion", FULFILLED, "Roger Max, Säkerhetssamordnare."),
    ]


@pytest.mark.django_db
def test_the_boards_decision_on_ks_2017_359_dates_the_plan_and_the_lagesbild(mjolby):
    case = CouncilCase.objects.get(diary_number="KS/2017:359")
    ks_decision(case, 3, date(2018, 1, 15), outcome="proposal")  # not a decision
    ks_decision(case, 12, date(2018, 1, 29))

    (checklist,) = checklist_for([mjolby.municipality], IN_2019).values()
    situation, plan, _coordination = checklist.duties

    decided = "beslutad 29 januari 2018 (Kommunstyrelsen § 12, Dnr KS/2017:359)."
    assert situation.text == f"Lägesbilden i Medborgarlöfte i Mjölby Kommun 2018, {decided}"
    assert plan.state == FULFILLED
    assert plan.text == f"Handlingsplan för 2018-2020, gäller 2018–2020, {decided}"
    assert plan.decided_on == situation.decided_on == date(2018, 1, 29)
    assert plan.document == ActionPlan.objects.get(pk=1)


@pytest.mark.django_db
def test_without_a_council_decision_the_day_the_last_party_signed_counts(mjolby):
    partnership = make_partnership()
    signed_plan(
        partnership, date(2024, 1, 1), date(2026, 12, 31), date(2023, 12, 4), date(2023, 12, 11)
    )

    _situation, plan, _coordination = lines(partnership.municipality)

    assert plan == (
        "Åtgärdsplan beslutad",
        FULFILLED,
        "Handlingsplan 2024–2026, gäller 2024–2026, undertecknad 11 december 2023.",
    )
    # Its problem pictures are the municipality's lägesbild when no pledge has one.
    assert _situation[1:] == (
        FULFILLED,
        "Problembilderna i Handlingsplan 2024–2026, undertecknad 11 december 2023.",
    )


@pytest.mark.django_db
def test_a_municipality_without_documents_or_coordinator_lacks_all_three(mjolby):
    partnership = make_partnership()
    draft = ActionPlan.objects.create(
        partnership=partnership, title="Utkast", period_start=IN_2025, period_end=date(2026, 1, 1)
    )
    draft.focus_areas.create(position=1, title="Trafik", problem="Fortkörning")
    Pledge.objects.create(
        partnership=partnership,
        title="Utkast",
        period_start=IN_2025,
        period_end=date(2025, 12, 31),
        situation="Otrygghet vid busstationen",
    )

    assert lines(partnership.municipality) == [
        ("Lägesbild beslutad", MISSING, "Ingen beslutad lägesbild finns i registret."),
        ("Åtgärdsplan beslutad", MISSING, "Ingen beslutad handlingsplan finns i registret."),
        ("Samordningsfunktion", MISSING, "Ingen aktiv säkerhetssamordnare är registrerad."),
    ]


@pytest.mark.django_db
def test_a_signed_plan_without_problem_pictures_is_no_lagesbild(mjolby):
    partnership = make_partnership()
    signed_plan(partnership, date(2024, 1, 1), date(2026, 12, 31), None, problem="")

    situation, plan, _coordination = lines(partnership.municipality)

    assert situation[1] == MISSING
    assert plan[1] == FULFILLED


@pytest.mark.django_db
def test_the_newest_plan_counts_and_an_expired_one_is_not_fulfilled(mjolby):
    partnership = make_partnership()
    signed_plan(partnership, date(2020, 1, 1), date(2022, 12, 31), date(2019, 12, 1))

    assert lines(partnership.municipality, date(2022, 12, 31))[1][1] == FULFILLED
    assert lines(partnership.municipality, date(2023, 1, 1))[1] == (
        "Åtgärdsplan beslutad",
        EXPIRED,
        "Åtgärdsplanen gällde till 31 december 2022: Handlingsplan 2020–2022, "
        "undertecknad 1 december 2019.",
    )

    signed_plan(partnership, date(2023, 1, 1), date(2025, 12, 31), date(2022, 11, 20))
    assert lines(partnership.municipality, date(2023, 1, 1))[1][1:] == (
        FULFILLED,
        "Handlingsplan 2023–2025, gäller 2023–2025, undertecknad 20 november 2022.",
    )


@pytest.mark.django_db
def test_only_an_active_coordinator_counts(mjolby):
    roger = Person.objects.get(name="Roger Max")
    roger.is_active = False
    roger.save()
    assert lines(mjolby.municipality)[2][1] == MISSING

    Person.objects.create(
        name="Sara Ek",
        title="Brottsförebyggande samordnare",
        role=Role.COORDINATOR,
        municipality=mjolby.municipality,
        active_from=date(2024, 9, 1),
    )
    Person.objects.create(
        name="Ulf Ås",
        role=Role.COORDINATOR,
        municipality=mjolby.municipality,
        active_until=date(2024, 8, 31),  # left
    )
    Person.objects.create(
        name="Kim Berg", role=Role.READER, municipality=mjolby.municipality
    )  # not a coordinator

    assert lines(mjolby.municipality)[2] == (
        "Samordningsfunktion",
        FULFILLED,
        "Sara Ek, Brottsförebyggande samordnare (sedan 1 september 2024).",
    )
    assert lines(mjolby.municipality, date(2024, 6, 1))[2][2] == "Ulf Ås."


@pytest.mark.django_db
def test_the_dashboard_and_the_partnership_page_show_the_checklist(
    client, coordinator, police_chief, mjolby
):
    with frozen_clock(datetime(2025, 3, 1, 10, tzinfo=UTC)):
        client.force_login(coordinator)
        dashboard = client.get("/").text
        # A police area's people read it on each partnership's page, not on the dashboard.
        client.force_login(police_chief)
        page = client.get(mjolby.get_absolute_url()).text
        assert "Lagens krav på" not in client.get("/").text

    for text in (dashboard, page):
        assert "Lagens krav på Mjölby kommun" in text
        assert "Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete" in text
        assert "<dt>Lägesbild beslutad</dt>" in text
        assert "<strong>Inte uppfyllt.</strong> Åtgärdsplanen gällde till 31 december 2020:" in text
        assert f'<a href="/handlingsplaner/{ActionPlan.objects.get().pk}/">' in text
        assert "<strong>Uppfyllt.</strong> Roger Max, Säkerhetssamordnare." in text
    assert '<h2 id="lagens-krav-' in page
    assert '<h3 id="lagens-krav-' in dashboard


@pytest.mark.django_db
def test_the_checklist_runs_the_same_queries_for_three_municipalities(mjolby):
    def counted(municipalities) -> int:
        with CaptureQueriesContext(connection) as queries:
            checklist_for(municipalities, IN_2025)
        return len(queries)

    one = counted([mjolby.municipality])
    others = []
    for year in (2023, 2024):
        partnership = make_partnership(mjolby.police_area)
        signed_plan(partnership, date(year, 1, 1), date(year + 2, 12, 31), date(year - 1, 12, 1))
        ks_decision(
            CouncilCase.objects.create(
                municipality=partnership.municipality, diary_number=f"KS/{year}:1", title="Plan"
            ),
            1,
            date(year - 1, 11, 1),
        )
        Person.objects.create(
            name=f"Samordnare {year}", role=Role.COORDINATOR, municipality=partnership.municipality
        )
        others.append(partnership.municipality)

    assert counted([mjolby.municipality, *others]) == one <= 7


@pytest.mark.django_db
def test_the_superusers_dashboard_runs_the_same_queries_for_three_municipalities(
    client, superuser, mjolby
):
    client.force_login(superuser)
    # In 2019 every municipality's plan is in effect, so the follow-up asks the same throughout.

    def counted() -> int:
        with frozen_clock(datetime(2019, 6, 1, 10, tzinfo=UTC)):
            with CaptureQueriesContext(connection) as queries:
                text = client.get("/").text
        # Each partnership in the table, with a link to its page and its checklist.
        assert text.count('class="overview__row"') == Partnership.objects.count()
        return len(queries)

    one = counted()
    for name in ("Anna", "Bo"):
        partnership = make_partnership(mjolby.police_area)
        signed_plan(partnership, date(2019, 1, 1), date(2021, 12, 31), date(2018, 12, 1))
        Person.objects.create(
            name=name, role=Role.COORDINATOR, municipality=partnership.municipality
        )

    assert counted() == one
