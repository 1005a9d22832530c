"""The citizen pledge (medborgarlöfte) and the citizen dialogues behind it."""

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, HistoricForeignKey

from safety_partnership.models import (
    CONTENT_FORM,
    Document,
    DocumentRow,
    DocumentStatus,
    Partnership,
    Responsibility,
)
from safety_partnership.models.documents import (
    FROZEN,
    LOCKED,
    STATE,
    GuardedHistoryQuerySet,
    GuardedQuerySet,
    content_of,
)

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class Pledge(Document):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name=_("samverkan"),
    )
    period_end = models.DateField(_("gäller till"))
    # An extension carries the same pledge, unchanged, into the next period.
    extended_to = models.DateField(_("förlängt till"), null=True, blank=True)
    extension_note = models.TextField(_("om förlängningen"), blank=True)
    introduction = models.TextField(_("inledning"), blank=True)
    situation_basis = models.TextField(
        _("så togs lägesbilden fram"),
        blank=True,
        help_text=_("Vilka underlag lägesbilden bygger på, med egna ord."),
    )
    from_staff_dialogues = models.BooleanField(_("medarbetardialoger"), default=False)
    from_citizen_dialogues = models.BooleanField(_("medborgardialoger"), default=False)
    from_statistics = models.BooleanField(_("statistik"), default=False)
    from_internal_knowledge = models.BooleanField(_("intern kunskap"), default=False)
    situation = models.TextField(_("lägesbild"), blank=True)
    focus_place = models.CharField(_("plats i fokus"), max_length=250, blank=True)
    promise_intro = models.TextField(
        _("inledning till löftena"),
        blank=True,
        help_text=_("T.ex. ”… så lovar kommunen och polisen att:”"),
    )
    follow_up = models.TextField(_("uppföljning"), blank=True)
    # The citizen dialogues the situation picture rests on; a dialogue may inform several
    # pledges. The links are rows of the pledge: locked with it (PledgeDialogue).
    dialogues: models.ManyToManyField = models.ManyToManyField(
        "CitizenDialogue",
        through="PledgeDialogue",
        related_name="pledges",
        blank=True,
        verbose_name=_("medborgardialoger"),
    )

    class Meta(Document.Meta):
        ordering = ["partnership", "-period_start", "-revision"]
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        constraints = Document.Meta.constraints + [
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(extended_to__gt=F("period_end")),
                name="pledge_extension_after_period",
                violation_error_message=_(
                    "En förlängning måste sluta efter den ursprungliga perioden."
                ),
            ),
        ]
        # Pledges of one partnership must not overlap; a database trigger
        # enforces it (see migration 0003), clean() explains it to the user.

    def content_tree(self, form: int = CONTENT_FORM) -> dict:
        promises = self.promises.order_by("position")
        tree = {**super().content_tree(form), "promises": [content_of(p, form) for p in promises]}
        if form >= 2:
            # Since form 2 the dialogues it rests on and its extension are signed too.
            dialogues = self.dialogues.order_by("year", "held_on", "pk")
            tree["dialogues"] = [content_of(d, form) for d in dialogues]
            tree["extended_to"] = self.extended_to.isoformat() if self.extended_to else None
            tree["extension_note"] = self.extension_note
        return tree

    @property
    def ends_on(self) -> date:
        return self.extended_to or self.period_end

    @property
    def status_note(self) -> str:
        return self.extension_label

    @property
    def extension_label(self) -> str:
        """'Förlängt oförändrat …' once signed; 'Förlängning föreslagen …' until then."""
        if not self.extended_to:
            return ""
        day = {"date": date_format(self.extended_to, "j F Y")}
        if self.is_signed:
            return _("Förlängt oförändrat till och med %(date)s") % day
        return _("Förlängning föreslagen till och med %(date)s") % day

    def overlapping(self) -> models.QuerySet["Pledge"]:
        """Other pledges of the partnership whose periods share a day with this one.

        A revision may overlap the pledge it revises, and a superseded pledge
        no longer counts; the database trigger follows the same rule.
        """
        others = (
            Pledge.objects.filter(partnership_id=self.partnership_id)
            .exclude(status=DocumentStatus.SUPERSEDED)
            .annotate(ends=Coalesce("extended_to", "period_end"))
            .filter(period_start__lte=self.ends_on, ends__gte=self.period_start)
        )
        if self.pk:
            others = others.exclude(pk=self.pk).exclude(revision_of_id=self.pk)
        if self.revision_of_id:
            others = others.exclude(pk=self.revision_of_id)
        return others

    def clean(self) -> None:
        super().clean()
        if self.status == DocumentStatus.SUPERSEDED or not (
            self.partnership_id and self.period_start and self.period_end
        ):
            return
        clash = self.overlapping().first()
        if clash:
            raise ValidationError(
                _("Perioden överlappar medborgarlöftet ”%(title)s” (%(period)s).")
                % {"title": clash.title, "period": clash.period}
            )


class Promise(Responsibility, DocumentRow):
    """One promise of the pledge, with the party who keeps it."""

    pledge = HistoricForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="promises", verbose_name=_("medborgarlöfte")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("löfte"))
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "pledge__status"

    class Meta(Responsibility.Meta):
        ordering = ["pledge", "position"]
        verbose_name = _("löfte")
        verbose_name_plural = _("löften")
        constraints = Responsibility.Meta.constraints + [
            models.UniqueConstraint(fields=["pledge", "position"], name="promise_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def anchor(self) -> str:
        """The id of the row on its document's page, to return to after a change."""
        return f"lofte-{self.pk}"

    def document_of_row(self):
        return self.pledge


class DialogueLocked(PermissionDenied):
    """A dialogue that a pledge awaiting signatures or signed rests on was about to change."""

    def __init__(self, pledge: Pledge) -> None:
        super().__init__(
            _(
                "Medborgardialogen ligger till grund för ”%(title)s”, som %(state)s, och kan "
                "inte ändras eller tas bort: den hör till det som undertecknas. Registrera en "
                "ny medborgardialog i stället."
            )
            % {"title": pledge.title, "state": STATE.get(pledge.status, pledge.status)}
        )


class CitizenDialogue(models.Model):
    """A citizen dialogue (medborgardialog) held in one of the municipality's towns.

    What a pledge rests on is part of what is signed: once a pledge that rests on the
    dialogue awaits signatures or is signed, the dialogue is locked with it.
    """

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="citizen_dialogues",
        verbose_name=_("samverkan"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    held_on = models.DateField(_("datum"), null=True, blank=True)
    town = models.CharField(_("ort"), max_length=100, blank=True)
    held_by = models.CharField(_("genomförd av"), max_length=250, blank=True)
    raised = models.TextField(_("det här togs upp"), blank=True)
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    objects = GuardedQuerySet.as_manager()
    status_lookup = "pledge_links__pledge__status"
    locked_when = LOCKED

    if TYPE_CHECKING:
        pledges: RelatedManager[Pledge]

    class Meta:
        ordering = ["partnership", "-year", "held_on", "pk"]
        verbose_name = _("medborgardialog")
        verbose_name_plural = _("medborgardialoger")

    def __str__(self) -> str:
        """'Medborgardialog 12 oktober 2017, Mantorp', 'Medborgardialog 2017, Mantorp', or,
        when neither date nor town is known, 'Medborgardialog 2017 nr 2'."""
        when = date_format(self.held_on, "j F Y") if self.held_on else str(self.year)
        name = f"{_('Medborgardialog')} {when}"
        if self.town:
            return f"{name}, {self.town}"
        if self.held_on:
            return name
        number = getattr(self, "number_in_year", None)  # see numbered(), number_dialogues()
        if number is None and self.pk is not None:
            number_dialogues([self])
            number = getattr(self, "number_in_year", None)
        return f"{name} {_('nr')} {number}" if number else name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and (pledge := self.document_of_row()) is not None:
            raise DialogueLocked(pledge)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pledges:dialogue_detail", args=[self.pk])

    def clean(self) -> None:
        if self.held_on and self.held_on.year != self.year:
            raise ValidationError({"held_on": _("Datumet ligger inte i det angivna året.")})

    def document_of_row(self) -> Pledge | None:
        """The locked pledge that rests on the dialogue, a signed one first; None if none.

        With it the register's guards (freezing.py, the admin) treat the dialogue as
        part of that pledge's signed content.
        """
        if self.pk is None:
            return None
        resting = Pledge.objects.filter(dialogue_links__dialogue_id=self.pk)
        return (
            resting.filter(status__in=FROZEN).first() or resting.filter(status__in=LOCKED).first()
        )


def number_dialogues(dialogues):
    """Give each dialogue known by neither date nor town its number within its year and
    partnership (in the order they were registered), in one query; returns the dialogues.

    Works on historical records' instances too; a dialogue no longer in the register
    gets no number.
    """
    dialogues = list(dialogues)
    unnamed = [d for d in dialogues if not d.town and not d.held_on]
    if not unnamed:
        return dialogues
    same_year = Q()
    for partnership_id, year in {(d.partnership_id, d.year) for d in unnamed}:
        same_year |= Q(partnership_id=partnership_id, year=year)
    counts: dict[tuple[int, int], int] = {}
    numbers: dict[int, int] = {}
    rows = CitizenDialogue.objects.filter(same_year).order_by("pk")
    for pk, partnership_id, year in rows.values_list("pk", "partnership_id", "year"):
        counts[partnership_id, year] = counts.get((partnership_id, year), 0) + 1
        numbers[pk] = counts[partnership_id, year]
    for dialogue in unnamed:
        dialogue.number_in_year = numbers.get(dialogue.pk, 0)
    return dialogues


def numbered(dialogues: models.QuerySet) -> models.QuerySet:
    """Dialogues with their number within their year and partnership (number_in_year), so
    that naming them asks no more queries."""
    earlier = (
        CitizenDialogue.objects.filter(
            partnership_id=OuterRef("partnership_id"), year=OuterRef("year"), pk__lte=OuterRef("pk")
        )
        .order_by()
        .values("partnership_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return dialogues.annotate(number_in_year=Subquery(earlier))


class PledgeDialogueQuerySet(GuardedQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """pledge.dialogues.add() and set() create links in bulk: save them one by one so
        that each is checked and written to the pledge's history."""
        objs = list(objs)
        with transaction.atomic(using=self.db):
            for obj in objs:
                obj.save(using=self.db)
        return objs


class PledgeDialogue(DocumentRow):
    """A citizen dialogue a pledge rests on: a row of the pledge, locked with it."""

    pledge = HistoricForeignKey(
        Pledge,
        on_delete=models.CASCADE,
        related_name="dialogue_links",
        verbose_name=_("medborgarlöfte"),
    )
    dialogue = models.ForeignKey(
        CitizenDialogue,
        on_delete=models.CASCADE,
        related_name="pledge_links",
        verbose_name=_("medborgardialog"),
    )
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    objects = PledgeDialogueQuerySet.as_manager()  # type: ignore[misc]  # a GuardedQuerySet too
    status_lookup = "pledge__status"

    class Meta:
        ordering = ["pledge", "dialogue"]
        verbose_name = _("medborgardialog bakom löftet")
        verbose_name_plural = _("medborgardialoger bakom löftet")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "dialogue"], name="pledge_dialogue_unique"),
        ]

    def __str__(self) -> str:
        return str(self.dialogue)

    def document_of_row(self) -> Pledge:
        return self.pledge
