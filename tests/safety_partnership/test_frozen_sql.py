"""Frozen in raw SQL, on SQLite and PostgreSQL alike: the triggers made from the models
(safety_partnership/triggers.py) refuse to change or delete the signed plan and pledge of the
Mjölby seed, their rows, signatures, archived PDF and history, a signed report of the
test-only fourth kind, and the content of a pledge awaiting signatures; they refuse a forged
or backdated history record too. They let the plan be superseded, a draft's rows change, a
signatory sign, and a pledge awaiting signatures go back to draft.
"""

import hashlib
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction

from actionplans.models import ActionPlan, Measure
from safety_partnership.freezing import guarded_models
from safety_partnership.models import ArchivedPdf, Signature
from safety_partnership.pdf.models import SignedPaper
from safety_partnership.signing import services as signing
from tests.extra_kind.models import Observation, SafetyWalkReport
from tests.safety_partnership.frozen_helpers import (
    TARGETS,
    first_measure,
    history_ids,
    register_state,
    signed_plan,
    signed_pledge,
    tillgrepp,
)
from tests.safety_partnership.signing_helpers import sign_on_paper


def raw(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused(sql: str, *params) -> None:
    with (
        pytest.raises(DatabaseError, match="signed content cannot be changed"),
        transaction.atomic(),
    ):
        raw(sql, *params)


def stored(*models) -> dict:
    """Every row of the models and of their history, to compare before and after."""
    return {
        model._meta.label: (
            list(model._base_manager.order_by("pk").values()),
            list(model.history.order_by("history_id").values()),
        )
        for model in models
    }


def when(moment) -> str:
    """A moment as Django stores it on this database, for a raw INSERT."""
    return connection.ops.adapt_datetimefield_value(moment)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql,target",
    [
        ("UPDATE actionplans_measure SET description = 'x' WHERE id = %s", "measure"),
        ("DELETE FROM actionplans_measure WHERE id = %s", "measure"),
        ("UPDATE actionplans_focusarea SET title = 'x' WHERE id = %s", "area"),
        ("UPDATE actionplans_actionplan SET title = 'x' WHERE id = %s", "plan"),
        ("UPDATE actionplans_actionplan SET status = 'draft' WHERE id = %s", "plan"),
        ("UPDATE actionplans_actionplan SET status = 'awaiting_signatures' WHERE id = %s", "plan"),
        ("DELETE FROM actionplans_actionplan WHERE id = %s", "plan"),
        ("UPDATE pledges_pledge SET title = 'Ett annat löfte' WHERE id = %s", "pledge"),
        ("UPDATE pledges_promise SET text = 'x' WHERE id = %s", "promise"),
        ("DELETE FROM pledges_promise WHERE id = %s", "promise"),
        ("UPDATE safety_partnership_signature SET name = 'Någon annan' WHERE id = %s", "signature"),
        ("DELETE FROM safety_partnership_signature WHERE id = %s", "signature"),
        ("DELETE FROM actionplans_historicalactionplan WHERE id = %s", "plan"),
        (
            "UPDATE actionplans_historicalactionplan SET history_change_reason = 'x' WHERE id = %s",
            "plan",
        ),
        ("DELETE FROM actionplans_historicalfocusarea WHERE id = %s", "area"),
        ("UPDATE actionplans_historicalmeasure SET description = 'x' WHERE id = %s", "measure"),
        ("UPDATE pledges_historicalpledge SET title = 'x' WHERE id = %s", "pledge"),
        ("DELETE FROM pledges_historicalpromise WHERE id = %s", "promise"),
        ("UPDATE pledges_pledge SET extended_to = '2019-12-31' WHERE id = %s", "pledge"),
        ("DELETE FROM pledges_pledgedialogue WHERE id = %s", "link"),
        ("UPDATE pledges_pledgedialogue SET dialogue_id = dialogue_id WHERE id = %s", "link"),
        ("DELETE FROM pledges_historicalpledgedialogue WHERE id = %s", "link"),
        ("UPDATE pledges_citizendialogue SET town = 'Mantorp' WHERE id = %s", "dialogue"),
        ("DELETE FROM pledges_citizendialogue WHERE id = %s", "dialogue"),
        ("DELETE FROM pledges_historicalcitizendialogue WHERE id = %s", "dialogue"),
        ("UPDATE safety_partnership_historicalsignature SET name = 'x' WHERE id = %s", "signature"),
        ("DELETE FROM safety_partnership_historicalsignature WHERE id = %s", "signature"),
    ],
    ids=lambda value: value if value in TARGETS else value.split(" SET")[0].split(" WHERE")[0],
)
def test_raw_sql_cannot_change_signed_content(mjolby, sql, target):
    before = register_state()
    history = history_ids()

    refused(sql, TARGETS[target]())

    assert register_state() == before
    assert history_ids() == history


@pytest.mark.django_db
def test_raw_sql_cannot_add_a_measure_to_the_signed_plan(mjolby):
    before = register_state()

    refused(
        "INSERT INTO actionplans_measure (focus_area_id, position, description, responsible,"
        " other_parties, responsible_note) VALUES (%s, 99, 'x', 'joint', '', '')",
        tillgrepp(signed_plan()).pk,
    )

    assert register_state() == before


@pytest.mark.django_db
def test_a_raw_upsert_cannot_rewrite_a_measure_of_the_signed_plan(mjolby):
    measure = first_measure(signed_plan())
    before = register_state()

    refused(
        "INSERT INTO actionplans_measure (id, focus_area_id, position, description, responsible,"
        " other_parties, responsible_note) VALUES (%s, %s, %s, 'Omskriven', 'joint', '', '')"
        " ON CONFLICT (id) DO UPDATE SET description = excluded.description",
        measure.pk,
        measure.focus_area_id,
        measure.position,
    )

    assert register_state() == before


@pytest.mark.django_db
def test_raw_sql_cannot_add_a_signature_to_the_signed_pledge(mjolby):
    before = register_state()

    refused(
        "INSERT INTO safety_partnership_signature (content_type_id, object_id, position, name,"
        " title, place, method, role, content_hash, verification_code)"
        " VALUES (%s, %s, 9, 'En tredje part', '', '', 'paper', '', '', '')",
        ContentType.objects.get(app_label="pledges", model="pledge").pk,
        signed_pledge().pk,
    )

    assert register_state() == before


FORGED = "En åtgärd som aldrig fanns"


def forge_measure_record(measure_id: int, area_id: int, moment, description: str) -> None:
    raw(
        "INSERT INTO actionplans_historicalmeasure (id, focus_area_id, position, description,"
        " responsible, other_parties, responsible_note, history_date, history_type,"
        " history_change_reason, history_user_id)"
        " VALUES (%s, %s, 99, %s, 'joint', '', '', %s, '+', NULL, NULL)",
        measure_id,
        area_id,
        description,
        when(moment),
    )


@pytest.mark.django_db
def test_a_forged_history_record_of_the_signed_plan_is_refused_and_never_shown(client, coordinator):
    plan = signed_plan()
    signed_at = plan.history.latest().history_date
    before, history = register_state(), history_ids()

    with (
        pytest.raises(DatabaseError, match="signed content cannot be changed"),
        transaction.atomic(),
    ):
        forge_measure_record(10**6, tillgrepp(plan).pk, signed_at - timedelta(days=1), FORGED)

    assert register_state() == before and history_ids() == history
    client.force_login(coordinator)
    page = client.get(plan.as_of_url, {"tid": signed_at.isoformat()})
    assert page.status_code == 200 and "Tillgreppsbrott" in page.text
    assert FORGED not in page.text


@pytest.mark.django_db
def test_a_backdated_copy_of_a_signed_measure_is_refused(mjolby):
    measure = first_measure(signed_plan())
    earliest = measure.history.earliest().history_date
    history = history_ids()

    # Its values are the measure's own, but dated before its history began: it would show
    # the measure in the plan as it was before the measure was written.
    with (
        pytest.raises(DatabaseError, match="signed content cannot be changed"),
        transaction.atomic(),
    ):
        forge_measure_record(
            measure.pk, measure.focus_area_id, earliest - timedelta(days=30), measure.description
        )

    assert history_ids() == history


@pytest.mark.django_db
def test_raw_sql_may_record_the_signed_plan_as_it_is_now(mjolby):
    """What django-simple-history writes after a save: the row as it is, dated now."""
    plan = signed_plan()
    count = plan.history.count()
    columns = [f.column for f in ActionPlan._meta.concrete_fields]
    listed = ", ".join(columns)

    raw(
        f"INSERT INTO actionplans_historicalactionplan ({listed}, history_date, history_type)"
        f" SELECT {listed}, %s, '~' FROM actionplans_actionplan WHERE id = %s",
        when(plan.history.latest().history_date + timedelta(seconds=1)),
        plan.pk,
    )

    assert plan.history.count() == count + 1


@pytest.mark.django_db
def test_raw_sql_may_supersede_the_signed_plan_but_never_sign_it_again(mjolby):
    plan = signed_plan()

    raw("UPDATE actionplans_actionplan SET status = 'superseded' WHERE id = %s", plan.pk)
    refused("UPDATE actionplans_actionplan SET status = 'signed' WHERE id = %s", plan.pk)

    plan.refresh_from_db()
    assert plan.status == "superseded"


@pytest.mark.django_db
def test_raw_sql_may_change_a_draft_plans_measure(mjolby, draft_plan):
    measure = first_measure(draft_plan)

    raw("UPDATE actionplans_measure SET description = 'x' WHERE id = %s", measure.pk)

    measure.refresh_from_db()
    assert measure.description == "x"


# A pledge awaiting signatures: what it says is locked, its signatures are being made.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE pledges_pledge SET title = 'Ett annat löfte' WHERE id = %s",
        "UPDATE pledges_promise SET text = 'x' WHERE pledge_id = %s",
        "DELETE FROM pledges_promise WHERE pledge_id = %s",
        "DELETE FROM pledges_pledge WHERE id = %s",
    ],
    ids=["title", "promise", "delete promise", "delete pledge"],
)
def test_raw_sql_cannot_change_a_pledge_awaiting_signatures(awaiting, sql):
    from pledges.models import Pledge, Promise

    before = stored(Pledge, Promise)

    refused(sql, awaiting.pk)

    assert stored(Pledge, Promise) == before


@pytest.mark.django_db
def test_a_pledge_awaiting_signatures_is_signed_and_may_go_back_to_draft(awaiting, people):
    _coordinator, police_chief, _chair = people

    signing.sign(document=awaiting, user=police_chief, password="secret-pass-1")
    raw("UPDATE pledges_pledge SET status = 'draft' WHERE id = %s", awaiting.pk)

    awaiting.refresh_from_db()
    assert awaiting.status == "draft"
    assert awaiting.signatures.filter(signed_at__isnull=False).count() == 1


# The archived PDF of the signed plan.


@pytest.fixture
def archived_plan(mjolby) -> ArchivedPdf:
    """The signed plan's archive, kept as the archive task keeps it (bytes made up here)."""
    pdf = b"%PDF-1.7 Handlingsplan 2018-2020"
    return ArchivedPdf.objects.create(
        document=signed_plan(), pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE safety_partnership_archivedpdf SET pdf = %s WHERE id = %s",
        "UPDATE safety_partnership_archivedpdf SET sha256 = %s WHERE id = %s",
        "UPDATE safety_partnership_historicalarchivedpdf SET sha256 = %s WHERE id = %s",
    ],
    ids=["bytes", "hash", "history"],
)
def test_raw_sql_cannot_change_the_archived_pdf_of_the_signed_plan(archived_plan, sql):
    before = stored(ArchivedPdf)
    forged = b"%PDF-1.7 forged"
    value = forged if "SET pdf" in sql else hashlib.sha256(forged).hexdigest()

    refused(sql, value, archived_plan.pk)

    assert stored(ArchivedPdf) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "table", ["safety_partnership_archivedpdf", "safety_partnership_historicalarchivedpdf"]
)
def test_raw_sql_cannot_delete_the_archived_pdf_of_the_signed_plan(archived_plan, table):
    before = stored(ArchivedPdf)

    refused(f"DELETE FROM {table} WHERE id = %s", archived_plan.pk)

    assert stored(ArchivedPdf) == before


# The test-only fourth kind (tests/extra_kind) is guarded without a line of its own.


@pytest.fixture
def signed_report(mjolby) -> SafetyWalkReport:
    report = SafetyWalkReport.objects.create(
        partnership=mjolby,
        title="Trygghetsvandring Järnvägsgatan 2018",
        period_start=date(2018, 4, 12),
        period_end=date(2018, 12, 31),
    )
    Observation.objects.create(report=report, position=1, text="Trasig belysning")
    sign_on_paper(report)
    return report


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE extra_kind_safetywalkreport SET route = 'x' WHERE id = %s",
        "DELETE FROM extra_kind_safetywalkreport WHERE id = %s",
        "UPDATE extra_kind_observation SET text = 'x' WHERE report_id = %s",
        "DELETE FROM extra_kind_observation WHERE report_id = %s",
        "INSERT INTO extra_kind_observation (report_id, position, text) VALUES (%s, 2, 'x')",
        "UPDATE extra_kind_historicalobservation SET text = 'x' WHERE report_id = %s",
        "DELETE FROM extra_kind_historicalsafetywalkreport WHERE id = %s",
        "UPDATE safety_partnership_signature SET name = 'x' WHERE object_id = %s"
        " AND content_type_id = (SELECT id FROM django_content_type"
        " WHERE app_label = 'extra_kind' AND model = 'safetywalkreport')",
    ],
    ids=lambda sql: " ".join(sql.split()[:3]),
)
def test_raw_sql_cannot_change_a_signed_report_of_the_fourth_kind(signed_report, sql):
    before = stored(SafetyWalkReport, Observation, Signature)

    refused(sql, signed_report.pk)

    assert stored(SafetyWalkReport, Observation, Signature) == before


def tables_with_guards() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master"
                " WHERE type = 'trigger' AND name LIKE 'register_guard_%'"
            )
        else:
            cursor.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger"
                " WHERE NOT tgisinternal AND tgname LIKE 'register_guard_%'"
            )
        return {table for (table,) in cursor.fetchall()}


@pytest.mark.django_db
def test_the_test_database_has_a_guard_on_every_table_of_signed_content(mjolby):
    """Made from the models after migrate: the document kinds, their rows, signatures,
    archived PDFs and scans, and the history of each, the fourth kind's included."""
    guarded = tables_with_guards()

    for model in (SafetyWalkReport, Observation, Measure, ArchivedPdf, SignedPaper, Signature):
        assert model._meta.db_table in guarded
        assert model.history.model._meta.db_table in guarded
    assert {m._meta.db_table for m in guarded_models()} <= guarded
