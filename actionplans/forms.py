from django import forms
from django.utils.translation import gettext_lazy as _

from safety_partnership.forms import RegisterForm

from .models import ActionPlan, FocusArea, Measure

NO_AGREEMENT = _("Ingen överenskommelse")
AGREEMENT_HELP = _(
    "Den överenskommelse som planen hör till, eller ”Ingen överenskommelse” för en plan "
    "som står för sig själv (t.ex. ett lokalpolisområdes plan)."
)


def choose_agreement(form: forms.ModelForm, partnership) -> None:
    """The agreement field: the partnership's own agreements, or none."""
    field = form.fields["agreement"]
    field.queryset = partnership.agreements.order_by("-period_start", "-revision")
    field.required = False
    field.empty_label = NO_AGREEMENT
    field.help_text = AGREEMENT_HELP


class PlanForm(RegisterForm):
    class Meta:
        model = ActionPlan
        fields = [
            "title",
            "agreement",
            "period_start",
            "period_end",
            "districts",
            "diary_number",
            "introduction",
            "purpose",
            "validity",
            "follow_up",
            "follow_up_interval",
            "annual_follow_up_after_tertial",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = self.instance.partnership
        choose_agreement(self, partnership)
        if self.instance.pk is None and self.initial.get("agreement") is None:
            # A new plan is proposed under the partnership's latest agreement.
            latest = self.fields["agreement"].queryset.first()
            self.initial["agreement"] = latest.pk if latest else None


class CopyPlanForm(forms.ModelForm):
    """Title, period and agreement of the new plan; the content comes from the old one."""

    class Meta:
        model = ActionPlan
        fields = ["title", "period_start", "period_end", "agreement"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        choose_agreement(self, partnership)


class FocusAreaForm(RegisterForm):
    class Meta:
        model = FocusArea
        fields = ["title", "problem", "cause_analysis", "effect_goal", "sub_goal"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields[1:]}


class MeasureForm(RegisterForm):
    class Meta:
        model = Measure
        fields = ["description", "responsible", "other_parties", "responsible_note"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
