from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from safety_partnership import kinds

        from .kind import KIND

        kinds.register(KIND)
