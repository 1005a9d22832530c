"""Frozen in raw SQL, on PostgreSQL: its triggers refuse to change or delete the signed plan
and pledge of the Mjölby seed, their rows, signatures and history, but let the plan be
superseded and a draft's rows be changed. SQLite relies on the Python guards alone.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from tests.safety_partnership.frozen_helpers import (
    TARGETS,
    first_measure,
    history_ids,
    register_state,
    signed_plan,
    signed_pledge,
    tillgrepp,
)

POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite relies on the Python guards"
)


def raw(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@POSTGRESQL_ONLY
@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql,target",
    [
        ("UPDATE actionplans_measure SET description = 'x' WHERE id = %s", "measure"),
        ("DELETE FROM actionplans_measure WHERE id = %s", "measure"),
        ("UPDATE actionplans_focusarea SET title = 'x' WHERE id = %s", "area"),
        ("UPDATE actionplans_actionplan SET title = 'x' WHERE id = %s", "plan"),
        ("UPDATE actionplans_actionplan SET status = 'draft' WHERE id = %s", "plan"),
        ("DELETE FROM actionplans_actionplan WHERE id = %s", "plan"),
        ("UPDATE pledges_pledge SET title = 'Ett annat löfte' WHERE id = %s", "pledge"),
        ("UPDATE pledges_promise SET text = 'x' WHERE id = %s", "promise"),
        ("DELETE FROM pledges_promise WHERE id = %s", "promise"),
        ("DELETE FROM actionplans_historicalactionplan WHERE id = %s", "plan"),
        ("UPDATE actionplans_historicalmeasure SET description = 'x' WHERE id = %s", "measure"),
        ("DELETE FROM pledges_historicalpromise WHERE id = %s", "promise"),
        ("UPDATE pledges_pledge SET extended_to = '2019-12-31' WHERE id = %s", "pledge"),
        ("DELETE FROM pledges_pledgedialogue WHERE id = %s", "link"),
        ("UPDATE pledges_pledgedialogue SET dialogue_id = dialogue_id WHERE id = %s", "link"),
        ("DELETE FROM pledges_historicalpledgedialogue WHERE id = %s", "link"),
        ("UPDATE pledges_citizendialogue SET town = 'Mantorp' WHERE id = %s", "dialogue"),
        ("DELETE FROM pledges_citizendialogue WHERE id = %s", "dialogue"),
        ("DELETE FROM pledges_historicalcitizendialogue WHERE id = %s", "dialogue"),
    ],
    ids=lambda value: value if value in TARGETS else value.split(" SET")[0].split(" WHERE")[0],
)
def test_raw_sql_cannot_change_signed_content(mjolby, sql, target):
    before = register_state()
    history = history_ids()

    with pytest.raises(DatabaseError), transaction.atomic():
        raw(sql, TARGETS[target]())

    assert register_state() == before
    assert history_ids() == history


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_raw_sql_cannot_add_a_measure_to_the_signed_plan(mjolby):
    before = register_state()

    with pytest.raises(DatabaseError), transaction.atomic():
        raw(
            "INSERT INTO actionplans_measure (focus_area_id, position, description, responsible,"
            " other_parties, responsible_note) VALUES (%s, 99, 'x', 'joint', '', '')",
            tillgrepp(signed_plan()).pk,
        )

    assert register_state() == before


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_raw_sql_may_supersede_the_signed_plan(mjolby):
    plan = signed_plan()

    raw("UPDATE actionplans_actionplan SET status = 'superseded' WHERE id = %s", plan.pk)

    plan.refresh_from_db()
    assert plan.status == "superseded"


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_raw_sql_may_change_a_draft_plans_measure(mjolby, draft_plan):
    measure = first_measure(draft_plan)

    raw("UPDATE actionplans_measure SET description = 'x' WHERE id = %s", measure.pk)

    measure.refresh_from_db()
    assert measure.description == "x"


@POSTGRESQL_ONLY
@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE safety_partnership_signature SET name = 'Någon annan' WHERE id = %s",
        "DELETE FROM safety_partnership_signature WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_raw_sql_cannot_change_the_signatures_of_the_signed_pledge(mjolby, sql):
    before = register_state()

    with pytest.raises(DatabaseError), transaction.atomic():
        raw(sql, signed_pledge().signatures.first().pk)

    assert register_state() == before
