"""The data of 0007: signatures and decision-basis lines link to documents of any registered kind.

A signature's signed version was one foreign key per kind of document (agreement_version,
plan_version, pledge_version); it is now the history_id of the signed record, read through
the signature's own (generic) document. A decision-basis line's three foreign keys become
one generic link. The data is copied as it is; on PostgreSQL the guards that refuse any
change to a signed document's signatures are set aside for this copy alone.
"""

from django.db import migrations

DOCUMENTS = [("agreements", "agreement"), ("actionplans", "actionplan"), ("pledges", "pledge")]
LINKS = {"agreements": "agreement_id", "actionplans": "action_plan_id", "pledges": "pledge_id"}
SIGNATURE_TABLES = ["safety_partnership_signature", "safety_partnership_historicalsignature"]
BASIS_TABLES = ["safety_partnership_decisionbasis", "safety_partnership_historicaldecisionbasis"]


def copy_links(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        for table in SIGNATURE_TABLES:
            schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    for table in SIGNATURE_TABLES:
        schema_editor.execute(
            f"UPDATE {table} SET signed_history_id = "
            "COALESCE(agreement_version_id, plan_version_id, pledge_version_id)"
        )
    for app_label, model in DOCUMENTS:
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        column = LINKS[app_label]
        for table in BASIS_TABLES:
            schema_editor.execute(
                f"UPDATE {table} SET content_type_id = %s, object_id = {column} "
                f"WHERE {column} IS NOT NULL",
                [content_type.pk],
            )
    if postgresql:
        for table in SIGNATURE_TABLES:
            schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


class Migration(migrations.Migration):
    # Its own migration (and so its own transaction on PostgreSQL): the columns are
    # dropped in 0009, after these updates have committed.
    dependencies = [("safety_partnership", "0007_generic_document_links")]

    operations = [migrations.RunPython(copy_links, migrations.RunPython.noop)]
