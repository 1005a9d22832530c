"""The PDF of a signed document, rendered once when it became signed and kept as it was."""

import hashlib
from typing import Any, cast

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..models.documents import (
    FROZEN,
    Document,
    FrozenDocument,
    GuardedQuerySet,
    locked_document,
)


class KeptFile:
    """A PDF kept in the database with the SHA-256 it had when it was kept."""

    pdf: Any
    sha256: str

    def matches_its_hash(self) -> bool:
        return self.pdf is not None and hashlib.sha256(bytes(self.pdf)).hexdigest() == self.sha256


class ArchivedPdf(KeptFile, models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rendered_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    # The bytes themselves are not copied into the history; their hash is.
    history = HistoricalRecords(excluded_fields=["pdf"])
    objects = GuardedQuerySet.as_manager()
    status_lookup = None  # the document is a generic link
    locked_when = FROZEN
    # Made once its document is frozen: the triggers let it be added then, never changed.
    added_when_frozen = True

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

    def check_frozen(self) -> None:
        """Refuse to store this archive over a stored one (loaddata, an upsert)."""
        if self.pk is not None and type(self)._base_manager.filter(pk=self.pk).exists():
            raise FrozenDocument(cast(Document, self.document))

    def document_of_row(self) -> Document | None:
        return self.document


class SignedPaper(KeptFile, models.Model):
    """The scan of a document signed on paper, kept with its SHA-256; or why there is none."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    pdf = models.BinaryField(_("inskannat papper (PDF)"), null=True, blank=True)
    file_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    missing_reason = models.TextField(_("varför skanningen saknas"), blank=True)
    recorded_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["pdf"])
    locked_when = FROZEN

    class Meta:
        verbose_name = _("undertecknat papper")
        verbose_name_plural = _("undertecknade papper")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="signedpaper_one_per_document"
            ),
            models.CheckConstraint(
                condition=~models.Q(sha256="") | ~models.Q(missing_reason=""),
                name="signedpaper_scan_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name or str(_("skanning saknas"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Recorded once, with the signatures, while the document is still a draft.
        if self.pk is not None or (locked := locked_document(self, stored=True)) is not None:
            raise FrozenDocument(cast(Document, locked if self.pk is None else self.document))
        super().save(*args, **kwargs)

    def document_of_row(self) -> Document | None:
        return self.document
