"""What the agreement, the action plan and the citizen pledge have in common."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, Self, cast

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.manager import HistoricalQuerySet
from simple_history.models import HistoricalRecords

from ..kinds import DocumentKind, kind_of

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager
    from django_stubs_ext import StrPromise

    from ..signing.models import Signature
    from .parties import Partnership


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    AWAITING_SIGNATURES = "awaiting_signatures", _("Väntar på underskrifter")
    SIGNED = "signed", _("Undertecknad")
    SUPERSEDED = "superseded", _("Ersatt")


# What was signed stays as it was signed, also once a later revision supersedes it.
FROZEN = (DocumentStatus.SIGNED, DocumentStatus.SUPERSEDED)
# What the signatories read must not change while they sign it either: a document
# awaiting signatures goes back to draft before it can be changed.
LOCKED = (DocumentStatus.AWAITING_SIGNATURES, *FROZEN)
# The ways a document's status may move; anything else is refused.
STATUS_MOVES: dict[str, set[DocumentStatus]] = {
    DocumentStatus.DRAFT: {
        DocumentStatus.DRAFT,
        DocumentStatus.AWAITING_SIGNATURES,
        DocumentStatus.SIGNED,
    },  # signed: on paper
    DocumentStatus.AWAITING_SIGNATURES: {
        DocumentStatus.AWAITING_SIGNATURES,
        DocumentStatus.DRAFT,
        DocumentStatus.SIGNED,
    },
    DocumentStatus.SIGNED: {DocumentStatus.SIGNED, DocumentStatus.SUPERSEDED},
    DocumentStatus.SUPERSEDED: {DocumentStatus.SUPERSEDED},
}
# The only field a locked document may still change: its status (as above). Even a
# pledge's extension is a revision that both parties sign (pledges/services.py).
MUTABLE_WHEN_FROZEN = {"status"}
# Fields that describe a document rather than what it says: left out of its signed content.
# (A pledge's extension was left out in content form 1; see Pledge.content_tree.)
NOT_CONTENT = {"id", "status", "revision_of", "copied_from", "extended_to", "extension_note"}
# The version of content_tree, the form of what is signed. Each signature records the
# form it was made in, so that one made before a change of form still verifies:
# 1: the document and its rows; 2: a pledge also with its citizen dialogues and extension;
# 3: the shapes other partnerships write (new fields, each named in its model's
# `content_since`, and new rows, added to content_tree from form 3 on).
CONTENT_FORM = 3

STATE: dict[str, StrPromise] = {
    DocumentStatus.AWAITING_SIGNATURES: _("väntar på underskrifter"),
    DocumentStatus.SIGNED: _("är undertecknad"),
    DocumentStatus.SUPERSEDED: _("är ersatt av en revision"),
}


class FrozenDocument(PermissionDenied):
    """A signed document (or one awaiting signatures), or a row of one, was about to change."""

    def __init__(self, document: Document) -> None:
        if document.status == DocumentStatus.AWAITING_SIGNATURES:
            advice = _("Ta tillbaka det till utkast först.")
        else:
            advice = _("Skapa en revision i stället.")
        super().__init__(
            _("”%(title)s” %(state)s och kan inte ändras. %(advice)s")
            % {
                "title": document.title,
                "state": STATE.get(document.status, document.get_status_display()),
                "advice": advice,
            }
        )


def content_of(obj: models.Model, form: int = CONTENT_FORM) -> dict[str, Any]:
    """An object's own text and values, ready for canonical JSON (links and order left out),
    in the content form given: a field added in a later form is named in the model's
    `content_since` ({field name: form}) and left out of earlier forms, so that what was
    signed before it existed still verifies."""
    since: dict[str, int] = getattr(obj, "content_since", {})
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in NOT_CONTENT or field.name == "position" or field.is_relation:
            continue
        if since.get(field.name, 1) > form:
            continue
        value = getattr(obj, field.attname)
        values[field.name] = value.isoformat() if isinstance(value, date) else value
    return values


class Lockable(Protocol):
    """A document or a part of one (row, signature, archived PDF): what may be locked."""

    @property
    def locked_when(self) -> tuple[str, ...]: ...

    def document_of_row(self) -> models.Model | None: ...


def locked_document(obj: Lockable, *, stored: bool = False) -> Document | None:
    """The document that keeps obj from changing now, or None: the one test of "locked".

    obj is a document, a row of one (focus area, measure, promise), a signature or an
    archived PDF. A document awaiting signatures or signed locks itself and its rows;
    `locked_when` on obj's model says which statuses lock it. With stored, the
    document's status is read from the database rather than from the copy in memory,
    which may have been loaded before the document was sent or signed.
    """
    document = obj.document_of_row()
    if document is None:
        return None
    if stored:
        document = type(document)._base_manager.filter(pk=document.pk).first()
    # Only a document has a status; a cover memo's signatures never lock it.
    if isinstance(document, Document) and document.status in obj.locked_when:
        return document
    return None


class GuardedQuerySet(models.QuerySet):
    """Refuses bulk writes that would change a locked document or its rows.

    On the model, `status_lookup` names the path to the document's status (e.g.
    "focus_area__plan__status" for a measure; None for a signature, whose document is
    a generic link) and `locked_when` the statuses that lock it.
    """

    def _locked(self) -> Document | None:
        """The locked document of a row of this queryset, if any (a document is its own)."""
        lookup = self.model.status_lookup
        if lookup is None:
            return next(filter(None, map(locked_document, self)), None)
        row = self.filter(**{f"{lookup}__in": self.model.locked_when}).first()
        return None if row is None else row.document_of_row()

    def update(self, **kwargs):
        if self.model.status_lookup == "status":
            return self._update_documents(**kwargs)
        if (locked := self._locked() or self._locked_by_move(kwargs)) is not None:
            raise FrozenDocument(locked)
        pks = list(self.values_list("pk", flat=True))
        with transaction.atomic():
            count = super().update(**kwargs)
            # Nor may rows be moved into a locked document.
            moved = type(self)(self.model, using=self.db).filter(pk__in=pks)._locked()
            if moved is not None:
                raise FrozenDocument(moved)
        return count

    def _locked_by_move(self, kwargs: dict[str, Any]) -> Document | None:
        """The locked document that rows would be moved into (area.measures.add(measure)),
        found before anything is written."""
        opts = self.model._meta
        links = {f.fk_field for f in opts.private_fields if isinstance(f, GenericForeignKey)}
        moves = {
            name: value
            for name, value in kwargs.items()
            if (opts.get_field(name).is_relation or name in links)
            and not hasattr(value, "resolve_expression")  # an F(): left to the check after
        }
        if not moves:
            return None
        for row in self:
            for name, value in moves.items():
                setattr(row, name, value)
            if (locked := locked_document(row, stored=True)) is not None:
                return locked
        return None

    def _update_documents(self, **kwargs):
        if "status" in kwargs:
            for status in set(self.values_list("status", flat=True)):
                if kwargs["status"] not in STATUS_MOVES[status]:
                    refused = self.filter(status=status).first()
                    assert refused is not None, "its status was read from this queryset"
                    raise FrozenDocument(refused)
        if set(kwargs) - MUTABLE_WHEN_FROZEN and (locked := self._locked()) is not None:
            raise FrozenDocument(locked)
        if (reads := _guard_reads.get()) is not None:
            reads.clear()  # statuses read by rows_of_one_write() may be changed here
        return super().update(**kwargs)

    def delete(self):
        if (locked := self._locked()) is not None:
            raise FrozenDocument(locked)
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            check_frozen(obj)
        if kwargs.get("update_conflicts"):
            # An upsert updates the stored row it collides with: that one may not be locked.
            for obj in objs:
                for stored in self._colliding(obj, kwargs.get("unique_fields") or ["pk"]):
                    if (locked := locked_document(stored, stored=True)) is not None:
                        raise FrozenDocument(locked)
        return super().bulk_create(objs, *args, **kwargs)

    def _colliding(self, obj: models.Model, unique_fields: list[str]) -> models.QuerySet:
        opts = self.model._meta
        fields = [opts.pk if name == "pk" else opts.get_field(name) for name in unique_fields]
        values = {f.attname: getattr(obj, f.attname) for f in fields}
        if None in values.values():
            return self.model._base_manager.none()  # NULL collides with nothing
        return self.model._base_manager.filter(**values)


def frozen_document_of_record(record: models.Model) -> Document | None:
    """The frozen document that a history record is part of, as the record says or as its
    object is now (a focus area, say, that a forged record would move); None if neither."""
    live = type(record).instance_type  # type: ignore[attr-defined]
    objects = [live._base_manager.filter(pk=record.id).first()]  # type: ignore[attr-defined]
    if not issubclass(live, Document):  # a document's own record holds its status then
        objects.append(record.instance)  # type: ignore[attr-defined]
    for obj in filter(None, objects):
        try:
            document = obj.document_of_row()
        except ObjectDoesNotExist:  # the record names a row that is gone
            continue
        if isinstance(document, Document):
            document = type(document)._base_manager.filter(pk=document.pk).first()
            if document is not None and document.is_frozen:
                return document
    return None


class GuardedHistoryQuerySet(HistoricalQuerySet):
    """History is written once: bulk updates may only add a reason for a change, and never
    to the history of a frozen document."""

    def update(self, **kwargs):
        if set(kwargs) - {"history_change_reason"}:
            raise PermissionDenied(_("Historiken kan inte skrivas om."))
        for record in self:
            if (document := frozen_document_of_record(record)) is not None:
                raise FrozenDocument(document)
        return super().update(**kwargs)


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
    signatures = GenericRelation("safety_partnership.Signature")
    history = HistoricalRecords(inherit=True, historical_queryset=GuardedHistoryQuerySet)
    objects = GuardedQuerySet.as_manager()
    status_lookup = "status"
    locked_when = LOCKED

    if TYPE_CHECKING:
        # Every concrete document has a partnership: a foreign key of its own (agreement,
        # pledge) or a property (an action plan's is its agreement's).
        @property
        def partnership(self) -> Partnership: ...

        # The reverse side of revision_of, on each concrete document.
        revisions: RelatedManager[Self]

    # The reason django-simple-history writes into the history entry of the next save.
    _change_reason: str

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

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_frozen()
        super().save(*args, **kwargs)
        if (reads := _guard_reads.get()) is not None:
            reads[type(self), self.pk] = self.status

    def get_absolute_url(self) -> str:
        return reverse(f"{kind_of(self).namespace}:detail", args=[self.pk])

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

    @property
    def status_note(self) -> str:
        """A note beside the period in lists, e.g. a pledge's extension."""
        return ""

    def document_of_row(self) -> Document:
        return self

    def content_tree(self, form: int = CONTENT_FORM) -> dict:
        """Everything the document says, rows included, in a fixed order (see signing), in
        the given content form (CONTENT_FORM)."""
        return {"kind": self._meta.model_name, **content_of(self, form)}

    # Addresses, from the registry of kinds (kinds.py), so that templates need no kind.

    @property
    def kind(self) -> DocumentKind:
        return kind_of(self)

    @property
    def history_url(self) -> str:
        return reverse(f"{self.kind.namespace}:history", args=[self.pk])

    @property
    def as_of_url(self) -> str:
        """The document as it was; the moment follows in ?tid=."""
        return reverse(f"{self.kind.namespace}:as_of", args=[self.pk])

    @property
    def pdf_url(self) -> str:
        return reverse("pdf:download", args=[self.kind.slug, self.pk])

    @property
    def signing_urls(self) -> dict[str, str]:
        """send, sign, return, recall, revise and paper: the signing pages of this document."""
        actions = ["send", "sign", "return", "recall", "revise", "paper"]
        return {a: reverse(f"signing:{a}", args=[self.kind.slug, self.pk]) for a in actions}

    def check_frozen(self) -> None:
        """Refuse to store this document over a locked one, but for what it may still do."""
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).first()
            if stored is not None and not self._allowed_change_of(stored):
                raise FrozenDocument(stored)

    def _allowed_change_of(self, stored: Document) -> bool:
        if self.status not in STATUS_MOVES[stored.status]:
            return False  # e.g. a signed document never goes back to draft
        return locked_document(stored) is None or all(
            getattr(self, f.attname) == getattr(stored, f.attname)
            for f in self._meta.concrete_fields
            if f.name not in MUTABLE_WHEN_FROZEN
        )


class ResponsibleParty(models.TextChoices):
    POLICE = "police", _("Polisen")
    MUNICIPALITY = "municipality", _("Kommunen")
    JOINT = "joint", _("Kommunen och polisen")
    OTHER = "other", _("Annan aktör")
    # A measure whose responsible party the document does not name says so, rather than
    # inventing one (form 3 on; see ActionPlan's Measure).
    UNKNOWN = "unknown", _("Ansvar ej angivet")


# A promise names who keeps it; "Ansvar ej angivet" is for a plan's measures only.
NAMED_PARTIES = [(value, label) for value, label in ResponsibleParty.choices if value != "unknown"]


class Responsibility(models.Model):
    """Who carries out a measure or keeps a promise, with an optional unit or note."""

    responsible = models.CharField(_("ansvar"), max_length=20, choices=NAMED_PARTIES)
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


# (model, pk) -> what the row guard has read inside rows_of_one_write(): a parent row's
# document (model, pk), a document's stored status.
_guard_reads: ContextVar[dict[tuple[type, Any], Any] | None] = ContextVar(
    "guard_reads", default=None
)


@contextmanager
def rows_of_one_write() -> Iterator[None]:
    """Within it, the row guard reads each document's stored status (and each parent row's
    document) once rather than for every row saved: for a write of many rows (a copy, a
    seed) in which nothing else changes a document's status but Document.save, which
    updates what was read. The triggers still check every row in SQL."""
    token = _guard_reads.set({})
    try:
        yield
    finally:
        _guard_reads.reset(token)


DocumentKey = tuple[type[models.Model], Any]


def _document_key(row: models.Model, reads: dict) -> DocumentKey | None:
    """The (model, pk) of the document the row is in now, through its parent's link
    (status_lookup "focus_area__plan__status": the focus area's plan), read once per parent;
    None where the path does not start with a link of the row's own."""
    lookup = getattr(row, "status_lookup", None)
    if not lookup or "__" not in lookup:
        return None
    first, *rest = lookup.split("__")[:-1]
    field = row._meta.get_field(first)
    if not isinstance(field, models.ForeignKey):
        return None
    parent_id = getattr(row, field.attname)
    if parent_id is None:
        return None
    parent: type[models.Model] = field.related_model  # type: ignore[assignment]
    if not rest:
        return parent, parent_id
    if (parent, parent_id) not in reads:
        document_id = (
            parent._base_manager.filter(pk=parent_id)
            .values_list("__".join(rest), flat=True)
            .first()
        )
        document_model = parent
        for name in rest:
            document_model = document_model._meta.get_field(name).related_model  # type: ignore[assignment]
        reads[parent, parent_id] = None if document_id is None else (document_model, document_id)
    return reads[parent, parent_id]


def _check_once(row: DocumentRow | Signature, key: DocumentKey, reads: dict) -> None:
    """check_row_change inside rows_of_one_write(): the document's status read once."""
    keys: list[DocumentKey | None] = [key]
    if row.pk is not None:
        stored = type(row)._base_manager.filter(pk=row.pk).first()
        if stored is not None and (stored_key := _document_key(stored, reads)) != key:
            keys.append(stored_key)
    for each in filter(None, keys):
        if each not in reads:
            model, pk = each
            reads[each] = model._base_manager.filter(pk=pk).values_list("status", flat=True).first()
        if reads[each] in row.locked_when:
            raise FrozenDocument(cast(Document, each[0]._base_manager.get(pk=each[1])))


def check_row_change(row: DocumentRow | Signature) -> None:
    """Refuse to add, change or move a row of a locked document (measure, promise, signature).

    Both the document the row is in now and, for a stored row, the one it was in.
    """
    reads = _guard_reads.get()
    if reads is not None and (key := _document_key(row, reads)) is not None:
        _check_once(row, key, reads)
        return
    rows = [row]
    if row.pk is not None:
        stored = type(row)._base_manager.filter(pk=row.pk).first()
        if stored is not None:
            rows.append(stored)
    for each in rows:
        if (document := locked_document(each, stored=True)) is not None:
            raise FrozenDocument(document)


def check_frozen(obj: models.Model) -> None:
    """Before a write that skips save(): the model's own test (a document's, an archived
    PDF's), else that of a part of a document (a row, a signature, a dialogue)."""
    if hasattr(obj, "check_frozen"):
        obj.check_frozen()
    else:
        check_row_change(obj)  # type: ignore[arg-type]


class DocumentRow(models.Model):
    """A row that is part of a document's content: a focus area, a measure, a promise."""

    objects = GuardedQuerySet.as_manager()
    locked_when = LOCKED

    # The reason django-simple-history writes into the history entry of the next save.
    _change_reason: str

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        check_row_change(self)
        super().save(*args, **kwargs)
        if (reads := _guard_reads.get()) is not None:
            reads.pop((type(self), self.pk), None)  # the row may have moved to another parent

    def check_frozen(self) -> None:
        check_row_change(self)

    def document_of_row(self) -> Document:
        raise NotImplementedError
