"""The citizen pledge as a kind of document: what the register's shared code needs to know."""

from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safety_partnership.access import get_partnership_for_user
from safety_partnership.history import CHANGED, DELETED, LINKED, Noun, Part, register_noun
from safety_partnership.kinds import DocumentKind, RowChanges, Task
from safety_partnership.services import copy_rows

from .access import get_pledge_for_user
from .forms import SOURCE_FIELDS, PledgeForm
from .models import CitizenDialogue, Pledge, PledgeDialogue, Promise, number_dialogues, numbered


def sources(pledge: Pledge) -> list[str]:
    """What the situation picture was drawn from: 'medarbetardialoger', 'statistik', …"""
    return [
        str(Pledge._meta.get_field(name).verbose_name)
        for name in SOURCE_FIELDS
        if getattr(pledge, name)
    ]


def promises(pledge: Pledge) -> list[Promise]:
    return list(pledge.promises.order_by("position"))


def copy_promises(original: Pledge, copy: Pledge) -> None:
    """A copy gets the promises. A revision, the same pledge revised, also rests on the
    same dialogues; a pledge for a new period rests on that period's dialogues, chosen anew."""
    copy_rows(rows=original.promises.order_by("position"), pledge_id=copy.pk)
    if copy.revision_of_id == original.pk:
        copy_rows(rows=original.dialogue_links.order_by("pk"), pledge_id=copy.pk)


def dialogues(pledge: Pledge) -> list[CitizenDialogue]:
    return list(numbered(pledge.dialogues.order_by("year", "held_on", "pk")))


def dialogue_names(links) -> dict[int, str]:
    """Each linked dialogue's name, from its history, so that a deleted one is named too."""
    records = CitizenDialogue.history.filter(id__in=links.values("dialogue_id"))
    dialogues = number_dialogues(record.instance for record in records.order_by("history_date"))
    return {dialogue.pk: str(dialogue) for dialogue in dialogues}


LINK_ACTIONS = {"+": LINKED, "~": CHANGED, "-": DELETED}

register_noun(Promise, Noun("ett", gettext_lazy("löfte"), gettext_lazy("löftet")))
register_noun(
    PledgeDialogue, Noun("en", gettext_lazy("medborgardialog"), gettext_lazy("medborgardialogen"))
)
register_noun(
    CitizenDialogue, Noun("en", gettext_lazy("medborgardialog"), gettext_lazy("medborgardialogen"))
)


def history_parts(pledge: Pledge) -> list[Part]:
    links = PledgeDialogue.history.filter(pledge_id=pledge.pk)
    names = dialogue_names(links)
    return [
        Part(
            Promise,
            Promise.history.filter(pledge_id=pledge.pk),
            lambda r: Truncator(r.text).words(8),
        ),
        Part(PledgeDialogue, links, lambda r: names.get(r.dialogue_id, ""), LINK_ACTIONS),
    ]


def as_of_context(pledge: Pledge, then: Pledge, moment) -> dict:
    linked = PledgeDialogue.history.as_of(moment).filter(pledge_id=pledge.pk)
    dialogues = CitizenDialogue.history.as_of(moment).filter(
        id__in=[link.dialogue_id for link in linked]
    )
    return {
        "pledge": then,
        "sources": sources(then),
        "promises": list(
            Promise.history.as_of(moment).filter(pledge_id=pledge.pk).order_by("position")
        ),
        "dialogues": number_dialogues(dialogues.order_by("year", "held_on", "pk")),
    }


def due(partnership, pledges: list[Pledge], today: date) -> list[Task]:
    """Next year's pledge is prepared in the last tertial (September–December)."""
    if today.month >= 9 and not any(
        p.period_start.year <= today.year + 1 <= p.ends_on.year for p in pledges
    ):
        missing = _("Medborgarlöfte för %(year)s saknas") % {"year": today.year + 1}
        return [Task(missing, partnership)]
    return []


KIND = DocumentKind(
    model=Pledge,
    slug="medborgarlofte",
    singular=gettext_lazy("medborgarlöfte"),
    definite=gettext_lazy("medborgarlöftet"),
    plural=gettext_lazy("medborgarlöften"),
    article="ett",
    namespace="pledges",
    urls="pledges.urls",
    url_prefix="medborgarloften",
    get_for_user=get_pledge_for_user,
    partnership_path="partnership",
    parent_field="partnership",
    parent_for_user=get_partnership_for_user,
    form=PledgeForm,
    form_template="pledges/pledge_form.html",
    new_label=gettext_lazy("Nytt medborgarlöfte"),
    created_message=gettext_lazy("Medborgarlöftet är skapat."),
    detail_template="pledges/pledge_detail.html",
    pdf_template="pdf/pledge.html",
    pdf_context=lambda pledge: {"sources": sources(pledge)},
    rows=promises,
    as_of_context=as_of_context,
    history_parts=history_parts,
    copy_rows=copy_promises,
    # An extension was decided for this pledge; a copy or revision starts without one.
    not_copied={"extended_to": None, "extension_note": ""},
    row_changes=(RowChanges(Promise, "pledge", gettext_lazy("Ett löfte")),),
    due=due,
    create_links=lambda partnership, documents: [
        (_("Nytt medborgarlöfte"), reverse("pledges:create", args=[partnership.pk]))
    ],
    partnership_prefetch=(
        Prefetch("citizen_dialogues", queryset=numbered(CitizenDialogue.objects.order_by("-year"))),
    ),
    partnership_template="pledges/includes/partnership_dialogues.html",
)
