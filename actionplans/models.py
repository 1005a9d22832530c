"""The action plan (handlingsplan): focus areas, each with its measures and who carries them out."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, HistoricForeignKey

from agreements.models import Agreement
from safety_partnership.models import (
    CONTENT_FORM,
    Document,
    DocumentRow,
    Partnership,
    Responsibility,
    ResponsibleParty,
)
from safety_partnership.models.documents import GuardedHistoryQuerySet, content_of, period_label


class FollowUpInterval(models.TextChoices):
    TERTIAL = "tertial", _("Efter varje tertial")
    QUARTER = "quarter", _("Efter varje kvartal")
    HALF_YEAR = "half_year", _("Efter varje halvår")
    YEAR = "year", _("En gång per år")


class ActionPlan(Document):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("samverkan"),
    )
    # A plan may stand without an agreement of its own (e.g. a police area's district plan).
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        related_name="action_plans",
        null=True,
        blank=True,
        verbose_name=_("samverkansöverenskommelse"),
    )
    period_end = models.DateField(_("gäller till"))
    districts = models.CharField(
        _("geografiskt område"),
        max_length=500,
        blank=True,
        help_text=_("De områden planen gäller, t.ex. ”Mjölby tätort, Mantorp, Skänninge”."),
    )
    introduction = models.TextField(_("inledning"), blank=True)
    purpose = models.TextField(_("syfte"), blank=True)
    validity = models.TextField(
        _("giltighet"),
        blank=True,
        help_text=_("T.ex. att planen kan revideras efter förändringar i den lokala lägesbilden."),
    )
    follow_up = models.TextField(_("uppföljning"), blank=True)
    follow_up_interval = models.CharField(
        _("löpande uppföljning"),
        max_length=20,
        choices=FollowUpInterval.choices,
        default=FollowUpInterval.TERTIAL,
    )
    annual_follow_up_after_tertial = models.PositiveSmallIntegerField(
        _("årsuppföljningen börjar efter tertial"),
        null=True,
        blank=True,
        choices=[(1, _("Första tertialen")), (2, _("Andra tertialen")), (3, _("Tredje tertialen"))],
    )

    # Fields added after content form 1: left out of the forms signed before them.
    content_since = {"districts": 3}

    class Meta(Document.Meta):
        ordering = ["partnership", "-period_start", "-revision"]
        # The dashboard counts documents by status from this index alone.
        indexes = [models.Index(fields=["partnership", "status"], name="actionplan_by_status")]
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        constraints = Document.Meta.constraints + [
            models.CheckConstraint(
                condition=Q(annual_follow_up_after_tertial__isnull=True)
                | Q(annual_follow_up_after_tertial__range=(1, 3)),
                name="actionplan_annual_follow_up_tertial_1_to_3",
            ),
        ]

    @property
    def period_warning(self) -> str:
        """A plan whose period lies outside its agreement's: said, not refused."""
        agreement = self.agreement if self.agreement_id else None
        if agreement is None or self.period_start is None or self.period_end is None:
            return ""
        starts_before = self.period_start < agreement.period_start
        ends_after = agreement.period_end is not None and self.period_end > agreement.period_end
        if not (starts_before or ends_after):
            return ""
        ended = agreement.period_end is not None and agreement.period_end < timezone.localdate()
        if ended:
            message = gettext("Planen gäller %(plan)s men överenskommelsen gällde %(agreement)s.")
        else:
            message = gettext("Planen gäller %(plan)s men överenskommelsen gäller %(agreement)s.")
        return message % {
            "plan": period_label(self.period_start, self.period_end),
            "agreement": agreement.period,
        }

    def content_tree(self, form: int = CONTENT_FORM) -> dict:
        areas = self.focus_areas.order_by("position").prefetch_related(
            models.Prefetch("measures", queryset=Measure.objects.order_by("position"))
        )
        return {
            **super().content_tree(form),
            "focus_areas": [
                {
                    **content_of(area, form),
                    "measures": [content_of(m, form) for m in area.measures.all()],
                }
                for area in areas
            ],
        }


class FocusArea(DocumentRow):
    """One row of the plan's table: Problembild, Orsaksanalys, Övergripande effektmål, Delmål."""

    plan = HistoricForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("handlingsplan"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    title = models.CharField(_("fokusområde"), max_length=200)
    problem = models.TextField(_("problembild"), blank=True)
    cause_analysis = models.TextField(_("orsaksanalys"), blank=True)
    effect_goal = models.TextField(_("övergripande effektmål"), blank=True)
    sub_goal = models.TextField(_("delmål"), blank=True)
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "plan__status"

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="focusarea_unique_position"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def anchor(self) -> str:
        """The id of the row on its document's page, to return to after a change."""
        return f"fokusomrade-{self.pk}"

    def document_of_row(self):
        return self.plan


class Measure(Responsibility, DocumentRow):
    """A measure (åtgärd) under a focus area, with its own responsible party, or
    "Ansvar ej angivet" when the plan does not name one."""

    responsible = models.CharField(_("ansvar"), max_length=20, choices=ResponsibleParty.choices)

    focus_area = HistoricForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name=_("fokusområde"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    description = models.TextField(_("åtgärd"))
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "focus_area__plan__status"

    class Meta(Responsibility.Meta):
        ordering = ["focus_area", "position"]
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        constraints = Responsibility.Meta.constraints + [
            models.UniqueConstraint(
                fields=["focus_area", "position"], name="measure_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def anchor(self) -> str:
        """The id of the row on its document's page, to return to after a change."""
        return f"atgard-{self.pk}"

    def document_of_row(self):
        return self.focus_area.plan
