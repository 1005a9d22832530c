"""The PDF of a signed document, rendered once and kept: what exports and downloads serve.

A task renders it after the signing has committed (tasks.py), so that no signatory waits
for WeasyPrint and no other writer waits behind the render. Asked for before the task has
run, the same PDF is rendered and kept on the spot; it is kept once, whoever comes first.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from ..models import FROZEN
from .models import ArchivedPdf, SignedPaper
from .process import render_apart
from .render import html_for

logger = logging.getLogger("register.archive")


def seal_configured() -> bool:
    """True when a seal certificate or key is named; sealing then insists on both."""
    names = (getattr(settings, name, "") or "" for name in ("SEAL_CERT_FILE", "SEAL_KEY_FILE"))
    return any(name.strip() for name in names)


def seal_if_configured(pdf: bytes) -> bytes:
    if not seal_configured():
        return pdf
    from .seal import seal  # pyHanko is loaded only where a seal is configured

    return seal(pdf)


def archived(document) -> ArchivedPdf | None:
    content_type = ContentType.objects.get_for_model(document)
    return ArchivedPdf.objects.filter(content_type=content_type, object_id=document.pk).first()


def signed_paper(document) -> SignedPaper | None:
    """The scan of the paper the document was signed on (or why there is none)."""
    content_type = ContentType.objects.get_for_model(document)
    return SignedPaper.objects.filter(content_type=content_type, object_id=document.pk).first()


def archive(document) -> ArchivedPdf:
    """Render a signed document once and keep the bytes with their SHA-256 (idempotent)."""
    existing = archived(document)
    if existing is not None:
        return existing
    # Drawn in a child process outside any transaction: the database is not held while
    # WeasyPrint draws.
    pdf = seal_if_configured(render_apart(html_for(document)))
    try:
        with transaction.atomic():
            return ArchivedPdf.objects.create(
                document=document, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest()
            )
    except IntegrityError:  # kept by someone else in the meantime: theirs stays
        if (kept := archived(document)) is None:
            raise
        return kept


class ArchiveMismatch(Exception):
    """The archived PDF of a signed document no longer matches its SHA-256: not handed out."""

    def __init__(self, document) -> None:
        self.document = document
        super().__init__(f"The archived PDF of {document!r} does not match its SHA-256")


def intact(kept: ArchivedPdf | SignedPaper) -> bool:
    """True while the kept bytes (an archived PDF, a signed paper's scan) match the SHA-256
    stored with them; a mismatch is an incident (the bytes were changed behind the
    register's back) and is logged as one."""
    if kept.matches_its_hash():
        return True
    document = kept.document
    logger.critical(
        "%s för %s %s (”%s”) stämmer inte med sin kontrollsumma: "
        "lagrad SHA-256 %s, innehållets %s. Det lämnas inte ut.",
        str(kept._meta.verbose_name).capitalize(),
        kept.content_type.model,
        kept.object_id,
        getattr(document, "title", ""),
        kept.sha256,
        hashlib.sha256(bytes(kept.pdf or b"")).hexdigest(),
        extra={"document": document},
    )
    return False


def pdf_bytes(obj) -> bytes:
    """The PDF to hand out: a signed document's archived bytes (only while they match their
    SHA-256, else ArchiveMismatch), anything else rendered now."""
    if getattr(obj, "status", None) in FROZEN:
        kept = archive(obj)
        if not intact(kept):
            raise ArchiveMismatch(obj)
        return bytes(kept.pdf)
    return render_apart(html_for(obj))
