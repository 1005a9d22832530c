"""Each dialogue's one pledge becomes a link row (PledgeDialogue), with the history of the
link rebuilt from the dialogue's own: linked when, and by whom, it was first pointed at the
pledge, removed when it was pointed elsewhere. Then, on PostgreSQL, triggers refuse in SQL
what the models refuse in Python: adding or removing a link of a pledge awaiting signatures
or signed, and changing or deleting a dialogue such a pledge rests on, or their history."""

from django.db import migrations
from django.utils import timezone

MOVED = "Flyttad till medborgarlöftets dialoger"


def link_intervals(HistoricalDialogue, live: dict[int, int | None]):
    """(dialogue, pledge, record that linked it, record that unlinked it or None)."""
    intervals = []
    current: dict[int, tuple[int, object]] = {}
    records = HistoricalDialogue.objects.order_by("id", "history_date", "history_id")
    for record in records:
        was = current.get(record.id)
        now = None if record.history_type == "-" else record.pledge_id
        if was is not None and was[0] != now:
            intervals.append((record.id, was[0], was[1], record))
            del current[record.id]
        if now is not None and record.id not in current:
            current[record.id] = (now, record)
    for dialogue_id, (pledge_id, start) in current.items():
        # The live table has the last word (a deleted pledge set it to NULL without history).
        intervals.append((dialogue_id, pledge_id, start, None if live.get(dialogue_id) == pledge_id else "now"))
    recorded = {(d, p) for d, p, _start, end in intervals if end is None}
    for dialogue_id, pledge_id in live.items():
        if pledge_id is not None and (dialogue_id, pledge_id) not in recorded:
            intervals.append((dialogue_id, pledge_id, None, None))
    return intervals


def move_links(apps, schema_editor):
    Dialogue = apps.get_model("pledges", "CitizenDialogue")
    HistoricalDialogue = apps.get_model("pledges", "HistoricalCitizenDialogue")
    Pledge = apps.get_model("pledges", "Pledge")
    Link = apps.get_model("pledges", "PledgeDialogue")
    HistoricalLink = apps.get_model("pledges", "HistoricalPledgeDialogue")
    pledges = set(Pledge.objects.values_list("pk", flat=True))
    live = dict(Dialogue.objects.values_list("pk", "pledge_id"))
    now = timezone.now()
    for dialogue_id, pledge_id, start, end in link_intervals(HistoricalDialogue, live):
        if pledge_id not in pledges or (dialogue_id not in live and end is None):
            continue  # the pledge, or the dialogue, is gone without a trace to link
        link = Link.objects.create(pledge_id=pledge_id, dialogue_id=dialogue_id)
        events = [("+", start)] + ([] if end is None else [("-", end)])
        for history_type, record in events:
            moment = now if record in (None, "now") else record.history_date
            by = None if record in (None, "now") else record.history_user_id
            reason = MOVED if record in (None, "now") else record.history_change_reason
            HistoricalLink.objects.create(
                id=link.pk,
                pledge_id=pledge_id,
                dialogue_id=dialogue_id,
                history_date=moment,
                history_user_id=by,
                history_change_reason=reason,
                history_type=history_type,
            )
        if end is not None:
            Link.objects.filter(pk=link.pk).delete()


LOCKED = "('awaiting_signatures', 'signed', 'superseded')"
FROZEN = "('signed', 'superseded')"
REFUSE = (
    "RAISE EXCEPTION '% %: signed content cannot be changed', TG_OP, TG_TABLE_NAME "
    "USING ERRCODE = 'check_violation'"
)


def pledge_in(statuses: str, pledge_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM pledges_pledge d WHERE d.id = {pledge_id} AND d.status IN {statuses})"


def resting_pledge_in(statuses: str, dialogue_id: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM pledges_pledgedialogue l JOIN pledges_pledge d "
        f"ON d.id = l.pledge_id WHERE l.dialogue_id = {dialogue_id} AND d.status IN {statuses})"
    )


GUARDS = [
    ("pledges_pledgedialogue", "INSERT OR UPDATE OR DELETE",
     pledge_in(LOCKED, "OLD.pledge_id"), pledge_in(LOCKED, "NEW.pledge_id")),
    ("pledges_historicalpledgedialogue", "UPDATE OR DELETE",
     pledge_in(FROZEN, "OLD.pledge_id"), "false"),
    ("pledges_citizendialogue", "UPDATE OR DELETE", resting_pledge_in(LOCKED, "OLD.id"), "false"),
    ("pledges_historicalcitizendialogue", "UPDATE OR DELETE",
     resting_pledge_in(FROZEN, "OLD.id"), "false"),
]


def guard(table: str, events: str, old_check: str, new_check: str) -> list[str]:
    name = f"register_guard_{table}"
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' AND {old_check} THEN {REFUSE}; END IF;
            IF TG_OP <> 'DELETE' AND {new_check} THEN {REFUSE}; END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} BEFORE {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


FORWARD = [statement for table, *checks in GUARDS for statement in guard(table, *checks)]
BACKWARD = [
    statement
    for table, *_checks in GUARDS
    for statement in (
        f"DROP TRIGGER IF EXISTS register_guard_{table} ON {table}",
        f"DROP FUNCTION IF EXISTS register_guard_{table}()",
    )
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("pledges", "0006_pledge_dialogues")]

    operations = [
        migrations.RunPython(move_links, migrations.RunPython.noop),
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD)),
    ]
