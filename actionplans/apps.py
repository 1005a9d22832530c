from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Handlingsplaner")

    def ready(self) -> None:
        from safety_partnership import kinds, rows

        from .kind import KIND
        from .views import ROW_KINDS

        kinds.register(KIND)
        for row_kind in ROW_KINDS:
            rows.register(row_kind)
