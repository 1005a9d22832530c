"""On PostgreSQL, triggers refuse in SQL what the models refuse in Python: changing a signed
document, a row of one, or the history behind them. They guard against raw SQL and any
other path that skips save(). (SQLite relies on the Python guards alone.)"""

from django.db import migrations

FROZEN = "('signed', 'superseded')"


def frozen(table: str, id_sql: str) -> str:
    return f"EXISTS (SELECT 1 FROM {table} d WHERE d.id = {id_sql} AND d.status IN {FROZEN})"


PLAN_OF_AREA = "(SELECT a.plan_id FROM actionplans_focusarea a WHERE a.id = {}.focus_area_id)"

# (table, events, is the old row frozen?, is the new row frozen?)
ROW_GUARDS = [
    ("actionplans_focusarea", "INSERT OR UPDATE OR DELETE",
     frozen("actionplans_actionplan", "OLD.plan_id"), frozen("actionplans_actionplan", "NEW.plan_id")),
    ("actionplans_measure", "INSERT OR UPDATE OR DELETE",
     frozen("actionplans_actionplan", PLAN_OF_AREA.format("OLD")),
     frozen("actionplans_actionplan", PLAN_OF_AREA.format("NEW"))),
    ("pledges_promise", "INSERT OR UPDATE OR DELETE",
     frozen("pledges_pledge", "OLD.pledge_id"), frozen("pledges_pledge", "NEW.pledge_id")),
    # History: a record of a signed document or of its rows is never changed or pruned.
    ("agreements_historicalagreement", "UPDATE OR DELETE",
     frozen("agreements_agreement", "OLD.id"), "false"),
    ("actionplans_historicalactionplan", "UPDATE OR DELETE",
     frozen("actionplans_actionplan", "OLD.id"), "false"),
    ("pledges_historicalpledge", "UPDATE OR DELETE", frozen("pledges_pledge", "OLD.id"), "false"),
    ("actionplans_historicalfocusarea", "UPDATE OR DELETE",
     frozen("actionplans_actionplan", "OLD.plan_id"), "false"),
    ("actionplans_historicalmeasure", "UPDATE OR DELETE",
     frozen("actionplans_actionplan", PLAN_OF_AREA.format("OLD")), "false"),
    ("pledges_historicalpromise", "UPDATE OR DELETE",
     frozen("pledges_pledge", "OLD.pledge_id"), "false"),
]
DOCUMENT_TABLES = ["agreements_agreement", "actionplans_actionplan", "pledges_pledge"]

REFUSE = "RAISE EXCEPTION '% %: signed content cannot be changed', TG_OP, TG_TABLE_NAME " \
    "USING ERRCODE = 'check_violation'"

DOCUMENT_GUARD = f"""
CREATE FUNCTION register_guard_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN {FROZEN} THEN
        IF TG_OP = 'DELETE' OR NEW.status NOT IN {FROZEN}
           OR (to_jsonb(OLD) - 'status' - 'extended_to' - 'extension_note')
              IS DISTINCT FROM (to_jsonb(NEW) - 'status' - 'extended_to' - 'extension_note') THEN
            {REFUSE};
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$"""


def row_guard(table: str, events: str, old_frozen: str, new_frozen: str) -> list[str]:
    name = f"register_guard_{table}"
    return [
        f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' AND {old_frozen} THEN {REFUSE}; END IF;
            IF TG_OP <> 'DELETE' AND {new_frozen} THEN {REFUSE}; END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""",
        f"CREATE TRIGGER {name} BEFORE {events} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


FORWARD = [DOCUMENT_GUARD] + [
    f"CREATE TRIGGER register_guard_document BEFORE UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION register_guard_document()"
    for table in DOCUMENT_TABLES
] + [statement for guard in ROW_GUARDS for statement in row_guard(*guard)]

BACKWARD = [
    f"DROP TRIGGER IF EXISTS register_guard_document ON {table}" for table in DOCUMENT_TABLES
] + ["DROP FUNCTION IF EXISTS register_guard_document()"] + [
    statement
    for table, *_ in ROW_GUARDS
    for statement in (
        f"DROP TRIGGER IF EXISTS register_guard_{table} ON {table}",
        f"DROP FUNCTION IF EXISTS register_guard_{table}()",
    )
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("safety_partnership", "0003_signing_events"),
        ("agreements", "0003_document_copied_from"),
        ("actionplans", "0003_document_copied_from"),
        ("pledges", "0004_document_copied_from"),
    ]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
