"""The citizen pledge (medborgarlöfte) and the citizen dialogues behind it."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, HistoricForeignKey

from followup.models import MeasureStatus
from safety_partnership.models import (
    CONTENT_FORM,
    Document,
    DocumentRow,
    DocumentStatus,
    Partnership,
    Responsibility,
    ResponsibleParty,
)
from safety_partnership.models.documents import (
    FROZEN,
    LOCKED,
    STATE,
    GuardedHistoryQuerySet,
    GuardedQuerySet,
    content_of,
)

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


def plain_numbers(values: dict[str, Any]) -> dict[str, Any]:
    """Decimals as their exact text ("12.50"), ready for canonical JSON."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


class Pledge(Document):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name=_("samverkan"),
    )
    period_end = models.DateField(_("gäller till"))
    # An extension carries the same pledge, unchanged, into the next period.
    extended_to = models.DateField(_("förlängt till"), null=True, blank=True)
    extension_note = models.TextField(_("om förlängningen"), blank=True)
    introduction = models.TextField(_("inledning"), blank=True)
    situation_basis = models.TextField(
        _("så togs lägesbilden fram"),
        blank=True,
        help_text=_("Vilka underlag lägesbilden bygger på, med egna ord."),
    )
    from_staff_dialogues = models.BooleanField(_("medarbetardialoger"), default=False)
    from_citizen_dialogues = models.BooleanField(_("medborgardialoger"), default=False)
    from_statistics = models.BooleanField(_("statistik"), default=False)
    from_internal_knowledge = models.BooleanField(_("intern kunskap"), default=False)
    situation = models.TextField(_("lägesbild"), blank=True)
    focus_place = models.CharField(_("plats i fokus"), max_length=250, blank=True)
    promise_intro = models.TextField(
        _("inledning till löftena"),
        blank=True,
        help_text=_("T.ex. ”… så lovar kommunen och polisen att:”"),
    )
    follow_up = models.TextField(_("uppföljning"), blank=True)
    joint_goals = models.TextField(
        _("gemensamma mål"),
        blank=True,
        help_text=_("Ett mål per rad, i den ordning de ska stå."),
    )
    # The citizen dialogues the situation picture rests on; a dialogue may inform several
    # pledges. The links are rows of the pledge: locked with it (PledgeDialogue).
    dialogues: models.ManyToManyField = models.ManyToManyField(
        "CitizenDialogue",
        through="PledgeDialogue",
        related_name="pledges",
        blank=True,
        verbose_name=_("medborgardialoger"),
    )

    class Meta(Document.Meta):
        ordering = ["partnership", "-period_start", "-revision"]
        # The dashboard counts documents by status from this index alone.
        indexes = [models.Index(fields=["partnership", "status"], name="pledge_by_status")]
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        constraints = Document.Meta.constraints + [
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(extended_to__gt=F("period_end")),
                name="pledge_extension_after_period",
                violation_error_message=_(
                    "En förlängning måste sluta efter den ursprungliga perioden."
                ),
            ),
        ]
        # Pledges of one partnership must not overlap; a database trigger
        # enforces it (see migration 0003), clean() explains it to the user.

    # Fields added in a later content form: left out of what earlier forms sign.
    content_since = {"joint_goals": 3}

    def content_tree(self, form: int = CONTENT_FORM) -> dict:
        promises = list(self.promises.order_by("position"))
        tree = {**super().content_tree(form), "promises": [content_of(p, form) for p in promises]}
        if form >= 3:
            # Since form 3 the points under each promise and the measurable targets.
            for promise, content in zip(promises, tree["promises"], strict=True):
                points = promise.points.order_by("position")
                content["points"] = [content_of(point, form) for point in points]
            targets = self.targets.order_by("position")
            tree["targets"] = [plain_numbers(content_of(t, form)) for t in targets]
        if form >= 2:
            # Since form 2 the dialogues it rests on and its extension are signed too.
            dialogues = self.dialogues.order_by("year", "held_on", "pk")
            tree["dialogues"] = [content_of(d, form) for d in dialogues]
            tree["extended_to"] = self.extended_to.isoformat() if self.extended_to else None
            tree["extension_note"] = self.extension_note
        return tree

    @property
    def goals(self) -> list[str]:
        """The joint goals, one a line, in order."""
        return [line.strip() for line in self.joint_goals.splitlines() if line.strip()]

    @property
    def ends_on(self) -> date:
        return self.extended_to or self.period_end

    @property
    def status_note(self) -> str:
        return self.extension_label

    @property
    def extension_label(self) -> str:
        """'Förlängt oförändrat …' once signed; 'Förlängning föreslagen …' until then."""
        if not self.extended_to:
            return ""
        day = {"date": date_format(self.extended_to, "j F Y")}
        if self.is_signed:
            return _("Förlängt oförändrat till och med %(date)s") % day
        return _("Förlängning föreslagen till och med %(date)s") % day

    def overlapping(self) -> models.QuerySet["Pledge"]:
        """Other pledges of the partnership whose periods share a day with this one.

        A revision may overlap the pledge it revises, and a superseded pledge
        no longer counts; the database trigger follows the same rule.
        """
        others = (
            Pledge.objects.filter(partnership_id=self.partnership_id)
            .exclude(status=DocumentStatus.SUPERSEDED)
            .annotate(ends=Coalesce("extended_to", "period_end"))
            .filter(period_start__lte=self.ends_on, ends__gte=self.period_start)
        )
        if self.pk:
            others = others.exclude(pk=self.pk).exclude(revision_of_id=self.pk)
        if self.revision_of_id:
            others = others.exclude(pk=self.revision_of_id)
        return others

    def clean(self) -> None:
        super().clean()
        if self.status == DocumentStatus.SUPERSEDED or not (
            self.partnership_id and self.period_start and self.period_end
        ):
            return
        clash = self.overlapping().first()
        if clash:
            raise ValidationError(
                _("Perioden överlappar medborgarlöftet ”%(title)s” (%(period)s).")
                % {"title": clash.title, "period": clash.period}
            )


class Promise(Responsibility, DocumentRow):
    """One promise of the pledge, with the party who keeps it."""

    pledge = HistoricForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="promises", verbose_name=_("medborgarlöfte")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("löfte"))
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "pledge__status"

    class Meta(Responsibility.Meta):
        ordering = ["pledge", "position"]
        verbose_name = _("löfte")
        verbose_name_plural = _("löften")
        constraints = Responsibility.Meta.constraints + [
            models.UniqueConstraint(fields=["pledge", "position"], name="promise_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def anchor(self) -> str:
        """The id of the row on its document's page, to return to after a change."""
        return f"lofte-{self.pk}"

    def document_of_row(self):
        return self.pledge

    @property
    def group_key(self) -> tuple[str, str]:
        """Who promises, as the pledge groups its promises: the party, or the named actor."""
        if self.responsible == ResponsibleParty.OTHER:
            return (self.responsible, self.other_parties.strip())
        return (self.responsible, "")

    def group_filter(self) -> dict[str, Any]:
        """The promises of the same group, as a filter (a promise moves within its group)."""
        if self.responsible == ResponsibleParty.OTHER:
            return {"responsible": self.responsible, "other_parties": self.other_parties}
        return {"responsible": self.responsible}


GROUP_HEADINGS: dict[str, Any] = {
    ResponsibleParty.MUNICIPALITY: _("Kommunen lovar"),
    ResponsibleParty.POLICE: _("Polisen lovar"),
    ResponsibleParty.JOINT: _("Tillsammans lovar vi"),
}


@dataclass
class PromiseGroup:
    """The promises of one who promises: 'Kommunen lovar', 'Räddningstjänsten lovar'."""

    key: tuple[str, str]
    promises: list[Promise] = field(default_factory=list)

    @property
    def heading(self) -> str:
        responsible, actor = self.key
        if responsible in GROUP_HEADINGS:
            return str(GROUP_HEADINGS[responsible])
        return _("%(actor)s lovar") % {"actor": actor}

    @property
    def anchor(self) -> str:
        """The id of the group's heading: unique on the page, whatever the actor is called."""
        return f"lovar-{self.promises[0].pk}"


def promise_groups(promises: list[Promise]) -> list[PromiseGroup]:
    """The promises grouped by who promises, each group in order of position, the groups in
    the order their first promises come (the seed: the police, jointly, the municipality).
    Only groups that have promises."""
    groups: dict[tuple[str, str], PromiseGroup] = {}
    for promise in sorted(promises, key=lambda p: p.position):
        groups.setdefault(promise.group_key, PromiseGroup(promise.group_key)).promises.append(
            promise
        )
    return list(groups.values())


class PromisePoint(DocumentRow):
    """A point under a promise: what the promise means in practice, in order."""

    promise = HistoricForeignKey(
        Promise, on_delete=models.CASCADE, related_name="points", verbose_name=_("löfte")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("punkt"))
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "promise__pledge__status"

    class Meta:
        ordering = ["promise", "position"]
        verbose_name = _("punkt under löftet")
        verbose_name_plural = _("punkter under löftet")
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "position"], name="promise_point_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def anchor(self) -> str:
        return f"punkt-{self.pk}"

    def document_of_row(self):
        return self.promise.pledge


def figure(value: Decimal | None) -> str:
    """A value as a Swedish reader writes it: '12', '12,5', '1 250' (no trailing zeros)."""
    if value is None:
        return ""
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return number_format(value, force_grouping=True)


class Target(DocumentRow):
    """A measurable target of the pledge: an indicator, where it stood and where it should be."""

    pledge = HistoricForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="targets", verbose_name=_("medborgarlöfte")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    indicator = models.CharField(
        _("indikator"),
        max_length=500,
        help_text=_("T.ex. ”Anmälda skadegörelsebrott vid resecentrum per år”."),
    )
    unit = models.CharField(
        _("enhet"), max_length=50, blank=True, help_text=_("T.ex. ”antal”, ”%” eller ”kr”.")
    )
    baseline_value = models.DecimalField(
        _("utgångsvärde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("utgångsvärdet avser"), null=True, blank=True)
    target_value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("målet ska nås"), null=True, blank=True)
    source = models.CharField(
        _("källa"),
        max_length=250,
        blank=True,
        help_text=_("Var siffran kommer från, t.ex. ”Polisens anmälningsstatistik”."),
    )
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "pledge__status"

    class Meta:
        ordering = ["pledge", "position"]
        verbose_name = _("mätbart mål")
        verbose_name_plural = _("mätbara mål")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "position"], name="target_unique_position"),
            models.CheckConstraint(
                condition=Q(target_date__isnull=True)
                | Q(baseline_date__isnull=True)
                | Q(target_date__gte=F("baseline_date")),
                name="target_date_not_before_baseline",
                violation_error_message=_(
                    "Målet kan inte nås före det datum som utgångsvärdet avser."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.indicator[:80]

    @property
    def anchor(self) -> str:
        return f"mal-{self.pk}"

    @property
    def baseline_display(self) -> str:
        return figure(self.baseline_value)

    @property
    def target_display(self) -> str:
        return figure(self.target_value)

    def document_of_row(self):
        return self.pledge

    def clean(self) -> None:
        super().clean()
        if self.baseline_date and self.target_date and self.target_date < self.baseline_date:
            raise ValidationError(
                {
                    "target_date": _(
                        "Målet kan inte nås före det datum som utgångsvärdet avser (%(date)s)."
                    )
                    % {"date": date_format(self.baseline_date, "j F Y")}
                }
            )


class DialogueLocked(PermissionDenied):
    """A dialogue that a pledge awaiting signatures or signed rests on was about to change."""

    def __init__(self, pledge: Pledge) -> None:
        super().__init__(
            _(
                "Medborgardialogen ligger till grund för ”%(title)s”, som %(state)s, och kan "
                "inte ändras eller tas bort: den hör till det som undertecknas. Registrera en "
                "ny medborgardialog i stället."
            )
            % {"title": pledge.title, "state": STATE.get(pledge.status, pledge.status)}
        )


class CitizenDialogue(models.Model):
    """A citizen dialogue (medborgardialog) held in one of the municipality's towns.

    What a pledge rests on is part of what is signed: once a pledge that rests on the
    dialogue awaits signatures or is signed, the dialogue is locked with it.
    """

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="citizen_dialogues",
        verbose_name=_("samverkan"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    held_on = models.DateField(_("datum"), null=True, blank=True)
    town = models.CharField(_("ort"), max_length=100, blank=True)
    held_by = models.CharField(_("genomförd av"), max_length=250, blank=True)
    raised = models.TextField(_("det här togs upp"), blank=True)
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    objects = GuardedQuerySet.as_manager()
    status_lookup = "pledge_links__pledge__status"
    locked_when = LOCKED

    if TYPE_CHECKING:
        pledges: RelatedManager[Pledge]

    class Meta:
        ordering = ["partnership", "-year", "held_on", "pk"]
        verbose_name = _("medborgardialog")
        verbose_name_plural = _("medborgardialoger")

    def __str__(self) -> str:
        """'Medborgardialog 12 oktober 2017, Mantorp', 'Medborgardialog 2017, Mantorp', or,
        when neither date nor town is known, 'Medborgardialog 2017 nr 2'."""
        when = date_format(self.held_on, "j F Y") if self.held_on else str(self.year)
        name = f"{_('Medborgardialog')} {when}"
        if self.town:
            return f"{name}, {self.town}"
        if self.held_on:
            return name
        number = getattr(self, "number_in_year", None)  # see numbered(), number_dialogues()
        if number is None and self.pk is not None:
            number_dialogues([self])
            number = getattr(self, "number_in_year", None)
        return f"{name} {_('nr')} {number}" if number else name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and (pledge := self.document_of_row()) is not None:
            raise DialogueLocked(pledge)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pledges:dialogue_detail", args=[self.pk])

    def clean(self) -> None:
        if self.held_on and self.held_on.year != self.year:
            raise ValidationError({"held_on": _("Datumet ligger inte i det angivna året.")})

    def document_of_row(self) -> Pledge | None:
        """The locked pledge that rests on the dialogue, a signed one first; None if none.

        With it the register's guards (freezing.py, the admin) treat the dialogue as
        part of that pledge's signed content.
        """
        if self.pk is None:
            return None
        resting = Pledge.objects.filter(dialogue_links__dialogue_id=self.pk)
        return (
            resting.filter(status__in=FROZEN).first() or resting.filter(status__in=LOCKED).first()
        )


def number_dialogues(dialogues):
    """Give each dialogue known by neither date nor town its number within its year and
    partnership (in the order they were registered), in one query; returns the dialogues.

    Works on historical records' instances too; a dialogue no longer in the register
    gets no number.
    """
    dialogues = list(dialogues)
    unnamed = [d for d in dialogues if not d.town and not d.held_on]
    if not unnamed:
        return dialogues
    same_year = Q()
    for partnership_id, year in {(d.partnership_id, d.year) for d in unnamed}:
        same_year |= Q(partnership_id=partnership_id, year=year)
    counts: dict[tuple[int, int], int] = {}
    numbers: dict[int, int] = {}
    rows = CitizenDialogue.objects.filter(same_year).order_by("pk")
    for pk, partnership_id, year in rows.values_list("pk", "partnership_id", "year"):
        counts[partnership_id, year] = counts.get((partnership_id, year), 0) + 1
        numbers[pk] = counts[partnership_id, year]
    for dialogue in unnamed:
        dialogue.number_in_year = numbers.get(dialogue.pk, 0)
    return dialogues


def numbered(dialogues: models.QuerySet) -> models.QuerySet:
    """Dialogues with their number within their year and partnership (number_in_year), so
    that naming them asks no more queries."""
    earlier = (
        CitizenDialogue.objects.filter(
            partnership_id=OuterRef("partnership_id"), year=OuterRef("year"), pk__lte=OuterRef("pk")
        )
        .order_by()
        .values("partnership_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return dialogues.annotate(number_in_year=Subquery(earlier))


class PledgeDialogueQuerySet(GuardedQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """pledge.dialogues.add() and set() create links in bulk: save them one by one so
        that each is checked and written to the pledge's history."""
        objs = list(objs)
        with transaction.atomic(using=self.db):
            for obj in objs:
                obj.save(using=self.db)
        return objs


class PledgeDialogue(DocumentRow):
    """A citizen dialogue a pledge rests on: a row of the pledge, locked with it."""

    pledge = HistoricForeignKey(
        Pledge,
        on_delete=models.CASCADE,
        related_name="dialogue_links",
        verbose_name=_("medborgarlöfte"),
    )
    dialogue = models.ForeignKey(
        CitizenDialogue,
        on_delete=models.CASCADE,
        related_name="pledge_links",
        verbose_name=_("medborgardialog"),
    )
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    objects = PledgeDialogueQuerySet.as_manager()  # type: ignore[misc]  # a GuardedQuerySet too
    status_lookup = "pledge__status"

    class Meta:
        ordering = ["pledge", "dialogue"]
        verbose_name = _("medborgardialog bakom löftet")
        verbose_name_plural = _("medborgardialoger bakom löftet")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "dialogue"], name="pledge_dialogue_unique"),
        ]

    def __str__(self) -> str:
        return str(self.dialogue)

    def document_of_row(self) -> Pledge:
        return self.pledge


# The pledge's reports, twice a year ------------------------------------------------------


class ReportKind(models.IntegerChoices):
    HALF_YEAR = 1, _("Halvårsrapport")
    YEAR_END = 2, _("Årsrapport")


class FinalisedReport(PermissionDenied):
    """A finalised report (fastställd) stays as it was: it is what the next pledge starts from."""

    def __init__(self, report: "PledgeReport") -> None:
        super().__init__(
            _("%(report)s är fastställd och kan inte ändras.") % {"report": report.label}
        )


class ReportQuerySet(models.QuerySet):
    """Bulk writes (update, delete) that would reach a finalised report are refused too.

    `finalised_lookup` on the model names the path to the report's finalised date."""

    def _finalised(self):
        lookup = self.model.finalised_lookup
        row = self.filter(**{f"{lookup}__isnull": False}).first()
        return None if row is None else row.report_of_row()

    def update(self, **kwargs):
        if (report := self._finalised()) is not None:
            raise FinalisedReport(report)
        return super().update(**kwargs)

    def delete(self):
        if (report := self._finalised()) is not None:
            raise FinalisedReport(report)
        return super().delete()


class PledgeReport(models.Model):
    """The half-year or year-end report of a signed pledge, written by both parties."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="reports", verbose_name=_("medborgarlöfte")
    )
    kind = models.PositiveSmallIntegerField(_("rapport"), choices=ReportKind.choices)
    written_by = models.ForeignKey(
        "safety_partnership.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("senast skriven av"),
    )
    written_at = models.DateTimeField(_("senast skriven"), default=timezone.now)
    finalised_on = models.DateField(_("fastställd"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        "safety_partnership.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd av"),
    )
    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()
    finalised_lookup = "finalised_on"

    class Meta:
        ordering = ["pledge", "kind"]
        verbose_name = _("rapport om medborgarlöftet")
        verbose_name_plural = _("rapporter om medborgarlöftet")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "kind"], name="pledge_report_once"),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs) -> None:
        # Finalising is the last save: after it, nothing changes (not even the finalising).
        if self._stored_finalised():
            raise FinalisedReport(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_finalised():
            raise FinalisedReport(self)
        return super().delete(*args, **kwargs)

    @property
    def year(self) -> int:
        return self.pledge.period_start.year

    @property
    def label(self) -> str:
        """'Årsrapport 2018'."""
        return f"{self.get_kind_display()} {self.year}"

    @property
    def is_finalised(self) -> bool:
        return self.finalised_on is not None

    def report_of_row(self) -> "PledgeReport":
        return self

    def is_kept(self) -> bool:
        return self._stored_finalised()

    def _stored_finalised(self) -> bool:
        return (
            self.pk is not None
            and PledgeReport.objects.filter(pk=self.pk, finalised_on__isnull=False).exists()
        )


class ReportRow(models.Model):
    """A row of a report: changed only while its report is not finalised."""

    finalised_lookup = "report__finalised_on"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if (report := self._finalised_report()) is not None:
            raise FinalisedReport(report)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if (report := self._finalised_report()) is not None:
            raise FinalisedReport(report)
        return super().delete(*args, **kwargs)

    def report_of_row(self) -> PledgeReport:
        return self.report  # type: ignore[attr-defined]

    def is_kept(self) -> bool:
        return self._finalised_report() is not None

    def _finalised_report(self) -> PledgeReport | None:
        report_id = self.report_id  # type: ignore[attr-defined]
        report = PledgeReport.objects.filter(pk=report_id, finalised_on__isnull=False).first()
        return report


class PromiseReport(ReportRow):
    """What was done of one promise, its status, and the text citizens will read."""

    report = models.ForeignKey(PledgeReport, on_delete=models.CASCADE, related_name="promise_rows")
    promise = models.ForeignKey(Promise, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices, blank=True)
    done = models.TextField(_("vad som har gjorts"), blank=True)
    citizen_text = models.TextField(
        _("text till medborgarna"),
        blank=True,
        help_text=_("Visas för allmänheten. Skriv kort och enkelt, utan interna uppgifter."),
    )
    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapport om löfte")
        verbose_name_plural = _("rapporter om löften")
        constraints = [
            models.UniqueConstraint(fields=["report", "promise"], name="promise_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.promise}: {self.get_status_display()}"


class TargetReport(ReportRow):
    """The indicator's measured value of a measurable target, and the day it refers to."""

    report = models.ForeignKey(PledgeReport, on_delete=models.CASCADE, related_name="target_rows")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="reports")
    measured_value = models.DecimalField(
        _("uppmätt värde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    measured_on = models.DateField(_("värdet avser"), null=True, blank=True)
    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppmätt värde för mål")
        verbose_name_plural = _("uppmätta värden för mål")
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="target_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.measured_display}"

    @property
    def measured_display(self) -> str:
        return figure(self.measured_value)
