from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        from safety_partnership.triggers import register_guards

        from .guards import compiled_tertial_guards

        register_guards(compiled_tertial_guards)
