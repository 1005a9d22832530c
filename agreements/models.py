"""The cooperation agreement (samverkansöverenskommelse) between a municipality and the Police."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, HistoricForeignKey

from safety_partnership.models import CONTENT_FORM, Document, DocumentRow, Partnership
from safety_partnership.models.documents import GuardedHistoryQuerySet, content_of


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
    # Two to four sign an agreement: both parties' signatories, and perhaps a third party,
    # or the municipal chief executive instead of (or beside) the chair.
    signatory_count = (2, 4)

    class Meta(Document.Meta):
        ordering = ["partnership", "-period_start", "-revision"]
        # The dashboard counts documents by status from this index alone.
        indexes = [models.Index(fields=["partnership", "status"], name="agreement_by_status")]
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

    def content_tree(self, form: int = CONTENT_FORM) -> dict:
        tree = super().content_tree(form)
        if form >= 3:  # goals and commitments as ordered lists: content form 3 on
            tree["goals"] = [content_of(goal, form) for goal in self.goals.order_by("position")]
            tree["commitment_rows"] = [
                content_of(commitment, form)
                for commitment in self.commitment_rows.order_by("position")
            ]
        return tree


class GoalKind(models.TextChoices):
    OVERALL = "overall", _("Övergripande mål")
    SUB = "sub", _("Delmål")


class AgreementGoal(DocumentRow):
    """One goal of the agreement, in order: an overall goal (övergripande mål) or a sub-goal."""

    agreement = HistoricForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("överenskommelse"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    kind = models.CharField(_("slag"), max_length=20, choices=GoalKind.choices)
    text = models.TextField(_("mål"))
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "agreement__status"

    class Meta:
        ordering = ["agreement", "position"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "position"], name="agreementgoal_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def anchor(self) -> str:
        return f"mal-{self.pk}"

    def document_of_row(self):
        return self.agreement


class CommittingParty(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen")
    POLICE = "police", _("Polisen")
    OTHER = "other", _("Annan part")


class Commitment(DocumentRow):
    """One of a party's commitments (åtaganden) in the agreement, in order."""

    agreement = HistoricForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="commitment_rows",
        verbose_name=_("överenskommelse"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    party = models.CharField(_("part"), max_length=20, choices=CommittingParty.choices)
    party_name = models.CharField(
        _("annan parts namn"),
        max_length=250,
        blank=True,
        help_text=_("För en annan part, t.ex. ”Räddningstjänsten”."),
    )
    text = models.TextField(_("åtagande"))
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "agreement__status"

    class Meta:
        ordering = ["agreement", "position"]
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "position"], name="commitment_unique_position"
            ),
            models.CheckConstraint(
                condition=~Q(party="other") | ~Q(party_name=""),
                name="commitment_other_party_named",
                violation_error_message=_("Ange vilken annan part som åtar sig detta."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def anchor(self) -> str:
        return f"atagande-{self.pk}"

    @property
    def party_label(self) -> str:
        return self.party_name if self.party == CommittingParty.OTHER else self.get_party_display()

    def document_of_row(self):
        return self.agreement


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
    # What the leadership followed up at the meeting: plans and pledges of the same partnership.
    followed_up_plans = models.ManyToManyField(
        "actionplans.ActionPlan",
        blank=True,
        related_name="followed_up_at",
        verbose_name=_("handlingsplaner som följdes upp"),
    )
    followed_up_pledges = models.ManyToManyField(
        "pledges.Pledge",
        blank=True,
        related_name="followed_up_at",
        verbose_name=_("medborgarlöften som följdes upp"),
    )
    history = HistoricalRecords(m2m_fields=[followed_up_plans, followed_up_pledges])

    class Meta:
        ordering = ["agreement", "held_on"]
        verbose_name = _("ledningsmöte")
        verbose_name_plural = _("ledningsmöten")

    def __str__(self) -> str:
        return _("Ledningsmöte %(date)s") % {"date": self.held_on.isoformat()}
