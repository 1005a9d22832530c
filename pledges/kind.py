"""The citizen pledge as a kind of document: what the register's shared code needs to know."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safety_partnership.access import get_partnership_for_user
from safety_partnership.history import CHANGED, DELETED, LINKED, Noun, Part, register_noun
from safety_partnership.kinds import DocumentKind, LinkedRecords, RowChanges
from safety_partnership.services import copy_rows

from .access import get_pledge_for_user
from .forms import SOURCE_FIELDS, PledgeForm
from .models import (
    CitizenDialogue,
    Pledge,
    PledgeDialogue,
    Promise,
    PromisePoint,
    Target,
    number_dialogues,
    numbered,
    promise_groups,
)


def sources(pledge: Pledge) -> list[str]:
    """What the situation picture was drawn from: 'medarbetardialoger', 'statistik', …"""
    return [
        str(Pledge._meta.get_field(name).verbose_name)
        for name in SOURCE_FIELDS
        if getattr(pledge, name)
    ]


def with_points(promises: list[Promise], points) -> list[Promise]:
    """Each promise with its points in order (`point_list`), from one query of points."""
    by_promise: dict[int, list[PromisePoint]] = {}
    for point in points.order_by("position"):
        by_promise.setdefault(point.promise_id, []).append(point)
    for promise in promises:
        promise.point_list = by_promise.get(promise.pk, [])  # type: ignore[attr-defined]
    return promises


def promises_with_points(pledge: Pledge) -> list[Promise]:
    promises = list(pledge.promises.order_by("position"))
    return with_points(promises, PromisePoint.objects.filter(promise__pledge_id=pledge.pk))


def promises(pledge: Pledge) -> list[Promise]:
    return promises_with_points(pledge)


def pdf_context(pledge: Pledge) -> dict:
    return {
        "sources": sources(pledge),
        "promise_groups": promise_groups(promises_with_points(pledge)),
        "targets": list(pledge.targets.order_by("position")),
    }


def copy_promises(original: Pledge, copy: Pledge) -> None:
    """A copy gets the promises with their points, and the measurable targets. A revision,
    the same pledge revised, also rests on the same dialogues; a pledge for a new period
    rests on that period's dialogues, chosen anew."""
    for promise in original.promises.order_by("position"):
        (promise_copy,) = copy_rows(rows=[promise], pledge_id=copy.pk)
        copy_rows(rows=promise.points.order_by("position"), promise_id=promise_copy.pk)
    copy_rows(rows=original.targets.order_by("position"), pledge_id=copy.pk)
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
register_noun(PromisePoint, Noun("en", gettext_lazy("punkt"), gettext_lazy("punkten")))
register_noun(Target, Noun("ett", gettext_lazy("mätbart mål"), gettext_lazy("det mätbara målet")))
register_noun(
    PledgeDialogue, Noun("en", gettext_lazy("medborgardialog"), gettext_lazy("medborgardialogen"))
)
register_noun(
    CitizenDialogue, Noun("en", gettext_lazy("medborgardialog"), gettext_lazy("medborgardialogen"))
)


def history_parts(pledge: Pledge) -> list[Part]:
    links = PledgeDialogue.history.filter(pledge_id=pledge.pk)
    names = dialogue_names(links)
    promise_ids = Promise.history.filter(pledge_id=pledge.pk).values("id")
    return [
        Part(
            Promise,
            Promise.history.filter(pledge_id=pledge.pk),
            lambda r: Truncator(r.text).words(8),
        ),
        Part(
            PromisePoint,
            PromisePoint.history.filter(promise_id__in=promise_ids),
            lambda r: _("Punkt under löfte: %s") % Truncator(r.text).words(8),
        ),
        Part(
            Target,
            Target.history.filter(pledge_id=pledge.pk),
            lambda r: _("Mätbart mål: %s") % Truncator(r.indicator).words(8),
        ),
        Part(PledgeDialogue, links, lambda r: names.get(r.dialogue_id, ""), LINK_ACTIONS),
    ]


def as_of_context(pledge: Pledge, then: Pledge, moment) -> dict:
    linked = PledgeDialogue.history.as_of(moment).filter(pledge_id=pledge.pk)
    dialogues = CitizenDialogue.history.as_of(moment).filter(
        id__in=[link.dialogue_id for link in linked]
    )
    promises = with_points(
        list(Promise.history.as_of(moment).filter(pledge_id=pledge.pk).order_by("position")),
        PromisePoint.history.as_of(moment).filter(
            promise_id__in=Promise.history.filter(pledge_id=pledge.pk).values("id")
        ),
    )
    return {
        "pledge": then,
        "sources": sources(then),
        "promises": promises,
        "promise_groups": promise_groups(promises),
        "targets": list(
            Target.history.as_of(moment).filter(pledge_id=pledge.pk).order_by("position")
        ),
        "dialogues": number_dialogues(dialogues.order_by("year", "held_on", "pk")),
    }


KIND = DocumentKind(
    linked_records=(
        LinkedRecords(
            name="dialogues",
            model=CitizenDialogue,
            link_model=PledgeDialogue,
            link_field="dialogue",
            order=("year", "held_on", "pk"),
        ),
    ),
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
    pdf_context=pdf_context,
    rows=promises,
    as_of_context=as_of_context,
    history_parts=history_parts,
    copy_rows=copy_promises,
    # An extension was decided for this pledge; a copy or revision starts without one.
    not_copied={"extended_to": None, "extension_note": ""},
    row_changes=(
        RowChanges(Promise, "pledge", gettext_lazy("Ett löfte")),
        RowChanges(PromisePoint, "promise__pledge", gettext_lazy("En punkt under ett löfte")),
        RowChanges(Target, "pledge", gettext_lazy("Ett mätbart mål")),
    ),
    create_links=lambda partnership, documents: [
        (_("Nytt medborgarlöfte"), reverse("pledges:create", args=[partnership.pk]))
    ],
    partnership_prefetch=(
        Prefetch("citizen_dialogues", queryset=numbered(CitizenDialogue.objects.order_by("-year"))),
    ),
    partnership_template="pledges/includes/partnership_dialogues.html",
)
