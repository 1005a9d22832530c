"""Tertial follow-up of an action plan: each party reports its own measures, then the
coordinator marks the tertial compiled (gemensam sammanställning), which locks its reports.
A correction after that is a new report that says what it corrects; nothing is overwritten."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
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

    def is_kept(self) -> bool:
        return True


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

    def is_kept(self) -> bool:
        return self.pk is not None and self.is_compiled()

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


class EffectAssessment(models.TextChoices):
    ACHIEVED = "achieved", _("Uppnått")
    PARTLY = "partly", _("Delvis uppnått")
    NOT_ACHIEVED = "not_achieved", _("Ej uppnått")
    CANNOT_TELL = "cannot_tell", _("Kan inte bedömas")


class FinalisedAnnualFollowUp(PermissionDenied):
    def __init__(self, year: int) -> None:
        super().__init__(
            _("Årsuppföljningen %(year)s är fastställd och kan inte ändras.") % {"year": year}
        )


class AnnualFollowUp(models.Model):
    """A plan's annual follow-up of one year: per focus area a summary and an assessment of
    its effect goal (AreaAssessment), and a proposal for revising the plan. Once the
    coordinator has finalised it (fastställd) it stays as it was; only the revision it led
    to is recorded afterwards."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="annual_follow_ups")
    year = models.PositiveSmallIntegerField(_("år"))
    revision_proposal = models.TextField(_("förslag till revidering"), blank=True)
    changed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("senast ändrad"), default=timezone.now)
    finalised_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_on = models.DateField(_("fastställd"), null=True, blank=True)
    # The revision draft of the plan that 'Revidera handlingsplanen' started from it.
    revision = models.ForeignKey(
        ActionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_by_annual_follow_ups",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("årsuppföljning")
        verbose_name_plural = _("årsuppföljningar")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="annual_follow_up_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {_('årsuppföljning')} {self.year}"

    def save(self, *args, **kwargs) -> None:
        # Finalised, only the revision it led to may still be recorded, once.
        if self.is_finalised_in_db():
            recording_revision = kwargs.get("update_fields") == ["revision"]
            if (
                not recording_revision
                or AnnualFollowUp.objects.filter(pk=self.pk, revision__isnull=False).exists()
            ):
                raise FinalisedAnnualFollowUp(self.year)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_finalised_in_db():
            raise FinalisedAnnualFollowUp(self.year)
        return super().delete(*args, **kwargs)

    def is_kept(self) -> bool:
        return self.is_finalised_in_db()

    def is_finalised_in_db(self) -> bool:
        return (
            self.pk is not None
            and AnnualFollowUp.objects.filter(pk=self.pk, finalised_on__isnull=False).exists()
        )


class AreaAssessment(models.Model):
    """One focus area in the annual follow-up: what the year was, and whether its overall
    effect goal was reached."""

    annual = models.ForeignKey(AnnualFollowUp, on_delete=models.PROTECT, related_name="areas")
    focus_area = models.ForeignKey(
        "actionplans.FocusArea", on_delete=models.PROTECT, related_name="annual_assessments"
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    assessment = models.CharField(
        _("bedömning av effektmålet"),
        max_length=20,
        choices=EffectAssessment.choices,
        blank=True,
    )
    motivation = models.TextField(_("motivering"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömning av fokusområde")
        verbose_name_plural = _("bedömningar av fokusområden")
        constraints = [
            models.UniqueConstraint(
                fields=["annual", "focus_area"], name="area_assessment_once_per_annual"
            )
        ]

    def __str__(self) -> str:
        return f"{self.annual}: {self.focus_area}"

    def save(self, *args, **kwargs) -> None:
        if self.locked():
            raise FinalisedAnnualFollowUp(self.annual.year)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.locked():
            raise FinalisedAnnualFollowUp(self.annual.year)
        return super().delete(*args, **kwargs)

    def is_kept(self) -> bool:
        return self.locked()

    def locked(self) -> bool:
        return AnnualFollowUp.objects.filter(pk=self.annual_id, finalised_on__isnull=False).exists()


class SignatureKept(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(_("En underskrift kan inte ändras eller tas bort."))


class ReportSignature(models.Model):
    """A party's signature of a kept follow-up report (a finalised annual follow-up or
    pledge report, a compiled tertial), where the partnership signs its reports
    (Partnership.signs_followup_reports). Made once, never changed (signing.py)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    report = GenericForeignKey("content_type", "object_id")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    # As printed under the signature, kept even if the person later changes name or title.
    name = models.CharField(_("namn"), max_length=100)
    title = models.CharField(_("titel"), max_length=100, blank=True)
    signed_at = models.DateTimeField(_("undertecknad"), default=timezone.now)
    content_hash = models.CharField(_("SHA-256 av innehållet"), max_length=64)
    history = HistoricalRecords()

    class Meta:
        ordering = ["content_type", "object_id", "signed_at", "pk"]
        verbose_name = _("underskrift av uppföljningsrapport")
        verbose_name_plural = _("underskrifter av uppföljningsrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "person"], name="report_signed_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise SignatureKept()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SignatureKept()

    def is_kept(self) -> bool:
        return self.pk is not None
