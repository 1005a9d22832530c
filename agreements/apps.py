from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Samverkansöverenskommelser")

    def ready(self) -> None:
        from safety_partnership import kinds, rows

        from .kind import KIND
        from .views import COMMITMENT, GOAL, MEETING

        kinds.register(KIND)
        rows.register(MEETING)
        rows.register(GOAL)
        rows.register(COMMITMENT)
