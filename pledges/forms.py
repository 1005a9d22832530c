import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from safety_partnership.forms import TEXT_LIMIT, IdsChoiceField, RegisterForm
from safety_partnership.models import DocumentStatus

from .models import (
    CitizenDialogue,
    Pledge,
    PledgeDialogue,
    Promise,
    PromisePoint,
    Target,
    numbered,
)


def date_widget() -> forms.DateInput:
    # An ISO date is what <input type=date> reads and sends, whatever the language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def dialogue_label(dialogue: CitizenDialogue) -> str:
    """'Medborgardialog 12 oktober 2017, Skänninge · Polisen och kommunen i samverkan'."""
    parts = [str(dialogue)]
    if dialogue.held_by:
        parts.append(dialogue.held_by)
    return " · ".join(parts)


class DialogueChoiceField(IdsChoiceField):
    """The partnership's dialogues; one that lies behind other pledges says which."""

    pledge_id: int | None = None

    def label_from_instance(self, obj: CitizenDialogue) -> str:
        label = dialogue_label(obj)
        others = [p.title for p in obj.pledges.all() if p.pk != self.pledge_id]
        if others:
            titles = ", ".join(f"”{title}”" for title in others)
            label += " " + _("(även underlag till %(titles)s)") % {"titles": titles}
        return label


def link_dialogues(pledge: Pledge, dialogue_ids: set[int], chosen: set[int]) -> None:
    """Link the chosen of these dialogues to the (draft) pledge and unlink the others, one
    row at a time so that the pledge's history records each; the links' guards refuse it
    on a locked pledge. Runs inside the caller's transaction (save_unless_conflict)."""
    links = {link.dialogue_id: link for link in pledge.dialogue_links.all()}
    for dialogue_id in sorted(dialogue_ids):
        if dialogue_id in chosen and dialogue_id not in links:
            PledgeDialogue(pledge=pledge, dialogue_id=dialogue_id).save()
        elif dialogue_id not in chosen and dialogue_id in links:
            links[dialogue_id].delete()


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
            "joint_goals",
            "promise_intro",
            "follow_up",
        ]
        widgets = {
            "period_start": date_widget(),
            "period_end": date_widget(),
            "joint_goals": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dialogues = numbered(self.instance.partnership.citizen_dialogues.all()).prefetch_related(
            "pledges"
        )
        self.fields["dialogues"].queryset = dialogues
        self.fields["dialogues"].pledge_id = self.instance.pk
        if self.instance.pk and not self.is_bound:
            self.initial["dialogues"] = [
                d.pk for d in dialogues if any(p.pk == self.instance.pk for p in d.pledges.all())
            ]

    def save(self, commit: bool = True) -> Pledge:
        pledge = super().save(commit=commit)
        if commit:
            link_dialogues(
                pledge,
                {d.pk for d in self.fields["dialogues"].queryset},
                {d.pk for d in self.cleaned_data.get("dialogues", [])},
            )
        return pledge


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


class PromisePointForm(RegisterForm):
    class Meta:
        model = PromisePoint
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class FigureField(forms.DecimalField):
    """A figure as a Swedish user types it: '12,5', '12.5' or '1 250' (spaces grouping)."""

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.widget.is_localized = True

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())  # spaces and non-breaking spaces between digits
        return super().to_python(value)


class TargetForm(RegisterForm):
    """A measurable target; figures as typed in Swedish (decimal comma) or with a point."""

    class Meta:
        model = Target
        fields = [
            "indicator",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "source",
        ]
        widgets = {"baseline_date": date_widget(), "target_date": date_widget()}
        field_classes = {"baseline_value": FigureField, "target_value": FigureField}
        error_messages = {
            "indicator": {"required": _("Ange vad som mäts (indikatorn).")},
            "target_value": {"required": _("Ange målvärdet.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("baseline_value", "target_value"):
            field = self.fields[name]
            field.error_messages["invalid"] = _(
                "Ange ett tal, t.ex. 12 eller 12,5, utan enhet (enheten har ett eget fält)."
            )
            field.error_messages["max_digits"] = _("Talet är för stort.")
            field.error_messages["max_decimal_places"] = _("Ange högst två decimaler.")
            field.error_messages["max_whole_digits"] = _("Talet är för stort.")
        for name in ("baseline_date", "target_date"):
            self.fields[name].error_messages["invalid"] = _(
                "Ange ett datum som ÅÅÅÅ-MM-DD, t.ex. 2019-12-31."
            )


class DialogueForm(RegisterForm):
    """A dialogue and the draft pledges it informs; a draft is the only pledge that can
    gain or lose a dialogue (a locked pledge's dialogues are not edited at all)."""

    pledges = IdsChoiceField(
        queryset=Pledge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Låg till grund för"),
        help_text=_(
            "Utkast till medborgarlöften som dialogen är underlag till. Ett undertecknat "
            "löfte behåller de dialoger det bygger på."
        ),
    )

    class Meta:
        model = CitizenDialogue
        fields = ["year", "held_on", "town", "held_by", "raised"]
        widgets = {"held_on": date_widget(), "raised": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drafts = self.instance.partnership.pledges.filter(status=DocumentStatus.DRAFT)
        self.fields["pledges"].queryset = drafts
        if self.instance.pk and not self.is_bound:
            self.initial["pledges"] = list(
                drafts.filter(dialogue_links__dialogue=self.instance).values_list("pk", flat=True)
            )

    def save(self, commit: bool = True) -> CitizenDialogue:
        dialogue = super().save(commit=commit)
        if commit:
            chosen = {p.pk for p in self.cleaned_data.get("pledges", [])}
            for pledge in self.fields["pledges"].queryset:
                link_dialogues(
                    pledge, {dialogue.pk}, {dialogue.pk} if pledge.pk in chosen else set()
                )
        return dialogue
