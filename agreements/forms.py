from django import forms

from safety_partnership.forms import RegisterForm

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
        fields = ["held_on", "participants", "notes"]
        widgets = {"held_on": DATE}


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
