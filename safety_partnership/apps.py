from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyPartnershipConfig(AppConfig):
    name = "safety_partnership"
    verbose_name = _("Parter och ärenden")
