from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyPartnershipConfig(AppConfig):
    name = "safety_partnership"
    verbose_name = _("Parter och ärenden")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete
        from simple_history.signals import pre_create_historical_record

        from . import freezing, rows
        from .council.models import refuse_deleting_decided_documents
        from .council.views import MEMO_RECIPIENT, PARAGRAPH, PARAGRAPH_RECIPIENT
        from .history import fit_change_reason

        # Every app's models are loaded by now, the document apps' included.
        freezing.connect()
        for row_kind in (PARAGRAPH, PARAGRAPH_RECIPIENT, MEMO_RECIPIENT):
            rows.register(row_kind)
        pre_create_historical_record.connect(fit_change_reason, dispatch_uid="fit-change-reason")
        pre_delete.connect(refuse_deleting_decided_documents, dispatch_uid="decided-documents")
