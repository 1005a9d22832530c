"""A citizen dialogue may inform several pledges: the links become rows of the pledge."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pledges', '0004_document_copied_from'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalPledgeDialogue',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('dialogue', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pledges.citizendialogue', verbose_name='medborgardialog')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pledge', simple_history.models.HistoricForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pledges.pledge', verbose_name='medborgarlöfte')),
            ],
            options={
                'verbose_name': 'historical medborgardialog bakom löftet',
                'verbose_name_plural': 'historical medborgardialoger bakom löftet',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PledgeDialogue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('dialogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pledge_links', to='pledges.citizendialogue', verbose_name='medborgardialog')),
                ('pledge', simple_history.models.HistoricForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='dialogue_links', to='pledges.pledge', verbose_name='medborgarlöfte')),
            ],
            options={
                'verbose_name': 'medborgardialog bakom löftet',
                'verbose_name_plural': 'medborgardialoger bakom löftet',
                'ordering': ['pledge', 'dialogue'],
            },
        ),
        # State only: the field has no column of its own (its table is PledgeDialogue's), and
        # SQLite's AddField would rebuild pledges_pledge, dropping its overlap triggers (0003).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='pledge',
                    name='dialogues',
                    field=models.ManyToManyField(blank=True, related_name='pledges', through='pledges.PledgeDialogue', to='pledges.citizendialogue', verbose_name='medborgardialoger'),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name='pledgedialogue',
            constraint=models.UniqueConstraint(fields=('pledge', 'dialogue'), name='pledge_dialogue_unique'),
        ),
    ]
