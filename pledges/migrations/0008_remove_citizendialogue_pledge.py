"""The one pledge a dialogue pointed at is gone; its links are in PledgeDialogue (0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pledges", "0007_move_dialogue_links")]

    operations = [
        migrations.RemoveField(model_name="citizendialogue", name="pledge"),
        migrations.RemoveField(model_name="historicalcitizendialogue", name="pledge"),
    ]
