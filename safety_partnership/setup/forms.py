"""The forms of the setup pages: municipalities, police areas, partnerships and people."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import RegisterForm
from ..models import Municipality, Partnership, Person, PoliceArea


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MunicipalityForm(RegisterForm):
    class Meta:
        model = Municipality
        fields = ["name", "code", "signatories_need_second_factor"]


class PoliceAreaForm(RegisterForm):
    class Meta:
        model = PoliceArea
        fields = ["name", "region", "signatories_need_second_factor"]
        help_texts = {"name": _("T.ex. ”Lokalpolisområde Motala”.")}


class PartnershipForm(RegisterForm):
    class Meta:
        model = Partnership
        fields = ["municipality", "police_area", "signs_followup_reports"]


class PersonForm(RegisterForm):
    """A person of the organisations the user administers. An organisation's administrator
    adds people to her own organisation only: the fields that would place them elsewhere are
    left out, and the instance carries her organisation (views.py)."""

    class Meta:
        model = Person
        fields = [
            "name",
            "title",
            "role",
            "municipality",
            "police_area",
            "organisation",
            "partnership",
            "email",
            "phone",
            "active_from",
            "active_until",
        ]
        widgets = {"active_from": date_widget(), "active_until": date_widget()}

    def __init__(self, *args, admin: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if admin is None:
            return
        del self.fields["municipality"], self.fields["police_area"]
        if admin.municipality_id:
            partnerships = Partnership.objects.filter(municipality_id=admin.municipality_id)
            self.fields["partnership"].queryset = partnerships  # type: ignore[attr-defined]
        else:
            del self.fields["organisation"], self.fields["partnership"]
