"""Each dialogue's one pledge becomes a link row (PledgeDialogue), with the history of the
link rebuilt from the dialogue's own: linked when, and by whom, it was first pointed at the
pledge, removed when it was pointed elsewhere. The triggers made from the models
(safety_partnership/triggers.py) guard the links and the dialogues in SQL."""

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


class Migration(migrations.Migration):
    dependencies = [("pledges", "0006_pledge_dialogues")]

    operations = [
        migrations.RunPython(move_links, migrations.RunPython.noop),
    ]
