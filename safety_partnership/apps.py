from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyPartnershipConfig(AppConfig):
    name = "safety_partnership"
    verbose_name = _("Parter och ärenden")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from . import freezing
        from .council.models import refuse_deleting_decided_documents

        # Every app's models are loaded by now, the document apps' included.
        freezing.connect()
        pre_delete.connect(refuse_deleting_decided_documents, dispatch_uid="decided-documents")
