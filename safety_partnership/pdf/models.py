"""The PDF of a signed document, rendered once when it became signed and kept as it was."""

from typing import Any, cast

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..models.documents import FROZEN, Document, FrozenDocument


class ArchivedPdf(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rendered_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    # The bytes themselves are not copied into the history; their hash is.
    history = HistoricalRecords(excluded_fields=["pdf"])
    locked_when = FROZEN

    class Meta:
        verbose_name = _("arkiverad PDF")
        verbose_name_plural = _("arkiverade PDF:er")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="archivedpdf_one_per_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} ({self.sha256[:12]})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            # Archived bytes are never rewritten. Only signed documents are archived.
            raise FrozenDocument(cast(Document, self.document))
        super().save(*args, **kwargs)

    def document_of_row(self) -> Document | None:
        return self.document
