from django import forms
from django.utils.translation import gettext_lazy as _

from safety_partnership.forms import RegisterForm

from .models import ActionPlan, FocusArea, Measure


class PlanForm(RegisterForm):
    class Meta:
        model = ActionPlan
        fields = [
            "title",
            "period_start",
            "period_end",
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
        self.fields["agreement"].queryset = partnership.agreements.all()
        self.fields["agreement"].help_text = _("Den överenskommelse som planen hör till.")


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
