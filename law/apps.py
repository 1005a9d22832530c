from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawConfig(AppConfig):
    name = "law"
    verbose_name = _("Lagens krav")

    def ready(self) -> None:
        from safety_partnership import followups

        from .checklist import panels

        # The dashboard and each partnership's page show where the municipality stands
        # with the law's duties, without the core naming this app.
        followups.register_overview("law", panels)
