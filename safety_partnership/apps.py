from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyPartnershipConfig(AppConfig):
    name = "safety_partnership"
    verbose_name = _("Parter och ärenden")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, pre_delete, pre_migrate, pre_save
        from django_tasks.signals import task_finished

        from . import freezing, logins, observability, review, rows, triggers
        from .council.models import (
            MinutesParagraph,
            Recipient,
            refuse_deleting_decided_documents,
            refuse_raw_adjusted_change,
        )
        from .council.views import MEMO_RECIPIENT, PARAGRAPH, PARAGRAPH_RECIPIENT

        # Every app's models are loaded by now, the document apps' included.
        freezing.connect()
        logins.connect()  # failed logins and lockouts are logged
        review.connect()
        for row_kind in (PARAGRAPH, PARAGRAPH_RECIPIENT, MEMO_RECIPIENT):
            rows.register(row_kind)
        pre_delete.connect(refuse_deleting_decided_documents, dispatch_uid="decided-documents")
        for model in (MinutesParagraph, Recipient):  # loaddata saves past save()
            pre_save.connect(refuse_raw_adjusted_change, sender=model, dispatch_uid=f"adj-{model}")
        # A failed background task is logged as the register's own event (register.tasks).
        task_finished.connect(observability.log_failed_task, dispatch_uid="log-failed-task")
        # The triggers step aside while migrations run and are made again from the models
        # after every migrate (and flush), once for all apps.
        pre_migrate.connect(triggers.uninstall_before_migrate, sender=self, dispatch_uid="guards")
        post_migrate.connect(triggers.install_after_migrate, sender=self, dispatch_uid="guards")
        # A signatory's session ends when the browser closes (security.py).
        from django.contrib.auth.signals import user_logged_in

        from .security import session_at_login

        user_logged_in.connect(session_at_login, dispatch_uid="session-at-login")
