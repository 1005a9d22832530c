"""Texts of a copied document that still name a year of the period it was copied from."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReviewMark(models.Model):
    """One text (a field of the document or of one of its rows) that the coordinator should
    look at: a copy for a new period kept it from the old one, and it names an old year.

    Kept beside the document, never in it: a mark is not part of the content that is
    signed. It is gone when the text is changed (review.clear_changed_texts) or the
    coordinator says it is checked ("Kontrollerad").
    """

    document_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("dokumenttyp")
    )
    document_id = models.PositiveIntegerField(_("dokument"))
    document = GenericForeignKey("document_type", "document_id")
    # The document itself or one of its rows.
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("posttyp")
    )
    target_id = models.PositiveIntegerField(_("post"))
    target = GenericForeignKey("target_type", "target_id")
    field = models.CharField(_("fält"), max_length=100)
    years = models.CharField(_("år"), max_length=100)  # "2018, 2020"
    # SHA-256 of the text when it was marked: a save that changes it removes the mark.
    text_sha256 = models.CharField(_("textens SHA-256"), max_length=64)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document_type", "document_id", "pk"]
        verbose_name = _("text att kontrollera")
        verbose_name_plural = _("texter att kontrollera")
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "field"], name="review_mark_unique_text"
            )
        ]
        indexes = [models.Index(fields=["document_type", "document_id"])]

    def __str__(self) -> str:
        return _("innehåller %(years)s – kontrollera") % {"years": self.years}
