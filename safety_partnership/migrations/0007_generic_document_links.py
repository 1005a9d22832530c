"""Signatures and decision-basis lines link to documents of any registered kind.

A signature's signed version was one foreign key per kind of document (agreement_version,
plan_version, pledge_version); it is now the history_id of the signed record, read through
the signature's own (generic) document. A decision-basis line's three foreign keys become
one generic link. The data is copied as it is; on PostgreSQL the guards that refuse any
change to a signed document's signatures are set aside for this copy alone.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("safety_partnership", "0006_archived_pdf"),
    ]

    operations = [
        migrations.AddField(
            model_name='decisionbasis',
            name='content_type',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AddField(
            model_name='decisionbasis',
            name='object_id',
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicaldecisionbasis',
            name='content_type',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AddField(
            model_name='historicaldecisionbasis',
            name='object_id',
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalsignature',
            name='signed_history_id',
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name='undertecknad version'),
        ),
        migrations.AddField(
            model_name='signature',
            name='signed_history_id',
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name='undertecknad version'),
        ),
    ]
