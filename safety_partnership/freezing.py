"""Deletes that would remove a signed document, a row of one, or the history behind it.

save() and bulk update() are refused in the models (models/documents.py); deletes
are refused here, for single objects and querysets alike (Django sends pre_delete
for each object it deletes), and for the history rows django-simple-history's
clean-up commands would prune. On PostgreSQL, triggers refuse the same in SQL
(migrations safety_partnership 0004 and 0005).
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _

from .models import Document, FrozenDocument, Signature
from .models.documents import locked_document


def guarded_models() -> list:
    """Every model that is, or is part of, a signed document: those with document_of_row()."""
    return [model for model in apps.get_models() if hasattr(model, "document_of_row")]


def refuse_deleting_frozen(sender, instance, **kwargs) -> None:
    if (document := locked_document(instance)) is not None:
        raise FrozenDocument(document)


def refuse_pruning_frozen_history(sender, instance, **kwargs) -> None:
    """A history record of a signed document, or of one of its rows, stays."""
    live = sender.instance_type
    try:
        document = live._base_manager.get(pk=instance.id).document_of_row()
    except live.DoesNotExist:
        return  # the object is gone, so it belonged to no signed document
    if document is not None and getattr(document, "is_frozen", False):
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


def connect() -> None:
    """Called once all apps are loaded, so that every document kind's models are guarded."""
    pre_delete.connect(
        refuse_deleting_authors, sender=settings.AUTH_USER_MODEL, dispatch_uid="frozen-authors"
    )
    for model in guarded_models():
        pre_delete.connect(refuse_deleting_frozen, sender=model, dispatch_uid=f"frozen-{model}")
        history = model.history.model
        pre_delete.connect(
            refuse_pruning_frozen_history, sender=history, dispatch_uid=f"frozen-{history}"
        )
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
