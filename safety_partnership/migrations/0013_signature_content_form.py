"""Each signature records the form of the content it hashed (CONTENT_FORM, models/documents.py):
those made so far hashed form 1, new ones form 2, in which a pledge's citizen dialogues and
its extension are signed too. So signatures made before still verify.

On PostgreSQL the document guard no longer lets a locked pledge's extension change: an
extension is now a revision that both parties sign (pledges/services.py)."""

from django.db import migrations, models

LOCKED = "('awaiting_signatures', 'signed', 'superseded')"
REFUSE = (
    "RAISE EXCEPTION '% %: signed content cannot be changed', TG_OP, TG_TABLE_NAME "
    "USING ERRCODE = 'check_violation'"
)


def document_guard(exempt: str) -> str:
    """register_guard_document of 0005; `exempt` are the columns a locked document may change."""
    return f"""
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
       AND (to_jsonb(OLD) - {exempt}) IS DISTINCT FROM (to_jsonb(NEW) - {exempt}) THEN
        {REFUSE};
    END IF;
    RETURN NEW;
END $$"""


def on_postgresql(statement: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement, params=None)

    return run


def form(default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(default=default, verbose_name="innehållets form")


class Migration(migrations.Migration):
    dependencies = [("safety_partnership", "0012_paper_signatures")]

    operations = [
        # Rows already there get 1 as the column is added; the model's default is 2.
        migrations.AddField("historicalsignature", "content_form", form(1)),
        migrations.AddField("signature", "content_form", form(1)),
        migrations.AlterField("historicalsignature", "content_form", form(2)),
        migrations.AlterField("signature", "content_form", form(2)),
        migrations.RunPython(
            on_postgresql(document_guard("'status'")),
            on_postgresql(document_guard("'status' - 'extended_to' - 'extension_note'")),
        ),
    ]
