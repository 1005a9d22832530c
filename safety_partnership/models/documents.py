"""What the agreement, the action plan and the citizen pledge have in common."""

from datetime import date

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
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


# What was signed stays as it was signed, also once a later revision supersedes it.
FROZEN = (DocumentStatus.SIGNED, DocumentStatus.SUPERSEDED)
# The only fields a frozen document may still change: its status (signed -> superseded)
# and a pledge's extension, which carries it unchanged into the next year.
MUTABLE_WHEN_FROZEN = {"status", "extended_to", "extension_note"}
# Fields that describe a document rather than what it says: left out of its signed content.
NOT_CONTENT = {"id", "status", "revision_of", "copied_from", "extended_to", "extension_note"}


class FrozenDocument(PermissionDenied):
    """A signed document, or a row of one, was about to change."""

    def __init__(self, document):
        super().__init__(
            _("”%(title)s” är undertecknad och kan inte ändras. Skapa en revision i stället.")
            % {"title": document.title}
        )


def content_of(obj: models.Model) -> dict:
    """An object's own text and values, ready for canonical JSON (links and order left out)."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name in NOT_CONTENT or field.name == "position" or field.is_relation:
            continue
        value = getattr(obj, field.attname)
        values[field.name] = value.isoformat() if isinstance(value, date) else value
    return values


class GuardedQuerySet(models.QuerySet):
    """Refuses bulk updates and deletes that would touch a signed document or its rows.

    `frozen_lookup` on the model names the path to the document's status, e.g.
    "focus_area__plan__status" for a measure.
    """

    def _touches_frozen(self) -> models.Model | None:
        lookup = self.model.frozen_lookup
        if lookup is None:  # a generic link (signatures): look at each row's document
            return next((row for row in self if row.document_of_row_is_frozen()), None)
        return self.filter(**{f"{lookup}__in": FROZEN}).first()

    def update(self, **kwargs):
        allowed = self.model.frozen_lookup == "status" and set(kwargs) <= MUTABLE_WHEN_FROZEN
        if not allowed and (frozen := self._touches_frozen()) is not None:
            raise FrozenDocument(frozen.document_of_row())
        return super().update(**kwargs)

    def delete(self):
        if (frozen := self._touches_frozen()) is not None:
            raise FrozenDocument(frozen.document_of_row())
        return super().delete()


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
    # A signature made in the register: asked for when the document is sent, made
    # when the signatory confirms with their password.
    requested_at = models.DateTimeField(_("begärd"), null=True, blank=True)
    signed_at = models.DateTimeField(_("undertecknad"), null=True, blank=True)
    role = models.CharField(_("roll vid underskriften"), max_length=100, blank=True)
    content_hash = models.CharField(_("SHA-256 av innehållet"), max_length=64, blank=True)
    verification_code = models.CharField(_("kontrollkod"), max_length=12, blank=True)
    # The exact history version signed; PROTECT keeps that history row from deletion.
    agreement_version = models.ForeignKey(
        "agreements.HistoricalAgreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=True,
    )
    plan_version = models.ForeignKey(
        "actionplans.HistoricalActionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pledge_version = models.ForeignKey(
        "pledges.HistoricalPledge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()
    objects = GuardedQuerySet.as_manager()
    frozen_lookup = None  # a signature's document is generic: checked one by one

    class Meta:
        ordering = ["content_type", "object_id", "position"]
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "position"],
                name="signature_unique_position",
            ),
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=~Q(verification_code=""),
                name="signature_unique_verification_code",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name

    def save(self, *args, **kwargs):
        check_row_change(self)
        super().save(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        """Paper signatures are recorded once made; register ones when confirmed."""
        return self.method == SignatureMethod.PAPER or self.signed_at is not None

    @property
    def version(self):
        return self.agreement_version or self.plan_version or self.pledge_version

    def document_of_row(self):
        return self.document

    def document_of_row_is_frozen(self) -> bool:
        return getattr(self.document, "is_frozen", False)


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
    objects = GuardedQuerySet.as_manager()
    frozen_lookup = "status"

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

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).first()
            if stored is not None and stored.is_frozen and not self._only_mutable_changes(stored):
                raise FrozenDocument(stored)
        super().save(*args, **kwargs)

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def is_signed(self) -> bool:
        return self.status in (DocumentStatus.SIGNED, DocumentStatus.SUPERSEDED)

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN

    def document_of_row(self):
        return self

    def content_tree(self) -> dict:
        """Everything the document says, rows included, in a fixed order (see signing.py)."""
        return {"kind": self._meta.model_name, **content_of(self)}

    def copy_rows_to(self, copy) -> None:
        """Give a new copy or revision of this document copies of its rows (none by default)."""

    def not_copied(self) -> dict:
        """Field values a copy starts with instead of the original's."""
        return {}

    def _only_mutable_changes(self, stored) -> bool:
        if self.status not in FROZEN:
            return False  # a signed document never goes back to draft
        return all(
            getattr(self, f.attname) == getattr(stored, f.attname)
            for f in self._meta.concrete_fields
            if f.name not in MUTABLE_WHEN_FROZEN
        )


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


def check_row_change(row: models.Model) -> None:
    """Refuse to add, change or move a row of a signed document (measure, promise, signature)."""
    document = row.document_of_row()
    if document is not None and getattr(document, "is_frozen", False):
        raise FrozenDocument(document)
    if row.pk is not None:
        stored = type(row)._base_manager.filter(pk=row.pk).first()
        before = stored.document_of_row() if stored is not None else None
        if before is not None and getattr(before, "is_frozen", False):
            raise FrozenDocument(before)


class DocumentRow(models.Model):
    """A row that is part of a document's content: a focus area, a measure, a promise."""

    objects = GuardedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        check_row_change(self)
        super().save(*args, **kwargs)

    def document_of_row(self):
        raise NotImplementedError
