"""The cooperation agreement (samverkansöverenskommelse) between a municipality and the Police."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, HistoricForeignKey

from safety_partnership.models import Document, Partnership


class Agreement(Document):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("samverkan"),
    )
    # An agreement may run "tills vidare": period_end stays empty.
    filing_code = models.CharField(
        _("diarieplanbeteckning"), max_length=30, blank=True, help_text=_("T.ex. 048.")
    )
    introduction = models.TextField(_("inledning"), blank=True)
    overall_goal = models.TextField(_("övergripande mål"), blank=True)
    sub_goals = models.TextField(_("delmål"), blank=True)
    commitments = models.TextField(_("åtaganden"), blank=True)
    leadership_meetings = models.TextField(
        _("ledningsmöten"),
        blank=True,
        help_text=_("Hur ofta ledningen för lokalpolisområdet träffar kommunledningen."),
    )
    leadership_meetings_per_year = models.PositiveSmallIntegerField(
        _("ledningsmöten per kalenderår, minst"), default=1
    )
    follow_up = models.TextField(_("uppföljning"), blank=True)

    class Meta(Document.Meta):
        ordering = ["partnership", "-period_start", "-revision"]
        verbose_name = _("samverkansöverenskommelse")
        verbose_name_plural = _("samverkansöverenskommelser")
        constraints = Document.Meta.constraints + [
            # A revision keeps the diary number of the agreement it revises.
            models.UniqueConstraint(
                fields=["partnership", "diary_number"],
                condition=~Q(diary_number="") & Q(revision_of__isnull=True),
                name="agreement_unique_diary_number",
                violation_error_message=_(
                    "Diarienumret används redan av en annan överenskommelse."
                ),
            ),
        ]


class LeadershipMeeting(models.Model):
    """The yearly meeting between the police area's and the municipality's leadership."""

    agreement = HistoricForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("överenskommelse"),
    )
    held_on = models.DateField(_("datum"))
    participants = models.TextField(_("deltagare"), blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "held_on"]
        verbose_name = _("ledningsmöte")
        verbose_name_plural = _("ledningsmöten")

    def __str__(self) -> str:
        return _("Ledningsmöte %(date)s") % {"date": self.held_on.isoformat()}
