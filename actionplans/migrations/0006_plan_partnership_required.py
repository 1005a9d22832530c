"""Every plan names its partnership itself, so that it may stand without an agreement:
filled in from the plan's agreement, for the plans and for their history."""

import django.db.models.deletion
from django.db import migrations, models


def partnership_from_agreement(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    partnership_of = dict(Agreement.objects.values_list("pk", "partnership_id"))
    for name in ("ActionPlan", "HistoricalActionPlan"):
        model = apps.get_model("actionplans", name)
        for agreement_id, partnership_id in partnership_of.items():
            # A queryset update: the plan's history is not written again, nor checked.
            model._base_manager.filter(agreement_id=agreement_id).update(
                partnership_id=partnership_id
            )


class Migration(migrations.Migration):
    dependencies = [
        ("actionplans", "0005_plan_shapes"),
    ]

    operations = [
        migrations.RunPython(partnership_from_agreement, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="actionplan",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="action_plans",
                to="safety_partnership.partnership",
                verbose_name="samverkan",
            ),
        ),
    ]
