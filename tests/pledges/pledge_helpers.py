"""Shared by the test_pledge_* modules: the seed's 2018 promises, the addresses of the
pledge views, what their forms post, and a snapshot of a pledge to compare before and after.
"""

from django.urls import reverse

from pledges.models import Pledge

PROMISES_2018 = [
    "Polisen utför fotpatrullering i området",
    "Genomföra trygghetsvandringar med representanter från kommun, polis och andra berörda",
    "Upplevda otrygghetsfaktorer skall ses över och vid behov åtgärdas av kommunen",
]


def url(name: str, *args) -> str:
    return reverse(f"pledges:{name}", args=args)


def promise_texts(pledge: Pledge) -> list[str]:
    return list(pledge.promises.order_by("position").values_list("text", flat=True))


def promise_data(text: str, responsible: str = "joint", **fields) -> dict:
    return {
        "text": text,
        "responsible": responsible,
        "other_parties": "",
        "responsible_note": "",
        **fields,
    }


def pledge_data(pledge: Pledge, **changes) -> dict:
    """What the edit form sends back for the pledge as it is, with some fields changed."""
    data = {
        "title": pledge.title,
        "period_start": pledge.period_start.isoformat(),
        "period_end": pledge.period_end.isoformat(),
        "diary_number": pledge.diary_number,
        "introduction": pledge.introduction,
        "situation_basis": pledge.situation_basis,
        "situation": pledge.situation,
        "focus_place": pledge.focus_place,
        "promise_intro": pledge.promise_intro,
        "follow_up": pledge.follow_up,
        "from_staff_dialogues": "on",
        "from_citizen_dialogues": "on",
        "dialogues": [d.pk for d in pledge.dialogues.all()],
    }
    data.update(changes)
    return data


def snapshot(pledge: Pledge):
    pledge.refresh_from_db()
    return (
        pledge.title,
        pledge.status,
        pledge.extended_to,
        list(pledge.promises.order_by("position").values_list("position", "text", "responsible")),
    )
