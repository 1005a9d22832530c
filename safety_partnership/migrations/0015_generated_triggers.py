"""The hand-written PostgreSQL triggers of 0004 and 0005 go: triggers made from the models
(safety_partnership/triggers.py) take their place after every migrate, on SQLite as well.

`migrate` drops the guard triggers before it runs and makes them again after; this
migration drops what is left of the old ones (and the helper function of 0005, which the
new triggers do not use) for a database migrated without those signals.
"""

from django.db import migrations

OLD_TRIGGERS = """
SELECT tgname, tgrelid::regclass::text FROM pg_trigger
WHERE NOT tgisinternal AND tgname LIKE 'register\\_guard\\_%'
"""
OLD_FUNCTIONS = """
SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = current_schema()
  AND (p.proname LIKE 'register\\_guard\\_%' OR p.proname = 'register_document_is_signed')
"""


def drop_old_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(OLD_TRIGGERS)
        for name, table in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')
        cursor.execute(OLD_FUNCTIONS)
        for (function,) in cursor.fetchall():
            cursor.execute(f"DROP FUNCTION IF EXISTS {function}")


class Migration(migrations.Migration):
    dependencies = [("safety_partnership", "0014_history_change_reason_text")]

    # Backwards, the next migrate makes the triggers from the models again.
    operations = [migrations.RunPython(drop_old_triggers, migrations.RunPython.noop)]
