"""What every form of the register shares: a limit on long texts and conflict detection."""

from collections.abc import Callable, Sized
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, transaction
from django.db.models import Field, QuerySet
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .concurrency import Conflict, conflict_since, latest_version

# Longer than any real plan cell; stops a pasted book from reaching the database.
TEXT_LIMIT = 10_000


class TextLimitValidator(MaxLengthValidator):
    """TEXT_LIMIT, counted as the browser counts a textarea's maxlength: a line break is one
    character, though the browser sends it as two (CR LF)."""

    def clean(self, x: Sized) -> int:
        return len(x.replace("\r\n", "\n")) if isinstance(x, str) else len(x)


def limit_text(limit: int):
    """'Högst 2 000 tecken.', said under every field with a limit, also without JavaScript."""
    return format_lazy(_("Högst {} tecken."), number_format(limit, force_grouping=True))


def show_limit(field: forms.Field) -> None:
    """The field's limit as the browser enforces it (maxlength) and as its help text says it."""
    limit = getattr(field, "max_length", None)
    if limit is None or field.widget.is_hidden:
        return
    if not isinstance(field.widget, (forms.TextInput, forms.Textarea)):
        return
    field.widget.attrs["maxlength"] = str(limit)
    said = limit_text(limit)
    field.help_text = format_lazy("{} {}", field.help_text, said) if field.help_text else said


def limit_texts(form: forms.BaseForm) -> None:
    """Every long text of the form limited (and its limit shown) as the register limits them."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is None:
            field.max_length = TEXT_LIMIT
            field.validators.append(TextLimitValidator(TEXT_LIMIT))
        show_limit(field)


def fits(field: Field, value: Any) -> bool:
    """Whether value is one the model field can hold: for an id, a whole number within the
    column's range. Django looks a posted id up as it is, and SQLite's driver fails on one
    past 64 bits (OverflowError): a server error for a hand-made request."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Django's choice of several rows, which refuses an id that does not fit the column
    (fits) as it refuses any id that is not there."""

    def clean(self, value):
        key = self.to_field_name or "pk"
        opts = cast(QuerySet, self.queryset).model._meta
        field = opts.pk if key == "pk" else opts.get_field(key)
        for pk in value if isinstance(value, list | tuple) else ():
            if not fits(field, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class RegisterForm(forms.ModelForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, version: int | None = None, **kwargs):
        """version: the instance's latest version where the caller has read it already
        (the versions of many rows, in one query); read here otherwise."""
        super().__init__(*args, **kwargs)
        self.conflict: Conflict | None = None
        limit_texts(self)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = (
                version if version is not None else latest_version(self.instance)
            )

    def focus_first_field(self) -> None:
        """For a form that opens in place: its first field takes the focus on arrival."""
        visible = self.visible_fields()
        if visible and not self.is_bound:
            visible[0].field.widget.attrs["autofocus"] = True

    def save_unless_conflict(self, before_save: Callable[[Any], None] | None = None) -> bool:
        """Save the valid form, unless someone else saved the same object since it was opened.

        Returns True when saved. Otherwise nothing is saved: either self.conflict says
        what the others changed (the form keeps what was typed and now carries the
        newer version, so that saving again overwrites knowingly), or the form has an
        error. A form that does not say which version it was opened on is refused the
        same way. Rows a form saves with its object (recipients, signers) belong in its
        save(), which runs inside the same transaction; before_save(instance) runs there
        too, just before (e.g. to give a new row the next position).
        """
        adding = self.instance._state.adding
        with transaction.atomic():
            if not adding:
                # Hold the row so that nobody saves between the check and the save.
                type(self.instance).objects.select_for_update().filter(pk=self.instance.pk).exists()
                self.conflict = conflict_since(self.instance, self.cleaned_data.get("version"))
                if self.conflict:
                    # What was posted: a QueryDict, which changes only once copied.
                    data = cast(QueryDict, self.data).copy()
                    data[self.add_prefix("version")] = str(self.conflict.version)
                    self.data = data
                    return False
            try:
                with transaction.atomic():
                    if before_save is not None:
                        before_save(self.instance)
                    self.save()
            except IntegrityError:
                if adding:
                    self.instance.pk = None
                    self.instance._state.adding = True
                self.add_error(None, _("Det gick inte att spara: någon annan ändrade samtidigt."))
                return False
        return True


def signer_lines(text: str) -> list[dict[str, str]]:
    """'Namn, titel' one signatory a line, as printed under the signatures."""
    from .models import Signature

    limit = Signature._meta.get_field("name").max_length
    signers = []
    for number, line in enumerate((ln.strip() for ln in text.splitlines() if ln.strip()), 1):
        name, _sep, title = (part.strip() for part in line.partition(","))
        if limit is not None and (len(name) > limit or len(title) > limit):
            raise ValidationError(
                _("Rad %(number)s: namn och titel får vara högst %(limit)s tecken var."),
                params={"number": number, "limit": limit},
                code="max_length",
            )
        signers.append({"name": name, "title": title})
    return signers
