"""Deletes that would remove a signed document, a row of one, or the history behind it, and
the writes that skip save(): loaddata and history records saved by hand.

save() and bulk update() are refused in the models (models/documents.py); deletes
are refused here, for single objects and querysets alike (Django sends pre_delete
for each object it deletes), and for the history rows django-simple-history's
clean-up commands would prune. Triggers refuse the same in SQL (triggers.py).
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _
from simple_history.signals import pre_create_historical_record

from .models import Document, FrozenDocument, Signature
from .models.documents import (
    GuardedQuerySet,
    check_frozen,
    frozen_document_of_record,
    locked_document,
)


def guarded_models() -> list:
    """Every model that is, or is part of, a signed document: those with document_of_row()."""
    return [model for model in apps.get_models() if hasattr(model, "document_of_row")]


def refuse_deleting_frozen(sender, instance, **kwargs) -> None:
    if (document := locked_document(instance)) is not None:
        raise FrozenDocument(document)


def refuse_raw_frozen_change(sender, instance, raw, **kwargs) -> None:
    """loaddata saves "raw", past save(): the same test, before the row is written (a
    model without a test of its own is a part of its document, as a row is)."""
    if raw:
        check_frozen(instance)


def refuse_pruning_frozen_history(sender, instance, **kwargs) -> None:
    """A history record of a signed document, or of one of its rows, stays."""
    if (document := frozen_document_of_record(instance)) is not None:
        raise FrozenDocument(document)


# Set on the record django-simple-history is about to write after a save.
AFTER_SAVE = "_written_after_save"


def mark_written_after_save(sender, history_instance, **kwargs) -> None:
    setattr(history_instance, AFTER_SAVE, True)


def refuse_forged_history(sender, instance, **kwargs) -> None:
    """A history record is written by django-simple-history when its object is saved; one
    saved any other way (by hand, by loaddata, changed afterwards) may not be part of a
    frozen document. The triggers check that what it writes is the object as it is."""
    if getattr(instance, AFTER_SAVE, False) and instance.pk is None:  # an insert
        return
    if (document := frozen_document_of_record(instance)) is not None:
        raise FrozenDocument(document)


def refuse_deleting_signed_versions(sender, instance, **kwargs) -> None:
    """The history record a signature points at stays, whatever the document's status."""
    signatures = Signature.objects.filter(
        content_type=ContentType.objects.get_for_model(sender.instance_type),
        object_id=instance.id,
        signed_history_id=instance.history_id,
    )
    if signatures.exists():
        raise ProtectedError(
            _("Den här versionen av dokumentet är undertecknad och kan inte tas bort."),
            set(signatures),
        )


def guard_base_manager(model) -> None:
    """A guarded model's base manager is its guarded manager (`objects`).

    Related managers write through the base manager: `area.measures.add(measure)` is an
    update() of Measure's, which would otherwise skip the guards. Set here rather than in
    each model's Meta, so that every document kind's rows get it without a line of their own.
    """
    manager = model._meta.managers_map.get("objects")
    queryset = getattr(manager, "_queryset_class", type)
    if not model._meta.base_manager_name and issubclass(queryset, GuardedQuerySet):
        model._meta.base_manager_name = "objects"
        model._meta.__dict__.pop("base_manager", None)  # if it was read before


def connect() -> None:
    """Called once all apps are loaded, so that every document kind's models are guarded."""
    pre_delete.connect(
        refuse_deleting_authors, sender=settings.AUTH_USER_MODEL, dispatch_uid="frozen-authors"
    )
    pre_create_historical_record.connect(mark_written_after_save, dispatch_uid="after-save")
    for model in guarded_models():
        guard_base_manager(model)
        pre_delete.connect(refuse_deleting_frozen, sender=model, dispatch_uid=f"frozen-{model}")
        pre_save.connect(refuse_raw_frozen_change, sender=model, dispatch_uid=f"raw-{model}")
        history = model.history.model
        pre_delete.connect(
            refuse_pruning_frozen_history, sender=history, dispatch_uid=f"frozen-{history}"
        )
        pre_save.connect(refuse_forged_history, sender=history, dispatch_uid=f"forged-{history}")
        if issubclass(model, Document):
            pre_delete.connect(
                refuse_deleting_signed_versions, sender=history, dispatch_uid=f"signed-{history}"
            )


def refuse_deleting_authors(sender, instance, **kwargs) -> None:
    """Whoever changed a document stays named in its history: deactivate, don't delete."""
    for model in guarded_models():
        if model.history.filter(history_user_id=instance.pk).exists():
            raise PermissionDenied(
                _(
                    "%(user)s har ändrat dokument i registret och står i historiken. "
                    "Inaktivera kontot i stället för att ta bort det."
                )
                % {"user": instance.get_username()}
            )
