"""The citizen pledge (medborgarlöfte) and the citizen dialogues behind it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, HistoricForeignKey

from safety_partnership.models import (
    Document,
    DocumentRow,
    DocumentStatus,
    Partnership,
    Responsibility,
)
from safety_partnership.models.documents import GuardedHistoryQuerySet, content_of


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

    def content_tree(self) -> dict:
        promises = self.promises.order_by("position")
        return {**super().content_tree(), "promises": [content_of(p) for p in promises]}

    @property
    def ends_on(self) -> date:
        return self.extended_to or self.period_end

    @property
    def status_note(self) -> str:
        return self.extension_label

    @property
    def extension_label(self) -> str:
        if not self.extended_to:
            return ""
        return _("Förlängt oförändrat till och med %(date)s") % {
            "date": date_format(self.extended_to, "j F Y")
        }

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


class CitizenDialogue(models.Model):
    """A citizen dialogue (medborgardialog) held in one of the municipality's towns."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="citizen_dialogues",
        verbose_name=_("samverkan"),
    )
    pledge = models.ForeignKey(
        Pledge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citizen_dialogues",
        verbose_name=_("låg till grund för"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    held_on = models.DateField(_("datum"), null=True, blank=True)
    town = models.CharField(_("ort"), max_length=100, blank=True)
    held_by = models.CharField(_("genomförd av"), max_length=250, blank=True)
    raised = models.TextField(_("det här togs upp"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-year", "held_on", "pk"]
        verbose_name = _("medborgardialog")
        verbose_name_plural = _("medborgardialoger")

    def __str__(self) -> str:
        where = self.town or _("ort ej angiven")
        return f"{_('Medborgardialog')} {self.year}, {where}"

    def get_absolute_url(self) -> str:
        return reverse("pledges:dialogue_detail", args=[self.pk])

    def clean(self) -> None:
        if self.held_on and self.held_on.year != self.year:
            raise ValidationError({"held_on": _("Datumet ligger inte i det angivna året.")})
