"""Signatures and what happened on the way to a signed document: sent, signed, returned."""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..models.documents import (
    CONTENT_FORM,
    FROZEN,
    GuardedHistoryQuerySet,
    GuardedQuerySet,
    check_row_change,
)


class SignatureMethod(models.TextChoices):
    PAPER = "paper", _("På papper")
    REGISTER = "register", _("I registret")


class SignatureHistory(HistoricalRecords):
    """The signatures' history, read by document (as-of views, the frozen guard): indexed
    by (content_type, object_id) like the signatures themselves."""

    def get_meta_options(self, model):
        meta = super().get_meta_options(model)
        index = models.Index(fields=["content_type", "object_id"], name="hist_signature_document")
        meta["indexes"] = (*meta.get("indexes", ()), index)
        return meta


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
    # The form of the content that was hashed (CONTENT_FORM when it was signed).
    content_form = models.PositiveSmallIntegerField(_("innehållets form"), default=CONTENT_FORM)
    verification_code = models.CharField(_("kontrollkod"), max_length=12, blank=True)
    # The exact history record of the document that was signed (its history_id); the
    # history of a signed document is never changed or pruned (freezing.py, triggers).
    signed_history_id = models.PositiveBigIntegerField(
        _("undertecknad version"), null=True, blank=True
    )
    history = SignatureHistory(historical_queryset=GuardedHistoryQuerySet)
    objects = GuardedQuerySet.as_manager()
    status_lookup = None  # a signature's document is generic: checked one by one
    # Signatures are made while the document awaits them; once signed they stay.
    locked_when = FROZEN

    # The reason django-simple-history writes into the history entry of the next save.
    _change_reason: str

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

    def save(self, *args: Any, **kwargs: Any) -> None:
        check_row_change(self)
        super().save(*args, **kwargs)

    def check_frozen(self) -> None:
        check_row_change(self)

    @property
    def is_signed(self) -> bool:
        """Paper signatures are recorded once made; register ones when confirmed."""
        return self.method == SignatureMethod.PAPER or self.signed_at is not None

    @property
    def version(self) -> Any:
        """The historical record of the document as it was signed, if signed in the register."""
        document = self.document
        if self.signed_history_id is None or document is None:
            return None
        return document.history.filter(history_id=self.signed_history_id).first()

    def document_of_row(self) -> models.Model | None:
        """The signed document: an agreement, a plan, a pledge or a cover memo."""
        return self.document


class SigningEvent(models.Model):
    class Action(models.TextChoices):
        SENT = "sent", _("Skickad för underskrift")
        SIGNED = "signed", _("Underskriven")
        SIGNED_ON_PAPER = "paper", _("Undertecknad på papper")
        RETURNED = "returned", _("Återsänd till samordnaren")
        RECALLED = "recalled", _("Återtagen av samordnaren")
        COMPLETED = "completed", _("Undertecknad av alla parter")
        SUPERSEDED = "superseded", _("Ersatt av en revision")
        REVISED = "revised", _("Revision påbörjad")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("händelse"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("av"),
    )
    at = models.DateTimeField(_("tid"), auto_now_add=True)
    message = models.TextField(_("meddelande"), blank=True)
    # Why a document went to one party's signatures only (see signing.services.missing_parties).
    override_reason = models.TextField(_("skäl att avvika från två parter"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("händelse vid underskrift")
        verbose_name_plural = _("händelser vid underskrift")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
