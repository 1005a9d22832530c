"""Tertial follow-up of an action plan: each party reports its own measures, then the
coordinator marks the tertial compiled (gemensam sammanställning), which locks its reports.
A correction after that is a new report that says what it corrects; nothing is overwritten."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplans.models import ActionPlan, Measure
from safety_partnership.models import Person

from .tertials import Tertial


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    ONGOING = "ongoing", _("Pågår")
    DONE = "done", _("Genomförd")
    STOPPED = "stopped", _("Stoppad/ändrad")


class ReportingParty(models.TextChoices):
    POLICE = "police", _("Polisen")
    MUNICIPALITY = "municipality", _("Kommunen")


class CompiledTertial(PermissionDenied):
    def __init__(self, tertial: Tertial) -> None:
        super().__init__(
            _("%(tertial)s är sammanställd. Rätta med en ny rapport i stället.")
            % {"tertial": tertial.label}
        )


class TertialCompilation(models.Model):
    """The coordinator's 'gemensam sammanställning' of a plan's tertial: its reports locked."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="compilations")
    year = models.PositiveSmallIntegerField(_("år"))
    tertial = models.PositiveSmallIntegerField(
        _("tertial"), choices=[(1, "T1"), (2, "T2"), (3, "T3")]
    )
    compiled_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    compiled_at = models.DateTimeField(_("sammanställd"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sammanställd tertial")
        verbose_name_plural = _("sammanställda tertial")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "tertial"], name="compilation_once_per_tertial"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} {Tertial(self.year, self.tertial).label}"

    # Undoing or moving a compilation would unlock its reports.
    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise CompiledTertial(Tertial(self.year, self.tertial))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise CompiledTertial(Tertial(self.year, self.tertial))


class MeasureReport(models.Model):
    """What one party says of one measure in one tertial."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("år"))
    tertial = models.PositiveSmallIntegerField(
        _("tertial"), choices=[(1, "T1"), (2, "T2"), (3, "T3")]
    )
    party = models.CharField(_("rapporterat för"), max_length=20, choices=ReportingParty.choices)
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    indicator_value = models.DecimalField(
        _("indikatorns värde"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    reported_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("rapporterad"), default=timezone.now)
    # A report made after the tertial was compiled corrects the one it names.
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "year", "tertial", "reported_at", "pk"]
        verbose_name = _("rapport om åtgärd")
        verbose_name_plural = _("rapporter om åtgärder")

    def __str__(self) -> str:
        return f"{self.measure} {self.tertial_period.label}: {self.get_status_display()}"

    def save(self, *args, **kwargs) -> None:
        # A report of a compiled tertial stays as it was; a correction is a new report.
        if self.pk is not None and self.is_compiled():
            raise CompiledTertial(self.tertial_period)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_compiled():
            raise CompiledTertial(self.tertial_period)
        return super().delete(*args, **kwargs)

    @property
    def tertial_period(self) -> Tertial:
        return Tertial(self.year, self.tertial)

    def is_compiled(self) -> bool:
        return TertialCompilation.objects.filter(
            plan__focus_areas__measures=self.measure_id, year=self.year, tertial=self.tertial
        ).exists()


class ReminderKind(models.TextChoices):
    TWO_WEEKS = "two_weeks", _("Två veckor före")
    TWO_DAYS = "two_days", _("Två dagar före")
    COMPILE = "compile", _("Kan sammanställas")


class SentReminder(models.Model):
    """A reminder e-mailed by send_reminders: kept so that each goes once."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    tertial = models.PositiveSmallIntegerField(
        _("tertial"), choices=[(1, "T1"), (2, "T2"), (3, "T3")]
    )
    kind = models.CharField(_("påminnelse"), max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "plan", "year", "tertial", "kind"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {Tertial(self.year, self.tertial).label}: {self.get_kind_display()}"
