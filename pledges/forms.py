import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from safety_partnership.forms import TEXT_LIMIT, RegisterForm

from .models import CitizenDialogue, Pledge, Promise


def date_widget() -> forms.DateInput:
    # An ISO date is what <input type=date> reads and sends, whatever the language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def dialogue_label(dialogue: CitizenDialogue) -> str:
    """'Medborgardialog 2017, Skänninge · 12 oktober 2017 · Polisen och kommunen i samverkan'."""
    parts = [str(dialogue)]
    if dialogue.held_on:
        parts.append(date_format(dialogue.held_on, "j F Y"))
    if dialogue.held_by:
        parts.append(dialogue.held_by)
    return " · ".join(parts)


class DialogueChoiceField(forms.ModelMultipleChoiceField):
    """The partnership's dialogues; one that lies behind another pledge says so."""

    pledge_id: int | None = None

    def label_from_instance(self, obj: CitizenDialogue) -> str:
        label = dialogue_label(obj)
        if obj.pledge_id and obj.pledge_id != self.pledge_id:
            label += " " + _("(nu underlag till ”%(title)s”)") % {"title": obj.pledge.title}
        return label


SOURCE_FIELDS = [
    "from_staff_dialogues",
    "from_citizen_dialogues",
    "from_statistics",
    "from_internal_knowledge",
]


class PledgeForm(RegisterForm):
    source_fields = SOURCE_FIELDS  # grouped under "Lägesbilden bygger på" in the template
    """The pledge's own text and the citizen dialogues its situation picture rests on."""

    dialogues = DialogueChoiceField(
        queryset=CitizenDialogue.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Medborgardialoger som löftet bygger på"),
        help_text=_("Markera de dialoger som låg till grund för lägesbilden."),
    )

    class Meta:
        model = Pledge
        fields = [
            "title",
            "period_start",
            "period_end",
            "diary_number",
            "introduction",
            "situation_basis",
            *SOURCE_FIELDS,
            "situation",
            "focus_place",
            "promise_intro",
            "follow_up",
        ]
        widgets = {"period_start": date_widget(), "period_end": date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dialogues = self.instance.partnership.citizen_dialogues.select_related("pledge")
        self.fields["dialogues"].queryset = dialogues
        self.fields["dialogues"].pledge_id = self.instance.pk
        if self.instance.pk and not self.is_bound:
            self.initial["dialogues"] = [d.pk for d in dialogues if d.pledge_id == self.instance.pk]

    def save(self, commit: bool = True) -> Pledge:
        pledge = super().save(commit=commit)
        if commit:
            self.save_dialogues(pledge)
        return pledge

    def save_dialogues(self, pledge: Pledge) -> None:
        """Link the chosen dialogues to the pledge and unlink the others, one save each
        so that every dialogue's history records the change. Runs inside the caller's
        transaction (save_unless_conflict)."""
        chosen = {dialogue.pk for dialogue in self.cleaned_data.get("dialogues", [])}
        for dialogue in self.fields["dialogues"].queryset.order_by("pk"):
            if dialogue.pk in chosen and dialogue.pledge_id != pledge.pk:
                dialogue.pledge = pledge
            elif dialogue.pk not in chosen and dialogue.pledge_id == pledge.pk:
                dialogue.pledge = None
            else:
                continue
            dialogue.save()


class CopyPledgeForm(forms.ModelForm):
    """Title and period of the new pledge; the content comes from the old one.

    The instance carries the partnership, so that an overlap with another
    pledge is reported on the form (Pledge.clean).
    """

    class Meta:
        model = Pledge
        fields = ["title", "period_start", "period_end"]
        widgets = {"period_start": date_widget(), "period_end": date_widget()}


class ExtensionForm(forms.Form):
    """Carry a pledge unchanged into a longer period."""

    extended_to = forms.DateField(
        label=_("Förlängs till och med"),
        widget=date_widget(),
    )
    extension_note = forms.CharField(
        label=_("Om förlängningen"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("T.ex. varför löftet förlängs och vilket beslut förlängningen bygger på."),
    )

    def __init__(self, *args, pledge: Pledge, **kwargs):
        super().__init__(*args, **kwargs)
        self.pledge = pledge

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # Validate the pledge as it would be, without touching the one shown on the page.
        extended = copy.copy(self.pledge)
        extended.extended_to = cleaned["extended_to"]
        extended.extension_note = cleaned["extension_note"]
        try:
            extended.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                # Overlap and the period constraint concern the whole form.
                self.add_error(field if field in self.fields else None, messages)
        return cleaned


class PromiseForm(RegisterForm):
    class Meta:
        model = Promise
        fields = ["text", "responsible", "other_parties", "responsible_note"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class DialogueForm(RegisterForm):
    class Meta:
        model = CitizenDialogue
        fields = ["year", "held_on", "town", "held_by", "raised", "pledge"]
        widgets = {"held_on": date_widget(), "raised": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pledge"].queryset = self.instance.partnership.pledges.all()
        self.fields["pledge"].empty_label = _("Inget medborgarlöfte ännu")
