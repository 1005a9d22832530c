from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        from safety_partnership import followups
        from safety_partnership.triggers import register_guards

        from .dashboard import provide
        from .guards import (
            compiled_tertial_guards,
            finalised_annual_guards,
            report_signature_guards,
        )

        # The dashboard shows what is due in the follow-up, and the database keeps a compiled
        # tertial and a finalised annual follow-up, without the core naming this app.
        followups.register("followup", provide)
        register_guards(compiled_tertial_guards)
        register_guards(finalised_annual_guards)
        register_guards(report_signature_guards)
