"""Two-party sign-off, one mechanism for every kind of document in the registry.

draft -> awaiting signatures -> signed (when every signatory has signed) -> superseded (when
a later revision is signed); a signatory may return it to draft with a comment.

Each signature made in the register records who signed, with their title and role at
the time, when, the exact history version signed and a SHA-256 of the document's
canonical content; its verification code lets anyone check it later.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..kinds import kind_of
from ..models import CONTENT_FORM, FROZEN, Document, DocumentStatus, Partnership, Person, Role
from ..observability import signing_refusals_logged
from ..pdf.models import SignedPaper
from ..pdf.tasks import archive_signed_document
from ..services import copy_document
from .confirmation import confirm
from .models import Signature, SignatureMethod, SigningEvent
from .notifications import notify_coordinators, notify_signatories

if TYPE_CHECKING:
    from ..access import AnyUser


def canonical_content(document: Document, form: int = CONTENT_FORM) -> bytes:
    """The document with all its rows as deterministic JSON: the bytes that are signed.

    `form` is the version of content_tree; a signature is checked in the form it was made in.
    """
    tree = document.content_tree(form)
    return json.dumps(tree, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_hash(document: Document, form: int = CONTENT_FORM) -> str:
    return hashlib.sha256(canonical_content(document, form)).hexdigest()


def content_matches(signature: Signature, document: Document) -> bool:
    """Does the document still say what the signature signed (in the form it was signed in)?"""
    return content_hash(document, signature.content_form) == signature.content_hash


def verification_code(signature: Signature) -> str:
    """Ten characters, unique per signature, derived from the signed content's hash."""
    if signature.signed_at is None:
        raise ValueError("Only a signature made in the register has a verification code")
    seed = f"{signature.content_hash}:{signature.pk}:{signature.signed_at.isoformat()}"
    digest = hashlib.sha256(seed.encode()).digest()
    return base64.b32encode(digest).decode()[:10]


def signatures_of(document: Document) -> models.QuerySet[Signature]:
    content_type = ContentType.objects.get_for_model(document)
    return Signature.objects.filter(content_type=content_type, object_id=document.pk)


def proposed_signatories(document: Document) -> models.QuerySet[Person]:
    """The police area's chief and the municipality's signatory, as recorded in the parties."""
    partnership = document.partnership
    return Person.objects.filter(
        Q(role=Role.POLICE_SIGNATORY, police_area_id=partnership.police_area_id)
        | Q(role=Role.MUNICIPAL_SIGNATORY, municipality_id=partnership.municipality_id),
        is_active=True,
    ).order_by("-role", "name")


def is_proposed_signatory(person: Person, partnership: Partnership) -> bool:
    """proposed_signatories' rule for one person, without a query (for many partnerships)."""
    if not person.is_active:
        return False
    if person.role == Role.POLICE_SIGNATORY:
        return partnership.police_area_id is not None and (
            person.police_area_id == partnership.police_area_id
        )
    return person.role == Role.MUNICIPAL_SIGNATORY and (
        person.municipality_id == partnership.municipality_id
    )


def eligible_signatories(document: Document) -> models.QuerySet[Person]:
    """Whom the coordinator may ask to sign: the signatories of the partnership's own
    organisations, the police area's, the municipality's and other parties' of it."""
    partnership = document.partnership
    return Person.objects.filter(
        Q(role=Role.POLICE_SIGNATORY, police_area_id=partnership.police_area_id)
        | Q(role=Role.MUNICIPAL_SIGNATORY, municipality_id=partnership.municipality_id)
        | Q(role=Role.OTHER_SIGNATORY, partnership_id=partnership.pk),
        is_active=True,
    ).order_by("-role", "name")


def missing_parties(document: Document, signatories: Sequence[Person]) -> list[str]:
    """The parties (kommunen, polisen) for whom none of the signatories signs."""
    partnership = document.partnership
    missing = []
    if not any(
        p.role == Role.MUNICIPAL_SIGNATORY and p.municipality_id == partnership.municipality_id
        for p in signatories
    ):
        missing.append(_("kommunen"))
    if not any(
        p.role == Role.POLICE_SIGNATORY and p.police_area_id == partnership.police_area_id
        for p in signatories
    ):
        missing.append(_("polisen"))
    return missing


def check_signatory_count(document: Document, signatories: Sequence[Person]) -> None:
    """A kind may say how many sign it (an agreement: two to four, e.g. a third party, or the
    municipal chief executive instead of the chair): its model's `signatory_count`."""
    limits: tuple[int, int] | None = getattr(document, "signatory_count", None)
    if limits is None:
        return
    fewest, most = limits
    names = {"document": capfirst(kind_of(document).definite), "n": len(signatories)}
    if len(signatories) < fewest:
        raise ValidationError(
            _("%(document)s skrivs under av minst %(fewest)s personer; du har valt %(n)s.")
            % {**names, "fewest": fewest}
        )
    if len(signatories) > most:
        raise ValidationError(
            _("%(document)s skrivs under av högst %(most)s personer; du har valt %(n)s.")
            % {**names, "most": most}
        )


def check_signatories(document: Document, signatories: Sequence[Person], override: str) -> None:
    """Both parties sign, or the coordinator says why not; only the partnership's people sign."""
    if not signatories:
        raise ValidationError(_("Välj minst en person som ska skriva under."))
    check_signatory_count(document, signatories)
    eligible = set(eligible_signatories(document).values_list("pk", flat=True))
    if any(person.pk not in eligible for person in signatories):
        raise ValidationError(_("Bara samverkanspartnernas undertecknare kan skriva under."))
    if (missing := missing_parties(document, signatories)) and not override.strip():
        raise ValidationError(
            _(
                "Dokumentet ska skrivas under av både kommunen och polisen, men ingen "
                "undertecknar för %(parties)s. Välj en undertecknare för %(parties)s, "
                "eller skriv varför dokumentet ändå ska undertecknas utan."
            )
            % {"parties": _(" och ").join(missing)}
        )


def pending_signature(document: Document, user: AnyUser) -> Signature | None:
    """The user's signature that the document awaits, if any."""
    person: Person | None = getattr(user, "person", None)
    if person is None or document.status != DocumentStatus.AWAITING_SIGNATURES:
        return None
    return signatures_of(document).filter(person=person, signed_at__isnull=True).first()


def _record(
    document: Document,
    action: str,
    user: AnyUser | None,
    message: str = "",
    override_reason: str = "",
) -> SigningEvent:
    return SigningEvent.objects.create(
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        message=message,
        override_reason=override_reason.strip(),
    )


def _set_status(document: Document, status: str, reason: str) -> None:
    document.status = status
    document._change_reason = reason
    document.save()


@transaction.atomic
def send_for_signing(
    *,
    document: Document,
    user: AnyUser,
    signatories: list[Person],
    message: str = "",
    override_reason: str = "",
) -> None:
    """Ask the chosen people to sign the draft, in the order given."""
    if document.status != DocumentStatus.DRAFT:
        raise ValidationError(_("Bara ett utkast kan skickas för underskrift."))
    check_signatories(document, signatories, override_reason)
    signatures_of(document).delete()
    now = timezone.now()
    for position, person in enumerate(signatories, start=1):
        Signature.objects.create(
            document=document,
            position=position,
            person=person,
            name=person.name,
            title=person.title,
            method=SignatureMethod.REGISTER,
            requested_at=now,
        )
    _set_status(document, DocumentStatus.AWAITING_SIGNATURES, _("Skickad för underskrift"))
    reason = override_reason if missing_parties(document, signatories) else ""
    _record(document, SigningEvent.Action.SENT, user, message, reason)
    notify_signatories(document, signatories, message)


def sign(*, document: Document, user: AnyUser, password: str, code: str = "") -> Signature:
    """The user signs, confirming with their password (and the code of their authenticator app
    where their organisation asks for one); the last signature makes the document signed.
    A refusal is logged (register.signing)."""
    with signing_refusals_logged(document, user):
        stored = type(document).objects.get(pk=document.pk)  # not as the caller last read it
        if pending_signature(stored, user) is None or not user.is_authenticated:
            raise PermissionDenied(_("Dokumentet väntar inte på din underskrift."))
        # Before the transaction: a wrong password is counted even though nothing is signed.
        confirm(user, password, code)
        return _sign(document, user)


@transaction.atomic
def _sign(document: Document, user: AnyUser) -> Signature:
    document = type(document).objects.select_for_update().get(pk=document.pk)
    signature = pending_signature(document, user)
    if signature is None or not user.is_authenticated:  # returned or recalled meanwhile
        raise PermissionDenied(_("Dokumentet väntar inte på din underskrift."))
    signed_hash = content_hash(document)
    earlier = signatures_of(document).exclude(content_hash="")
    if not all(content_matches(earlier_signature, document) for earlier_signature in earlier):
        # Cannot happen through the register (a document awaiting signatures is locked);
        # refuse rather than complete a signing where the parties signed different texts.
        raise ValidationError(
            _("Innehållet har ändrats sedan de första underskrifterna. Skicka dokumentet på nytt.")
        )
    person = user.person
    signature.signed_at = timezone.now()
    signature.signed_on = timezone.localdate(signature.signed_at)
    signature.name = person.name
    signature.title = person.title
    signature.role = person.get_role_display()
    signature.content_hash = signed_hash
    signature.content_form = CONTENT_FORM
    signature.signed_history_id = document.history.latest().history_id
    signature.save()
    signature.verification_code = verification_code(signature)
    signature._change_reason = _("Undertecknad i registret")
    signature.save()
    _record(document, SigningEvent.Action.SIGNED, user)
    if not signatures_of(document).filter(signed_at__isnull=True).exists():
        _complete(document, user)
    return signature


def _complete(document: Document, user: AnyUser) -> None:
    _set_status(document, DocumentStatus.SIGNED, _("Undertecknad av alla parter"))
    # The PDF of what was signed is rendered once, after the signing has committed;
    # exports serve these bytes (and render them on the spot if asked for sooner).
    kind, pk = kind_of(document).slug, document.pk
    transaction.on_commit(lambda: archive_signed_document.enqueue(kind, pk))
    _record(document, SigningEvent.Action.COMPLETED, user)
    earlier = document.revision_of
    if earlier is not None and earlier.status == DocumentStatus.SIGNED:
        _set_status(
            earlier,
            DocumentStatus.SUPERSEDED,
            _("Ersatt av revision %(n)s") % {"n": document.revision},
        )
        _record(earlier, SigningEvent.Action.SUPERSEDED, user)
    notify_coordinators(document, _("är undertecknad av alla parter"))


@transaction.atomic
def return_to_draft(*, document: Document, user: AnyUser, comment: str) -> None:
    """A signatory sends the document back with a comment; signatures made so far lapse."""
    if pending_signature(document, user) is None:
        raise PermissionDenied(_("Dokumentet väntar inte på din underskrift."))
    if not comment.strip():
        raise ValidationError(_("Skriv varför du skickar tillbaka dokumentet."))
    signatures_of(document).delete()
    _set_status(document, DocumentStatus.DRAFT, _("Återsänd: %(comment)s") % {"comment": comment})
    _record(document, SigningEvent.Action.RETURNED, user, comment)
    notify_coordinators(document, _("har skickats tillbaka"), comment)


@transaction.atomic
def recall(*, document: Document, user: AnyUser) -> None:
    """The coordinator takes a document awaiting signatures back to draft."""
    if document.status != DocumentStatus.AWAITING_SIGNATURES:
        raise ValidationError(_("Dokumentet väntar inte på underskrifter."))
    signatures_of(document).delete()
    _set_status(document, DocumentStatus.DRAFT, _("Återtagen av samordnaren"))
    _record(document, SigningEvent.Action.RECALLED, user)


def open_revision(document: Document) -> Document | None:
    """A revision of the document that is not yet signed, if one has been started."""
    return document.revisions.exclude(status__in=FROZEN).first()


@transaction.atomic
def revise(*, document: Document, user: AnyUser) -> Document:
    """'Revidera': a new draft revision that starts as a copy of the signed document."""
    if document.status != DocumentStatus.SIGNED:
        raise ValidationError(_("Bara ett undertecknat dokument kan revideras."))
    if (existing := open_revision(document)) is not None:
        return existing
    revision = copy_document(
        original=document,
        revision=document.revision + 1,
        revision_of_id=document.pk,
        copied_from_id=None,
        diary_number=document.diary_number,
    )
    _record(revision, SigningEvent.Action.REVISED, user)
    return revision


@dataclass(frozen=True)
class Scan:
    """The signed paper, scanned to PDF: its bytes and file name."""

    pdf: bytes
    file_name: str


@transaction.atomic
def record_paper_signatures(
    *,
    document: Document,
    user: AnyUser,
    signed_on: date | None,
    place: str,
    signatories: Sequence[Person],
    scan: Scan | None,
    scan_missing_reason: str = "",
    override_reason: str = "",
    titles: Sequence[str] | None = None,
) -> None:
    """The draft was signed on paper by the chosen people: record them and keep the scan.
    signed_on is None only where the paper gives no date (a document imported as it was);
    titles, where given, are those printed under the names (a title someone had then)."""
    if document.status != DocumentStatus.DRAFT:
        # A document awaiting register signatures is recalled first, so that nobody's
        # pending signature disappears without a trace.
        raise ValidationError(_("Bara ett utkast kan registreras som undertecknat på papper."))
    check_signatories(document, signatories, override_reason)
    if scan is None and not scan_missing_reason.strip():
        raise ValidationError(
            _("Bifoga det undertecknade papperet inskannat som PDF, eller skriv varför det saknas.")
        )
    signatures_of(document).delete()  # a draft has none but lapsed ones
    for position, person in enumerate(signatories, start=1):
        Signature.objects.create(
            document=document,
            position=position,
            person=person,
            name=person.name,
            title=titles[position - 1] if titles else person.title,
            role=person.get_role_display(),
            signed_on=signed_on,
            place=place,
            method=SignatureMethod.PAPER,
        )
    SignedPaper.objects.create(
        document=document,
        pdf=scan.pdf if scan else None,
        file_name=scan.file_name if scan else "",
        sha256=hashlib.sha256(scan.pdf).hexdigest() if scan else "",
        missing_reason="" if scan else scan_missing_reason.strip(),
    )
    reason = override_reason if missing_parties(document, signatories) else ""
    _record(document, SigningEvent.Action.SIGNED_ON_PAPER, user, "", reason)
    _complete(document, user)
