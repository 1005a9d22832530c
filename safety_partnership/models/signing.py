"""What happened on the way to a signed document: sent, signed, returned, superseded."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SigningEvent(models.Model):
    class Action(models.TextChoices):
        SENT = "sent", _("Skickad för underskrift")
        SIGNED = "signed", _("Underskriven")
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("händelse vid underskrift")
        verbose_name_plural = _("händelser vid underskrift")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
