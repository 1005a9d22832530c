"""The old per-kind links, copied by 0008, go."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("safety_partnership", "0008_copy_document_links")]

    operations = [
        migrations.RemoveConstraint(
            model_name='decisionbasis',
            name='decisionbasis_one_document_at_most',
        ),
        migrations.RemoveField(
            model_name='decisionbasis',
            name='action_plan',
        ),
        migrations.RemoveField(
            model_name='decisionbasis',
            name='agreement',
        ),
        migrations.RemoveField(
            model_name='decisionbasis',
            name='pledge',
        ),
        migrations.RemoveField(
            model_name='historicaldecisionbasis',
            name='action_plan',
        ),
        migrations.RemoveField(
            model_name='historicaldecisionbasis',
            name='agreement',
        ),
        migrations.RemoveField(
            model_name='historicaldecisionbasis',
            name='pledge',
        ),
        migrations.RemoveField(
            model_name='historicalsignature',
            name='agreement_version',
        ),
        migrations.RemoveField(
            model_name='historicalsignature',
            name='plan_version',
        ),
        migrations.RemoveField(
            model_name='historicalsignature',
            name='pledge_version',
        ),
        migrations.RemoveField(
            model_name='signature',
            name='agreement_version',
        ),
        migrations.RemoveField(
            model_name='signature',
            name='plan_version',
        ),
        migrations.RemoveField(
            model_name='signature',
            name='pledge_version',
        ),
        migrations.AddConstraint(
            model_name='decisionbasis',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('content_type__isnull', True), ('object_id__isnull', True)), models.Q(('content_type__isnull', False), ('object_id__isnull', False)), _connector='OR'), name='decisionbasis_document_linked_whole'),
        ),
    ]
