"""Council cases: the matter in the municipality's diary, its minutes and its cover memo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, ProtectedError, Q
from django.urls import reverse
from django.utils.formats import date_format
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


class AdjustedMinutes(PermissionDenied):
    """A paragraph of adjusted minutes (justerat protokoll), or a recipient of its decision,
    was about to change: once adjusted, minutes stay as they were adjusted."""

    def __init__(self, paragraph: MinutesParagraph) -> None:
        super().__init__(
            _("§ %(number)s är justerad %(date)s och kan inte ändras.")
            % {
                "number": paragraph.number,
                "date": date_format(paragraph.adjusted_on, "j F Y")
                if paragraph.adjusted_on
                else "",
            }
        )


def refuse_adjusted(paragraph_ids) -> None:
    """Raise AdjustedMinutes if any of the paragraphs is adjusted as stored now."""
    ids = [pk for pk in paragraph_ids if pk is not None]
    adjusted = MinutesParagraph._base_manager.filter(pk__in=ids, adjusted_on__isnull=False)
    if ids and (paragraph := adjusted.first()) is not None:
        raise AdjustedMinutes(paragraph)


def refuse_raw_adjusted_change(sender, instance, raw, **kwargs) -> None:
    """loaddata saves "raw", past save(): the same refusal, before the row is written."""
    if raw:
        instance.refuse_if_adjusted()


class ParagraphQuerySet(models.QuerySet):
    """Bulk writes skip save(): the same refusal for adjusted paragraphs."""

    def update(self, **kwargs):
        refuse_adjusted(self.values_list("pk", flat=True))
        return super().update(**kwargs)

    def delete(self):
        refuse_adjusted(self.values_list("pk", flat=True))
        return super().delete()


class RecipientQuerySet(models.QuerySet):
    """Recipients of an adjusted paragraph's decision are not added, changed or removed."""

    def update(self, **kwargs):
        refuse_adjusted([*self.values_list("paragraph_id", flat=True), kwargs.get("paragraph_id")])
        if (paragraph := kwargs.get("paragraph")) is not None:
            refuse_adjusted([paragraph.pk])
        return super().update(**kwargs)

    def delete(self):
        refuse_adjusted(self.values_list("paragraph_id", flat=True))
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        refuse_adjusted([obj.paragraph_id for obj in objs])
        return super().bulk_create(objs, *args, **kwargs)


class KeptOnceAdjusted(models.Model):
    """Saved and deleted only while refuse_if_adjusted() allows it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.refuse_if_adjusted()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.refuse_if_adjusted()
        return super().delete(*args, **kwargs)

    def refuse_if_adjusted(self) -> None:
        raise NotImplementedError


class MinutesParagraph(KeptOnceAdjusted):
    """A paragraph of a body's minutes on the case: what the protocol extract shows.

    The registrar records the meeting (body, date, place, number) and, once the minutes
    are adjusted (justerade), the adjusters, the date and who certifies the extract; from
    then on the paragraph and its recipients never change (here, in the queryset, and in
    SQL: triggers.py).
    """

    case = HistoricForeignKey(
        CouncilCase,
        on_delete=models.PROTECT,
        related_name="paragraphs",
        verbose_name=_("ärende"),
    )
    body = models.CharField(_("organ"), max_length=20, choices=Body.choices)
    meeting_date = models.DateField(_("sammanträdesdatum"), null=True, blank=True)
    meeting_place = models.CharField(
        _("plats"), max_length=150, blank=True, help_text=_("T.ex. ”Stadshuset, Mjölby”.")
    )
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
    # The adjustment (justering), recorded by the registrar; it freezes the paragraph.
    adjusters = models.TextField(
        _("justerare"), blank=True, help_text=_("De som justerat protokollet, en per rad.")
    )
    adjusted_on = models.DateField(_("justeringsdatum"), null=True, blank=True)
    certified_by = models.CharField(_("rätt utdraget intygar"), max_length=100, blank=True)
    certified_on = models.DateField(_("datum för utdragsbestyrkande"), null=True, blank=True)
    history = HistoricalRecords()
    objects = ParagraphQuerySet.as_manager()

    if TYPE_CHECKING:
        recipient_list: list[Recipient]  # set by the case's page and PDF: in order
        # Set by the case's page and PDF: the case and its basis as they were when the
        # paragraph was adjusted (as they are now while it is not).
        case_then: CouncilCase
        basis_then: list[DecisionBasis]

    class Meta:
        ordering = ["case", "meeting_date", "number"]
        verbose_name = _("protokollsparagraf")
        verbose_name_plural = _("protokollsparagrafer")
        constraints = [
            models.CheckConstraint(
                condition=Q(adjusted_on__isnull=True)
                | (
                    Q(meeting_date__isnull=False, adjusted_on__gte=F("meeting_date"))
                    & ~Q(adjusters="")
                    & ~Q(certified_by="")
                    & Q(certified_on__gte=F("adjusted_on"))
                ),
                name="minutesparagraph_adjusted_whole",
                violation_error_message=_(
                    "Ett justerat protokoll har sammanträdesdatum, justerare, justeringsdatum "
                    "och utdragsbestyrkande, i den ordningen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.get_body_display()}"

    @property
    def is_adjusted(self) -> bool:
        return self.adjusted_on is not None

    @property
    def adjuster_names(self) -> list[str]:
        return [name.strip() for name in self.adjusters.splitlines() if name.strip()]

    def refuse_if_adjusted(self) -> None:
        refuse_adjusted([self.pk])

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


class Recipient(KeptOnceAdjusted):
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
    objects = RecipientQuerySet.as_manager()

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

    def refuse_if_adjusted(self) -> None:
        """Neither the paragraph it goes under nor the one it was under may be adjusted."""
        stored = Recipient._base_manager.filter(pk=self.pk).values_list("paragraph_id", flat=True)
        refuse_adjusted([self.paragraph_id, *stored])
