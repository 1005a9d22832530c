from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from safety_partnership import kinds, rows
        from safety_partnership.triggers import register_guards

        from .guards import finalised_report_guards
        from .kind import KIND
        from .views import PROMISE, PROMISE_POINT, TARGET

        kinds.register(KIND)
        rows.register(PROMISE)
        rows.register(PROMISE_POINT)
        rows.register(TARGET)
        register_guards(finalised_report_guards)
