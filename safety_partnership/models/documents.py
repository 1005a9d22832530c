"""What the agreement, the action plan and the citizen pledge have in common."""

from datetime import date

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    AWAITING_SIGNATURES = "awaiting_signatures", _("Väntar på underskrifter")
    SIGNED = "signed", _("Undertecknad")
    SUPERSEDED = "superseded", _("Ersatt")


class SignatureMethod(models.TextChoices):
    PAPER = "paper", _("På papper")
    REGISTER = "register", _("I registret")


class Signature(models.Model):
    """One signatory's signature on a document (agreement, plan, pledge or cover memo)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    position = models.PositiveSmallIntegerField(_("ordning"))
    person = models.ForeignKey(
        "safety_partnership.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("person"),
    )
    # The name and title as printed under the signature, kept even if the
    # person later changes name or title.
    name = models.CharField(_("namn"), max_length=100)
    title = models.CharField(_("titel"), max_length=100, blank=True)
    signed_on = models.DateField(_("datum"), null=True, blank=True)
    place = models.CharField(_("ort"), max_length=100, blank=True)
    method = models.CharField(
        _("sätt"), max_length=10, choices=SignatureMethod.choices, default=SignatureMethod.PAPER
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["content_type", "object_id", "position"]
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "position"],
                name="signature_unique_position",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


def period_label(start: date | None, end: date | None) -> str:
    """'2018', '2018–2020', or exact dates when a period does not follow calendar years."""
    if start is None:
        return ""
    if end is None:
        return _("från %(start)s, tills vidare") % {"start": date_format(start, "j F Y")}
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


class Document(models.Model):
    """A document the two parties sign: agreement, action plan or citizen pledge."""

    title = models.CharField(_("rubrik"), max_length=250)
    status = models.CharField(
        _("status"), max_length=30, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    period_start = models.DateField(_("gäller från"))
    period_end = models.DateField(_("gäller till"), null=True, blank=True)
    diary_number = models.CharField(_("diarienummer"), max_length=50, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("reviderar"),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("utgår från"),
    )
    signatures = GenericRelation(Signature)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gt=F("period_start")),
                name="%(app_label)s_%(class)s_period_ends_after_start",
                violation_error_message=_("Perioden måste sluta efter att den börjar."),
            ),
            models.CheckConstraint(
                condition=Q(revision__gte=1),
                name="%(app_label)s_%(class)s_revision_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def is_signed(self) -> bool:
        return self.status in (DocumentStatus.SIGNED, DocumentStatus.SUPERSEDED)

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT


class ResponsibleParty(models.TextChoices):
    POLICE = "police", _("Polisen")
    MUNICIPALITY = "municipality", _("Kommunen")
    JOINT = "joint", _("Kommunen och polisen")
    OTHER = "other", _("Annan aktör")


class Responsibility(models.Model):
    """Who carries out a measure or keeps a promise, with an optional unit or note."""

    responsible = models.CharField(_("ansvar"), max_length=20, choices=ResponsibleParty.choices)
    other_parties = models.CharField(
        _("andra aktörer"),
        max_length=250,
        blank=True,
        help_text=_("T.ex. räddningstjänsten, ett bostadsbolag eller ett bussbolag."),
    )
    responsible_note = models.CharField(
        _("enhet eller anmärkning"),
        max_length=250,
        blank=True,
        help_text=_("T.ex. ”ANDT-samordnare” eller ”Se eget dokument”."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(responsible="other") | ~Q(other_parties=""),
                name="%(app_label)s_%(class)s_other_party_named",
                violation_error_message=_("Ange vilken annan aktör som ansvarar."),
            ),
        ]

    @property
    def responsible_label(self) -> str:
        """The responsibility as printed in the Ansvar column: 'Kommunen (Se eget dokument)'."""
        if self.responsible == ResponsibleParty.OTHER:
            label = self.other_parties
        elif self.other_parties:
            label = f"{self.get_responsible_display()}, {self.other_parties}"
        else:
            label = self.get_responsible_display()
        return f"{label} ({self.responsible_note})" if self.responsible_note else label
