"""Each signature records the form of the content it hashed (CONTENT_FORM, models/documents.py):
those made so far hashed form 1, new ones form 2, in which a pledge's citizen dialogues and
its extension are signed too. So signatures made before still verify. (That a locked pledge's
extension no longer changes is refused by the triggers made from the models, 0015.)"""

from django.db import migrations, models

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
    ]
