from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        from safety_partnership import followups

        from .dashboard import provide

        # The dashboard shows what is due in the follow-up without naming this app.
        followups.register("followup", provide)
