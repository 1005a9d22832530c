"""The parties of a safety partnership and the people who act for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from ..council.models import CouncilCase
    from ..dashboard import Section
    from ..followups import Panel
    from .documents import Document


class PoliceRegion(models.TextChoices):
    NORD = "nord", _("Region Nord")
    MITT = "mitt", _("Region Mitt")
    STOCKHOLM = "stockholm", _("Region Stockholm")
    OST = "ost", _("Region Öst")
    VAST = "vast", _("Region Väst")
    SYD = "syd", _("Region Syd")
    BERGSLAGEN = "bergslagen", _("Region Bergslagen")


class Municipality(models.Model):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Kommunkoden består av fyra siffror."))],
        help_text=_("SCB:s fyrsiffriga kod, till exempel 0586."),
    )
    # Where it is on, whoever signs for the organisation confirms with a code from an
    # authenticator app as well as her password (signing/confirmation.py).
    signatories_need_second_factor = models.BooleanField(
        _("Kräv andra faktor för undertecknare"),
        default=False,
        help_text=_(
            "Den som skriver under för kommunen, eller för en annan part i kommunens samverkan, "
            "bekräftar underskriften med både sitt lösenord och en kod från en "
            "autentiseringsapp i mobilen."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class PoliceArea(models.Model):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    region = models.CharField(_("polisregion"), max_length=20, choices=PoliceRegion.choices)
    # Where it is on, whoever signs for the organisation confirms with a code from an
    # authenticator app as well as her password (signing/confirmation.py).
    signatories_need_second_factor = models.BooleanField(
        _("Kräv andra faktor för undertecknare"),
        default=False,
        help_text=_(
            "Den som skriver under för lokalpolisområdet bekräftar underskriften med både sitt "
            "lösenord och en kod från en autentiseringsapp i mobilen."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("lokalpolisområde")
        verbose_name_plural = _("lokalpolisområden")

    def __str__(self) -> str:
        return self.name


class Partnership(models.Model):
    """One municipality and the local police area it works with.

    A police area serves several municipalities, so each has its own partnership
    with its own agreement, plans and pledges.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("kommun"),
    )
    # Filled in when known: a partnership may be registered before its police area is.
    police_area = models.ForeignKey(
        PoliceArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("lokalpolisområde"),
        help_text=_("Kan fyllas i senare."),
    )
    # Some partnerships sign their follow-up reports as they sign their documents.
    signs_followup_reports = models.BooleanField(
        _("Uppföljningsrapporter undertecknas av parterna"),
        default=False,
        help_text=_(
            "Fastställda årsuppföljningar, rapporter om medborgarlöften och sammanställda "
            "tertialrapporter skrivs under av polisområdeschefen och kommunens undertecknare."
        ),
    )
    history = HistoricalRecords()

    if TYPE_CHECKING:
        # Set on the partnerships the dashboard and the partnership's page show
        # (dashboard.with_documents, views): their documents by kind's slug, those
        # documents by kind, the municipality's council cases, whether the user edits.
        documents: dict[str, list[Document]]
        sections: list[Section]
        cases: list[CouncilCase]
        can_edit: bool
        followup_panels: list[Panel]  # what other apps say is due (followups.py)
        overview_panels: list[Panel]  # where it stands, e.g. with the law (followups.py)

    class Meta:
        ordering = ["municipality__name", "police_area__name"]
        verbose_name = _("samverkan")
        verbose_name_plural = _("samverkan")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "police_area"], name="partnership_unique_parties"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.municipality} – {self.police_area}"
            if self.police_area
            else str(self.municipality)
        )

    def get_absolute_url(self) -> str:
        return reverse("partnership", args=[self.pk])

    @property
    def parties(self) -> str:
        """ "Mjölby kommun och Lokalpolisområde Motala"; the municipality alone while the
        police area is not known (nothing is printed in its place)."""
        if self.police_area is None:
            return str(self.municipality)
        return _("%(municipality)s och %(area)s") % {
            "municipality": self.municipality,
            "area": self.police_area,
        }

    @property
    def organisations(self) -> str:
        """ "Mjölby kommun · Lokalpolisområde Motala": the parties as a PDF's running header
        names them."""
        return " · ".join(str(party) for party in (self.municipality, self.police_area) if party)


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Säkerhetssamordnare")
    POLICE_SIGNATORY = "police_signatory", _("Undertecknar för polisen")
    MUNICIPAL_SIGNATORY = "municipal_signatory", _("Undertecknar för kommunen")
    OTHER_SIGNATORY = "other_signatory", _("Undertecknar för annan part")
    STAFF = "staff", _("Registrator (registrerar ärenden och protokoll, läser och exporterar)")
    ADMINISTRATOR = "administrator", _("Administratör (lägger upp personer och inloggningar)")
    READER = "reader", _("Läsare")


class Person(models.Model):
    """Someone who acts for a party, with the title printed under their signature."""

    name = models.CharField(_("namn"), max_length=100)
    title = models.CharField(
        _("titel"),
        max_length=100,
        blank=True,
        help_text=_("Som den skrivs under namnteckningen, t.ex. ”Tf lokalpolisområdeschef”."),
    )
    role = models.CharField(_("roll i registret"), max_length=30, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("kommun"),
    )
    police_area = models.ForeignKey(
        PoliceArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("lokalpolisområde"),
    )
    organisation = models.CharField(
        _("annan organisation"),
        max_length=150,
        blank=True,
        help_text=_(
            "För den som varken företräder kommunen eller polisen, t.ex. ett bostadsbolag."
        ),
    )
    # Another organisation is a party of one partnership (a housing company that co-signs
    # Mjölby's pledge): its people may be asked to sign that partnership's documents only.
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="other_parties",
        verbose_name=_("part i samverkan"),
        help_text=_("För annan organisation: den samverkan den är part i."),
    )
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("inloggning"),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    active_from = models.DateField(_("aktiv från"), null=True, blank=True)
    active_until = models.DateField(
        _("aktiv till"), null=True, blank=True, help_text=_("Sätts när personen slutar.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(police_area__isnull=True),
                name="person_one_party_at_most",
                violation_error_message=_("En person företräder antingen kommunen eller polisen."),
            ),
            models.CheckConstraint(
                condition=~Q(role="police_signatory") | Q(police_area__isnull=False),
                name="person_police_signatory_has_area",
                violation_error_message=_(
                    "Den som undertecknar för polisen hör till ett lokalpolisområde."
                ),
            ),
            models.CheckConstraint(
                condition=Q(partnership__isnull=True)
                | Q(municipality__isnull=True, police_area__isnull=True),
                name="person_other_party_has_no_municipality_or_area",
                violation_error_message=_(
                    "Den som företräder en annan organisation hör varken till kommunen eller "
                    "polisen."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(role="other_signatory") | Q(partnership__isnull=False),
                name="person_other_signatory_has_partnership",
                violation_error_message=_(
                    "Den som undertecknar för en annan part hör till en samverkan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=F("active_from")),
                name="person_active_until_after_from",
                violation_error_message=_("”Aktiv till” kan inte vara före ”aktiv från”."),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["coordinator", "municipal_signatory"])
                | Q(municipality__isnull=False),
                name="person_municipal_role_has_municipality",
                violation_error_message=_(
                    "Samordnare och kommunens undertecknare hör till en kommun."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name

    @property
    def party(self) -> str:
        return str(self.municipality or self.police_area or self.organisation)

    def belongs_to(self, partnership: Partnership) -> bool:
        """Whether the person acts for one of the partnership's own organisations."""
        return (
            (
                self.municipality_id is not None
                and self.municipality_id == partnership.municipality_id
            )
            or (
                self.police_area_id is not None
                and self.police_area_id == partnership.police_area_id
            )
            or (self.partnership_id is not None and self.partnership_id == partnership.pk)
        )
