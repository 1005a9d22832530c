"""The shapes other partnerships write their pledges in: joint goals, points under a
promise and measurable targets (content form 3)."""

import importlib

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


OVERLAP = importlib.import_module("pledges.migrations.0003_pledge_periods_do_not_overlap")


def remake_overlap_triggers(apps, schema_editor):
    """SQLite's AddField (and RemoveField) rebuilds pledges_pledge, dropping its overlap
    triggers (0003): make them again. PostgreSQL alters the table in place and keeps them."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in OVERLAP.SQLITE_REVERSE + OVERLAP.SQLITE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('pledges', '0009_history_change_reason_text'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Backwards, after the field is removed again.
        migrations.RunPython(migrations.RunPython.noop, remake_overlap_triggers),
        migrations.AddField(
            model_name='historicalpledge',
            name='joint_goals',
            field=models.TextField(blank=True, help_text='Ett mål per rad, i den ordning de ska stå.', verbose_name='gemensamma mål'),
        ),
        migrations.AddField(
            model_name='pledge',
            name='joint_goals',
            field=models.TextField(blank=True, help_text='Ett mål per rad, i den ordning de ska stå.', verbose_name='gemensamma mål'),
        ),
        migrations.CreateModel(
            name='HistoricalPromisePoint',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='ordning')),
                ('text', models.TextField(verbose_name='punkt')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('promise', simple_history.models.HistoricForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pledges.promise', verbose_name='löfte')),
            ],
            options={
                'verbose_name': 'historical punkt under löftet',
                'verbose_name_plural': 'historical punkter under löftet',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalTarget',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='ordning')),
                ('indicator', models.CharField(help_text='T.ex. ”Anmälda skadegörelsebrott vid resecentrum per år”.', max_length=500, verbose_name='indikator')),
                ('unit', models.CharField(blank=True, help_text='T.ex. ”antal”, ”%” eller ”kr”.', max_length=50, verbose_name='enhet')),
                ('baseline_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='utgångsvärde')),
                ('baseline_date', models.DateField(blank=True, null=True, verbose_name='utgångsvärdet avser')),
                ('target_value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='målvärde')),
                ('target_date', models.DateField(blank=True, null=True, verbose_name='målet ska nås')),
                ('source', models.CharField(blank=True, help_text='Var siffran kommer från, t.ex. ”Polisens anmälningsstatistik”.', max_length=250, verbose_name='källa')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('pledge', simple_history.models.HistoricForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pledges.pledge', verbose_name='medborgarlöfte')),
            ],
            options={
                'verbose_name': 'historical mätbart mål',
                'verbose_name_plural': 'historical mätbara mål',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PromisePoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='ordning')),
                ('text', models.TextField(verbose_name='punkt')),
                ('promise', simple_history.models.HistoricForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='points', to='pledges.promise', verbose_name='löfte')),
            ],
            options={
                'verbose_name': 'punkt under löftet',
                'verbose_name_plural': 'punkter under löftet',
                'ordering': ['promise', 'position'],
                'constraints': [models.UniqueConstraint(fields=('promise', 'position'), name='promise_point_unique_position')],
            },
        ),
        migrations.CreateModel(
            name='Target',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='ordning')),
                ('indicator', models.CharField(help_text='T.ex. ”Anmälda skadegörelsebrott vid resecentrum per år”.', max_length=500, verbose_name='indikator')),
                ('unit', models.CharField(blank=True, help_text='T.ex. ”antal”, ”%” eller ”kr”.', max_length=50, verbose_name='enhet')),
                ('baseline_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='utgångsvärde')),
                ('baseline_date', models.DateField(blank=True, null=True, verbose_name='utgångsvärdet avser')),
                ('target_value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='målvärde')),
                ('target_date', models.DateField(blank=True, null=True, verbose_name='målet ska nås')),
                ('source', models.CharField(blank=True, help_text='Var siffran kommer från, t.ex. ”Polisens anmälningsstatistik”.', max_length=250, verbose_name='källa')),
                ('pledge', simple_history.models.HistoricForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='pledges.pledge', verbose_name='medborgarlöfte')),
            ],
            options={
                'verbose_name': 'mätbart mål',
                'verbose_name_plural': 'mätbara mål',
                'ordering': ['pledge', 'position'],
                'constraints': [models.UniqueConstraint(fields=('pledge', 'position'), name='target_unique_position'), models.CheckConstraint(condition=models.Q(('target_date__isnull', True), ('baseline_date__isnull', True), ('target_date__gte', models.F('baseline_date')), _connector='OR'), name='target_date_not_before_baseline', violation_error_message='Målet kan inte nås före det datum som utgångsvärdet avser.')],
            },
        ),
        # Forwards, after the field is added.
        migrations.RunPython(remake_overlap_triggers, migrations.RunPython.noop),
    ]
