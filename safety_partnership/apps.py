from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyPartnershipConfig(AppConfig):
    name = "safety_partnership"
    verbose_name = _("Parter och ärenden")

    def ready(self) -> None:
        from actionplans.models import ActionPlan, FocusArea, Measure
        from agreements.models import Agreement
        from pledges.models import Pledge, Promise

        from . import freezing
        from .models import ArchivedPdf, Signature

        freezing.connect(
            [Agreement, ActionPlan, FocusArea, Measure, Pledge, Promise, Signature, ArchivedPdf]
        )
