"""Deletes that would remove a signed document, a row of one, or the history behind it.

save() and bulk update() are refused in the models (models/documents.py); deletes
are refused here, for single objects and querysets alike (Django sends pre_delete
for each object it deletes), and for the history rows django-simple-history's
clean-up commands would prune. On PostgreSQL, triggers refuse the same in SQL
(migrations safety_partnership 0004 and 0005).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _

from .models import FrozenDocument


def refuse_deleting_frozen(sender, instance, **kwargs) -> None:
    document = instance.document_of_row()
    if getattr(document, "status", None) in instance.locked_when:
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


def connect(guarded_models) -> None:
    pre_delete.connect(
        refuse_deleting_authors, sender=settings.AUTH_USER_MODEL, dispatch_uid="frozen-authors"
    )
    for model in guarded_models:
        pre_delete.connect(refuse_deleting_frozen, sender=model, dispatch_uid=f"frozen-{model}")
        history = model.history.model
        pre_delete.connect(
            refuse_pruning_frozen_history, sender=history, dispatch_uid=f"frozen-{history}"
        )


def refuse_deleting_authors(sender, instance, **kwargs) -> None:
    """Whoever changed a document stays named in its history: deactivate, don't delete."""
    from actionplans.models import ActionPlan, FocusArea, Measure
    from agreements.models import Agreement
    from pledges.models import Pledge, Promise

    from .models import Signature

    for model in (Agreement, ActionPlan, FocusArea, Measure, Pledge, Promise, Signature):
        if model.history.filter(history_user_id=instance.pk).exists():
            raise PermissionDenied(
                _(
                    "%(user)s har ändrat dokument i registret och står i historiken. "
                    "Inaktivera kontot i stället för att ta bort det."
                )
                % {"user": instance.get_username()}
            )
