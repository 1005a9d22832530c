from django import forms

from safety_partnership.forms import IdsChoiceField, RegisterForm
from safety_partnership.models.documents import FROZEN

from .models import Agreement, AgreementGoal, Commitment, LeadershipMeeting

DATE = forms.DateInput(attrs={"type": "date"})


class AgreementForm(RegisterForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "period_start",
            "period_end",
            "diary_number",
            "filing_code",
            "introduction",
            "overall_goal",
            "sub_goals",
            "commitments",
            "leadership_meetings",
            "leadership_meetings_per_year",
            "follow_up",
        ]
        widgets = {"period_start": DATE, "period_end": DATE}


class LeadershipMeetingForm(RegisterForm):
    class Meta:
        model = LeadershipMeeting
        fields = ["held_on", "participants", "notes", "followed_up_plans", "followed_up_pledges"]
        widgets = {
            "held_on": DATE,
            "followed_up_plans": forms.CheckboxSelectMultiple,
            "followed_up_pledges": forms.CheckboxSelectMultiple,
        }
        field_classes = {"followed_up_plans": IdsChoiceField, "followed_up_pledges": IdsChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the partnership's own signed documents can have been followed up (a posted id
        # of another partnership's plan is refused as an invalid choice).
        partnership_id = self.instance.agreement.partnership_id
        for name in ("followed_up_plans", "followed_up_pledges"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(
                partnership_id=partnership_id, status__in=FROZEN
            ).order_by("-period_start", "-revision")


class GoalForm(RegisterForm):
    class Meta:
        model = AgreementGoal
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class CommitmentForm(RegisterForm):
    class Meta:
        model = Commitment
        fields = ["party", "party_name", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
