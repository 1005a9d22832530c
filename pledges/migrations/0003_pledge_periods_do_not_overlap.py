"""Pledges of one partnership must not overlap: a trigger, since SQLite has no exclusion
constraints and the rule (a revision may overlap what it revises, a superseded pledge no
longer counts) is more than PostgreSQL's EXCLUDE can say. Pledge.overlapping() mirrors it."""

from django.db import migrations

CLASH = """
    SELECT 1 FROM pledges_pledge p
    WHERE p.partnership_id = NEW.partnership_id
      AND p.id <> NEW.id
      AND p.status <> 'superseded'
      AND p.period_start <= COALESCE(NEW.extended_to, NEW.period_end)
      AND NEW.period_start <= COALESCE(p.extended_to, p.period_end)
      AND (NEW.revision_of_id IS NULL OR p.id <> NEW.revision_of_id)
      AND (p.revision_of_id IS NULL OR p.revision_of_id <> NEW.id)
"""
MESSAGE = "pledges_pledge: the period overlaps another pledge of the partnership"

SQLITE = [
    f"""CREATE TRIGGER pledges_pledge_no_overlap_{event.lower()}
        BEFORE {event} ON pledges_pledge
        WHEN NEW.status <> 'superseded' AND EXISTS ({CLASH})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
    for event in ("INSERT", "UPDATE")
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS pledges_pledge_no_overlap_insert",
    "DROP TRIGGER IF EXISTS pledges_pledge_no_overlap_update",
]

POSTGRESQL = [
    f"""CREATE FUNCTION pledges_pledge_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.status = 'superseded' THEN
            RETURN NEW;
        END IF;
        -- Serialise writers per partnership so two concurrent inserts cannot both pass.
        PERFORM 1 FROM safety_partnership_partnership WHERE id = NEW.partnership_id FOR UPDATE;
        IF EXISTS ({CLASH}) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'exclusion_violation';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER pledges_pledge_no_overlap BEFORE INSERT OR UPDATE ON pledges_pledge
       FOR EACH ROW EXECUTE FUNCTION pledges_pledge_no_overlap()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS pledges_pledge_no_overlap ON pledges_pledge",
    "DROP FUNCTION IF EXISTS pledges_pledge_no_overlap()",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("pledges", "0002_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
