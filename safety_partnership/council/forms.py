"""Forms for the council case, its decision basis, its minutes paragraphs and its cover memo.

The memo's signers are typed one per line, as under the signatures on paper; saving
turns the lines into rows, one saved row per change so that the history shows who
added, moved, changed or removed each line. Recipients ("Beslutet skickas till") are
rows of their own, added, changed, moved and removed one at a time like any row.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import kinds
from ..forms import RegisterForm, signer_lines
from ..models import (
    CouncilCase,
    CoverMemo,
    DecisionBasis,
    MinutesParagraph,
    Person,
    Recipient,
    Signature,
    SignatureMethod,
)
from ..rows import OrderedRow, park

UNIQUE_DIARY_NUMBER = next(
    c for c in CouncilCase._meta.constraints if c.name == "councilcase_unique_diary_number"
)


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseForm(RegisterForm):
    class Meta:
        model = CouncilCase
        fields = ["diary_number", "title", "background", "summary", "case_officer"]
        widgets = {
            "background": forms.Textarea(attrs={"rows": 6}),
            "summary": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "diary_number": _("Som i kommunens diarium, t.ex. KS/2017:359."),
            "summary": _("Rader som börjar med ”- ” visas som de skrivs."),
        }

    def __init__(self, *args, decision_basis=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision_basis = decision_basis  # the formset of Beslutsunderlag lines
        # A ModelForm's field for a foreign key.
        case_officer = cast(forms.ModelChoiceField, self.fields["case_officer"])
        case_officer.queryset = Person.objects.filter(
            municipality_id=self.instance.municipality_id
        ).order_by("name")

    def save(self, commit: bool = True) -> CouncilCase:
        case = super().save(commit)
        if commit and self.decision_basis is not None:
            save_decision_basis(self.decision_basis, case)
        return case

    def clean_diary_number(self) -> str:
        number = self.cleaned_data["diary_number"]
        clash = CouncilCase.objects.filter(
            municipality_id=self.instance.municipality_id, diary_number=number
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(UNIQUE_DIARY_NUMBER.get_violation_error_message(), code="unique")
        return number


def document_choices(municipality_id: int) -> list:
    """The municipality's documents of every kind, as a grouped choice list ("handlingsplan:4")."""

    def label(document) -> str:
        return f"{document.title} ({document.period}, {document.get_status_display().lower()})"

    choices: list[tuple[str, Any]] = [("", _("Ingen länk"))]
    for kind in kinds.all_kinds():
        documents = kind.in_municipality(municipality_id).order_by("-period_start", "-revision")
        options = [(f"{kind.slug}:{d.pk}", label(d)) for d in documents]
        if options:
            choices.append((kind.heading, options))
    return choices


def document_value(line: DecisionBasis) -> str:
    if line.content_type_id is None:
        return ""
    return f"{kinds.kind_of_content_type(line.content_type_id).slug}:{line.object_id}"


class DecisionBasisForm(forms.ModelForm):
    """One line of 'Beslutsunderlag' and, optionally, the register's document it names."""

    document = forms.ChoiceField(label=_("Handlingen i registret"), required=False)

    class Meta:
        model = DecisionBasis
        fields = ["title"]

    def __init__(self, *args, document_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["document"]).choices = document_choices
        if self.instance.pk:
            self.initial.setdefault("document", document_value(self.instance))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned_data = self.cleaned_data
        slug, _sep, pk = (cleaned_data.get("document") or "").partition(":")
        kind = kinds.by_slug(slug)
        # The choices hold only the municipality's documents, so pk is one of them.
        self.instance.content_type = ContentType.objects.get_for_model(kind.model) if kind else None
        self.instance.object_id = int(pk) if kind else None
        return cleaned_data


class BaseDecisionBasisFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Ta bort raden")


DecisionBasisFormSet = forms.inlineformset_factory(
    CouncilCase,
    DecisionBasis,
    form=DecisionBasisForm,
    formset=BaseDecisionBasisFormSet,
    fields=["title"],
    extra=2,
    can_delete=True,
)


def save_decision_basis(formset, case: CouncilCase) -> None:
    """Save the lines in the order of the formset; ticked lines are deleted."""
    lines, changed = [], set()
    for form in formset.forms:
        line = form.instance
        if form.cleaned_data.get("DELETE"):
            if line.pk:
                line.delete()
            continue
        if line.pk is None and not form.has_changed():
            continue  # an empty extra line
        line.case = case
        lines.append(line)
        if form.has_changed():
            changed.add(id(line))
    save_in_order(lines, changed)


def save_in_order(rows: Sequence[OrderedRow], changed: set[int]) -> None:
    """Save rows as positions 1, 2, 3 …: new rows, changed rows and rows that move.

    Rows that move are parked first, so that no two rows share a position on the
    way; each row is then saved once, and so recorded once in the history.
    """
    park([row for index, row in enumerate(rows, 1) if row.pk and row.position != index])
    for index, row in enumerate(rows, 1):
        if row.pk is None or row.position != index or id(row) in changed:
            row.position = index
            row.save()


def sync_rows(
    existing: Iterable[OrderedRow], wanted: list[dict[str, Any]], new: Callable[[], OrderedRow]
) -> None:
    """Make the rows match the wanted lines, in order.

    A line that is still there keeps its row (and moves if needed); a line typed
    over where another stood updates that row; other new lines get new rows and
    rows whose line is gone are deleted.
    """
    existing = list(existing)
    unmatched = list(existing)
    rows: list[OrderedRow | None] = [None] * len(wanted)
    for index, values in enumerate(wanted):
        for row in unmatched:
            if all(getattr(row, name) == value for name, value in values.items()):
                rows[index] = row
                unmatched.remove(row)
                break
    changed = set()
    for index, values in enumerate(wanted):
        if rows[index] is not None:
            continue
        in_place = existing[index] if index < len(existing) else None
        if in_place is not None and in_place in unmatched:
            unmatched.remove(in_place)
            row = in_place
        else:
            row = new()
        for name, value in values.items():
            setattr(row, name, value)
        rows[index] = row
        changed.add(id(row))
    for row in unmatched:
        row.delete()
    save_in_order([row for row in rows if row is not None], changed)  # every line has its row


class RecipientForm(RegisterForm):
    """One line of 'Beslutet skickas till'."""

    class Meta:
        model = Recipient
        fields = ["name"]
        help_texts = {"name": _("T.ex. ”Kommunpolisen” eller ”Akten”.")}


class ParagraphForm(RegisterForm):
    class Meta:
        model = MinutesParagraph
        fields = [
            "body",
            "meeting_date",
            "meeting_place",
            "number",
            "outcome",
            "information",
            "proposal_heading",
            "proposal",
            "decision",
        ]
        widgets = {
            "meeting_date": date_widget(),
            "information": forms.Textarea(attrs={"rows": 8}),
            "proposal": forms.Textarea(attrs={"rows": 4}),
            "decision": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "meeting_date": _("Lämna tomt om datumet inte är känt."),
            "decision": _("T.ex. ”… tackar för informationen som noteras till protokollet”."),
        }


class AdjustmentForm(RegisterForm):
    """The registrar records the meeting and that its minutes are adjusted, and certifies
    the extract; after that the paragraph never changes."""

    instance: MinutesParagraph

    class Meta:
        model = MinutesParagraph
        fields = [
            "meeting_date",
            "meeting_place",
            "adjusters",
            "adjusted_on",
            "certified_by",
            "certified_on",
        ]
        widgets = {
            "meeting_date": date_widget(),
            "adjusted_on": date_widget(),
            "certified_on": date_widget(),
            "adjusters": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "adjusters": _("Ordföranden och justeraren, en per rad, som de skrivit under."),
            "certified_by": _("Den som jämfört utdraget med det justerade protokollet."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True

    def clean(self):
        data = super().clean() or {}
        meeting, adjusted, certified = (
            data.get(name) for name in ("meeting_date", "adjusted_on", "certified_on")
        )
        today = timezone.localdate()
        if adjusted and meeting and adjusted < meeting:
            self.add_error("adjusted_on", _("Protokollet justeras inte före sammanträdet."))
        if certified and adjusted and certified < adjusted:
            self.add_error("certified_on", _("Utdraget bestyrks inte före justeringen."))
        for name in ("meeting_date", "adjusted_on", "certified_on"):
            if (day := data.get(name)) and day > today and not self.has_error(name):
                self.add_error(name, _("Datumet har inte varit ännu."))
        return data


class MemoForm(RegisterForm):
    signers = forms.CharField(
        label=_("Undertecknare (namn, titel – en per rad)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("T.ex. ”Carina Brofeldt, Bitr. kommunchef”."),
    )
    instance: CoverMemo

    class Meta:
        model = CoverMemo
        fields = ["date", "addressee", "department", "proposal_heading", "proposal"]
        widgets = {"date": date_widget(), "proposal": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "proposal_heading": _("T.ex. ”Kommunstyrelsens förvaltnings förslag till beslut”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["signers"].initial = "\n".join(
                str(s) for s in self.instance.signatures.order_by("position")
            )

    def clean_signers(self) -> list[dict]:
        return signer_lines(self.cleaned_data["signers"])

    def save(self, commit: bool = True) -> CoverMemo:
        memo = super().save(commit)
        if commit:
            self.save_signers()
        return memo

    def save_signers(self) -> None:
        """Replace the memo's signatures with the lines typed, signed on paper, in order."""
        memo = self.instance
        wanted = self.cleaned_data["signers"]
        people: dict[str, list[Person]] = {}
        for person in Person.objects.filter(
            municipality_id=memo.case.municipality_id, name__in=[s["name"] for s in wanted]
        ):
            people.setdefault(person.name, []).append(person)
        for signer in wanted:
            matches = people.get(signer["name"], [])
            signer["person_id"] = matches[0].pk if len(matches) == 1 else None
        content_type = ContentType.objects.get_for_model(CoverMemo)
        sync_rows(
            memo.signatures.order_by("position"),
            wanted,
            lambda: Signature(
                content_type=content_type, object_id=memo.pk, method=SignatureMethod.PAPER
            ),
        )
