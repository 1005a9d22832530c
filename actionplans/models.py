"""The action plan (handlingsplan): focus areas, each with its measures and who carries them out."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, HistoricForeignKey

from agreements.models import Agreement
from safety_partnership.models import CONTENT_FORM, Document, DocumentRow, Responsibility
from safety_partnership.models.documents import GuardedHistoryQuerySet, content_of


class FollowUpInterval(models.TextChoices):
    TERTIAL = "tertial", _("Efter varje tertial")
    QUARTER = "quarter", _("Efter varje kvartal")
    HALF_YEAR = "half_year", _("Efter varje halvår")
    YEAR = "year", _("En gång per år")


class ActionPlan(Document):
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("samverkansöverenskommelse"),
    )
    period_end = models.DateField(_("gäller till"))
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

    class Meta(Document.Meta):
        ordering = ["agreement", "-period_start", "-revision"]
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
    def partnership(self):
        return self.agreement.partnership

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
    """A measure (åtgärd) under a focus area, with its own responsible party."""

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
