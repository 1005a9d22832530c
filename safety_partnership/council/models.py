"""Council cases: the matter in the municipality's diary, its minutes and its cover memo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, HistoricForeignKey

from ..models.documents import Document
from ..models.parties import Municipality, Person

if TYPE_CHECKING:
    from ..models.parties import Partnership


class Body(models.TextChoices):
    KS = "ks", _("Kommunstyrelsen")
    KS_AU = "ks_au", _("Kommunstyrelsens arbetsutskott")
    KS_TSU = "ks_tsu", _("Kommunstyrelsens trygghets- och säkerhetsutskott")


class Outcome(models.TextChoices):
    PROPOSAL = "proposal", _("Förslag till beslut")
    DECISION = "decision", _("Beslut")
    INFORMATION_NOTED = "information_noted", _("Informationen noteras")


class CouncilCase(models.Model):
    """A matter (ärende) in the municipality's diary, e.g. Dnr KS/2017:359."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="council_cases",
        verbose_name=_("kommun"),
    )
    diary_number = models.CharField(_("diarienummer"), max_length=50)
    title = models.CharField(_("rubrik"), max_length=250)
    background = models.TextField(_("bakgrund"), blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    case_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_cases",
        verbose_name=_("handläggare"),
    )
    history = HistoricalRecords()

    if TYPE_CHECKING:
        # Set by the case's pages: the partnership it is read under, for the breadcrumbs.
        partnership: Partnership | None

    class Meta:
        ordering = ["municipality__name", "-diary_number"]
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "diary_number"],
                name="councilcase_unique_diary_number",
                violation_error_message=_("Diarienumret finns redan hos kommunen."),
            ),
        ]

    def __str__(self) -> str:
        return f"Dnr {self.diary_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("council:detail", args=[self.pk])

    @property
    def history_url(self) -> str:
        return reverse("council:history", args=[self.pk])


class DecisionBasis(models.Model):
    """One line of 'Beslutsunderlag', linked to the register's document where there is one."""

    case = HistoricForeignKey(
        CouncilCase,
        on_delete=models.CASCADE,
        related_name="decision_basis",
        verbose_name=_("ärende"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    title = models.CharField(_("handling"), max_length=250)
    # The register's document the line names, if any: an agreement, a plan, a pledge.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    document = GenericForeignKey("content_type", "object_id")
    history = HistoricalRecords()

    if TYPE_CHECKING:
        url: str  # set by the case's page: the linked document's address, or ""

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("beslutsunderlag")
        verbose_name_plural = _("beslutsunderlag")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "position"], name="decisionbasis_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="decisionbasis_document_linked_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.title


def refuse_deleting_decided_documents(sender, instance, **kwargs) -> None:
    """A document named in a case's decision basis stays (as a foreign key's PROTECT would)."""
    if not isinstance(instance, Document):
        return
    lines = DecisionBasis.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    )
    if lines.exists():
        raise ProtectedError(
            str(_("Dokumentet är beslutsunderlag i ett ärende och kan inte tas bort.")), set(lines)
        )


class MinutesParagraph(models.Model):
    """A paragraph of a body's minutes on the case: what the protocol extract shows."""

    case = HistoricForeignKey(
        CouncilCase,
        on_delete=models.PROTECT,
        related_name="paragraphs",
        verbose_name=_("ärende"),
    )
    body = models.CharField(_("organ"), max_length=20, choices=Body.choices)
    meeting_date = models.DateField(_("sammanträdesdatum"), null=True, blank=True)
    number = models.PositiveIntegerField(_("paragraf"))
    information = models.TextField(
        _("information"), blank=True, help_text=_("Vad som redovisades vid ett informationsärende.")
    )
    proposal_heading = models.CharField(
        _("rubrik för förslaget"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. ”Arbetsutskottets förslag till kommunstyrelsen”."),
    )
    proposal = models.TextField(_("förslag"), blank=True)
    decision = models.TextField(_("beslut"), blank=True)
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    history = HistoricalRecords()

    if TYPE_CHECKING:
        recipient_list: list[Recipient]  # set by the case's page and PDF: in order

    class Meta:
        ordering = ["case", "meeting_date", "number"]
        verbose_name = _("protokollsparagraf")
        verbose_name_plural = _("protokollsparagrafer")

    def __str__(self) -> str:
        return f"§ {self.number} {self.get_body_display()}"

    def clean(self) -> None:
        # A body numbers its paragraphs afresh at each meeting.
        if self.meeting_date and self.case_id:
            clash = MinutesParagraph.objects.filter(
                case__municipality_id=self.case.municipality_id,
                body=self.body,
                meeting_date=self.meeting_date,
                number=self.number,
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"number": _("Paragrafen finns redan i det sammanträdets protokoll.")}
                )


class CoverMemo(models.Model):
    """The administration's cover memo (missiv) that brings the case to the board."""

    case = models.OneToOneField(
        CouncilCase,
        on_delete=models.PROTECT,
        related_name="cover_memo",
        verbose_name=_("ärende"),
    )
    date = models.DateField(_("datum"))
    addressee = models.CharField(_("till"), max_length=150, default="Kommunstyrelsen")
    department = models.CharField(
        _("förvaltning"),
        max_length=150,
        blank=True,
        help_text=_("Den förvaltning som skriver under, t.ex. ”Kommunstyrelsens förvaltning”."),
    )
    proposal_heading = models.CharField(_("rubrik för förslaget"), max_length=200, blank=True)
    proposal = models.TextField(_("förslag till beslut"), blank=True)
    signatures = GenericRelation("safety_partnership.Signature")
    history = HistoricalRecords()

    if TYPE_CHECKING:
        partnership: Partnership | None  # set with its case's, for the breadcrumbs

    class Meta:
        ordering = ["-date"]
        verbose_name = _("missiv")
        verbose_name_plural = _("missiv")

    def __str__(self) -> str:
        return f"Missiv {self.date:%Y-%m-%d} Dnr {self.case.diary_number}"

    def get_absolute_url(self) -> str:
        return reverse("council:memo", args=[self.case_id])


class Recipient(models.Model):
    """One line of 'Beslutet skickas till', on a minutes paragraph or on a cover memo."""

    paragraph = HistoricForeignKey(
        MinutesParagraph,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recipients",
        verbose_name=_("protokollsparagraf"),
    )
    memo = HistoricForeignKey(
        CoverMemo,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recipients",
        verbose_name=_("missiv"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    name = models.CharField(_("mottagare"), max_length=250)
    history = HistoricalRecords()

    class Meta:
        ordering = ["paragraph", "memo", "position"]
        verbose_name = _("mottagare")
        verbose_name_plural = _("mottagare")
        constraints = [
            models.CheckConstraint(
                condition=Q(paragraph__isnull=False, memo__isnull=True)
                | Q(paragraph__isnull=True, memo__isnull=False),
                name="recipient_exactly_one_parent",
            ),
            models.UniqueConstraint(
                fields=["paragraph", "position"],
                condition=Q(paragraph__isnull=False),
                name="recipient_unique_position_in_paragraph",
            ),
            models.UniqueConstraint(
                fields=["memo", "position"],
                condition=Q(memo__isnull=False),
                name="recipient_unique_position_in_memo",
            ),
        ]

    def __str__(self) -> str:
        return self.name
