"""PostgreSQL triggers, second round: a document awaiting signatures is locked as well,
a status may only move draft -> awaiting -> signed -> superseded (or back to draft from
awaiting), and signatures of a signed document and their history are guarded too."""

from django.db import migrations

LOCKED = "('awaiting_signatures', 'signed', 'superseded')"
FROZEN = "('signed', 'superseded')"
REFUSE = (
    "RAISE EXCEPTION '% %: signed content cannot be changed', TG_OP, TG_TABLE_NAME "
    "USING ERRCODE = 'check_violation'"
)

DOCUMENT_GUARD = f"""
CREATE OR REPLACE FUNCTION register_guard_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status IN {LOCKED} THEN {REFUSE}; END IF;
        RETURN OLD;
    END IF;
    IF NOT (NEW.status = OLD.status
            OR (OLD.status = 'draft' AND NEW.status IN ('awaiting_signatures', 'signed'))
            OR (OLD.status = 'awaiting_signatures' AND NEW.status IN ('draft', 'signed'))
            OR (OLD.status = 'signed' AND NEW.status = 'superseded')) THEN
        {REFUSE};
    END IF;
    IF OLD.status IN {LOCKED}
       AND (to_jsonb(OLD) - 'status' - 'extended_to' - 'extension_note')
           IS DISTINCT FROM (to_jsonb(NEW) - 'status' - 'extended_to' - 'extension_note') THEN
        {REFUSE};
    END IF;
    RETURN NEW;
END $$"""


def locked(table: str, id_sql: str) -> str:
    return f"EXISTS (SELECT 1 FROM {table} d WHERE d.id = {id_sql} AND d.status IN {LOCKED})"


PLAN_OF_AREA = "(SELECT a.plan_id FROM actionplans_focusarea a WHERE a.id = {}.focus_area_id)"
ROWS = [
    (
        "actionplans_focusarea",
        locked("actionplans_actionplan", "OLD.plan_id"),
        locked("actionplans_actionplan", "NEW.plan_id"),
    ),
    (
        "actionplans_measure",
        locked("actionplans_actionplan", PLAN_OF_AREA.format("OLD")),
        locked("actionplans_actionplan", PLAN_OF_AREA.format("NEW")),
    ),
    (
        "pledges_promise",
        locked("pledges_pledge", "OLD.pledge_id"),
        locked("pledges_pledge", "NEW.pledge_id"),
    ),
]

# A signature's document is a generic link: its table is named after the content type.
SIGNED_DOCUMENT = f"""
CREATE OR REPLACE FUNCTION register_document_is_signed(content_type integer, document bigint)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    document_table text;
    document_status text;
BEGIN
    SELECT app_label || '_' || model INTO document_table
      FROM django_content_type WHERE id = content_type;
    IF document_table NOT IN ('agreements_agreement', 'actionplans_actionplan',
                              'pledges_pledge') THEN
        RETURN false;
    END IF;
    EXECUTE format('SELECT status FROM %I WHERE id = $1', document_table)
       INTO document_status USING document;
    RETURN document_status IN {FROZEN};
END $$"""


def guard(table: str, events: str, old_check: str, new_check: str) -> list[str]:
    name = f"register_guard_{table}"
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' AND {old_check} THEN {REFUSE}; END IF;
            IF TG_OP <> 'DELETE' AND {new_check} THEN {REFUSE}; END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} BEFORE {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


SIGNED_OLD = "register_document_is_signed(OLD.content_type_id, OLD.object_id)"
SIGNED_NEW = "register_document_is_signed(NEW.content_type_id, NEW.object_id)"

FORWARD = [
    DOCUMENT_GUARD,
    SIGNED_DOCUMENT,
    *[s for table, old, new in ROWS for s in guard(table, "INSERT OR UPDATE OR DELETE", old, new)],
    *guard("safety_partnership_signature", "INSERT OR UPDATE OR DELETE", SIGNED_OLD, SIGNED_NEW),
    *guard("safety_partnership_historicalsignature", "UPDATE OR DELETE", SIGNED_OLD, "false"),
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS register_guard_safety_partnership_signature "
    "ON safety_partnership_signature",
    "DROP FUNCTION IF EXISTS register_guard_safety_partnership_signature()",
    "DROP TRIGGER IF EXISTS register_guard_safety_partnership_historicalsignature "
    "ON safety_partnership_historicalsignature",
    "DROP FUNCTION IF EXISTS register_guard_safety_partnership_historicalsignature()",
    "DROP FUNCTION IF EXISTS register_document_is_signed(integer, bigint)",
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("safety_partnership", "0004_frozen_triggers")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
