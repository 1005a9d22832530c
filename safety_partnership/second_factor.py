"""A second factor for signing: a municipality or police area that turns on "Kräv andra faktor
för undertecknare" has whoever signs for it confirm each signature with a code from an
authenticator app (TOTP, django-otp) as well as her password. A signatory connects her app on
her own page, /konto/andra-faktor/: a QR code (and the secret as text), confirmed with her
password and a first code. The other parties of a municipality's partnerships (a housing
company) follow the municipality's setting."""

from __future__ import annotations

from base64 import b32encode
from typing import TYPE_CHECKING

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import active_person
from .models import Person, Role
from .signing.confirmation import (
    confirm_password_and_code,
    confirmed_device,
    field_of,
    organisation_requires,
)

if TYPE_CHECKING:
    from .access import AnyUser

SIGNATORY_ROLES = {Role.POLICE_SIGNATORY, Role.MUNICIPAL_SIGNATORY, Role.OTHER_SIGNATORY}


def signatory(user: AnyUser) -> Person:
    """The active signatory the user acts as; anyone else is refused (403)."""
    person = active_person(user)
    if person is None or person.role not in SIGNATORY_ROLES:
        raise PermissionDenied(_("Bara den som skriver under dokument kopplar en app."))
    return person


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth address as a QR code, an inline SVG (no script, no style)."""
    code = segno.make(device.config_url, error="m")
    title = _("QR-kod att skanna med autentiseringsappen")
    return mark_safe(code.svg_inline(scale=5, dark="#000", light="#fff", title=title))  # noqa: S308


def secret_text(device: TOTPDevice) -> str:
    """The secret as the apps take it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class ConfirmForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=gettext_lazy("Koden som appen visar"),
        max_length=10,
        help_text=gettext_lazy("Sex siffror. Koden byts var 30:e sekund."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def render_page(request: HttpRequest, person: Person, form: ConfirmForm) -> HttpResponse:
    pending = TOTPDevice.objects.filter(user_id=request.user.pk, confirmed=False).first()
    return render(
        request,
        "second_factor.html",
        {
            "required": organisation_requires(person),
            "device": confirmed_device(request.user),
            "pending": pending,
            "qr": qr_svg(pending) if pending else "",
            "secret": secret_text(pending) if pending else "",
            "form": form,
        },
    )


@login_required
def page(request: HttpRequest) -> HttpResponse:
    return render_page(request, signatory(request.user), ConfirmForm())


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """A new secret to scan; the app in use (if any) stays until the new one is confirmed."""
    signatory(request.user)
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=request.user.pk, confirmed=False).delete()
        TOTPDevice.objects.create(user=request.user, name=_("Autentiseringsapp"), confirmed=False)
    return redirect("second_factor")


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """The new app is connected once the password and its first code are right (both counted
    like a signature's: signing/confirmation.py); it replaces any earlier one."""
    person = signatory(request.user)
    pending = TOTPDevice.objects.filter(user_id=request.user.pk, confirmed=False).first()
    if pending is None:
        messages.info(request, _("Börja med att visa en ny QR-kod."))
        return redirect("second_factor")
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            confirm_password_and_code(
                request.user,
                form.cleaned_data["password"],
                form.cleaned_data["code"],
                pending,
                outcome=_("Appen är inte kopplad."),
            )
        except ValidationError as error:
            form.add_error(field_of(error), error)
        else:
            with transaction.atomic():
                TOTPDevice.objects.filter(user_id=request.user.pk).exclude(pk=pending.pk).delete()
                pending.confirmed = True
                pending.save(update_fields=["confirmed"])
            messages.success(request, _("Autentiseringsappen är kopplad till din inloggning."))
            return redirect("second_factor")
    return render_page(request, person, form)
