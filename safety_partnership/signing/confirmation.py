"""Confirming a signature: the signatory's password and, where her organisation asks for it
(Municipality/PoliceArea.signatories_need_second_factor), a code from her authenticator app
(TOTP, django-otp; connected at /konto/andra-faktor/, second_factor.py).

Wrong passwords and codes are counted per user in Django's cache, whatever the address: after
SIGNING_FAILURE_LIMIT of them nothing is signed for SIGNING_COOLOFF from the latest, even
with the right password. Every failure and every refusal is logged to
`register.security`. The count lives in the cache rather than in a table so that the
transaction of a refused signing, rolled back, cannot take the count with it; confirm() is
called before that transaction begins all the same.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NoReturn

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..access import active_person
from ..models import Municipality, Person, PoliceArea

if TYPE_CHECKING:
    from ..access import AnyUser

log = logging.getLogger("register.security")


def organisation_requires(person: Person) -> bool:
    """Does the person's organisation ask its signatories for a second factor? One query.
    Another party of a partnership (a housing company) follows the municipality's setting."""
    if person.police_area_id is not None:
        areas = PoliceArea.objects.filter(pk=person.police_area_id)
        return areas.filter(signatories_need_second_factor=True).exists()
    if person.municipality_id is not None:
        municipalities = Municipality.objects.filter(pk=person.municipality_id)
    elif person.partnership_id is not None:
        municipalities = Municipality.objects.filter(partnerships=person.partnership_id)
    else:
        return False
    return municipalities.filter(signatories_need_second_factor=True).exists()


def needs_second_factor(user: AnyUser) -> bool:
    person = active_person(user)
    return person is not None and organisation_requires(person)


def confirmed_device(user: AnyUser) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()


def _key(user: AnyUser) -> str:
    return f"signing-failures:{user.pk}"


def cooloff_minutes() -> int:
    return max(1, round(settings.SIGNING_COOLOFF.total_seconds() / 60))


def is_locked(user: AnyUser) -> bool:
    return cache.get(_key(user), 0) >= settings.SIGNING_FAILURE_LIMIT


def _refuse_while_locked(user: AnyUser, outcome: str) -> None:
    if is_locked(user):
        log.warning("Signing refused while locked for user %r", user.get_username())
        raise ValidationError(
            _(
                "För många felaktiga lösenord eller koder. Försök igen om %(minutes)s minuter, "
                "räknat från det senaste försöket. %(outcome)s"
            )
            % {"minutes": cooloff_minutes(), "outcome": outcome},
            code="locked",
        )


def _fail(user: AnyUser, what: str, message: str) -> NoReturn:
    """Count a wrong password or code (each failure starts the cool-off again) and refuse;
    the error's code names the field that was wrong."""
    failures = cache.get(_key(user), 0) + 1
    cache.set(_key(user), failures, settings.SIGNING_COOLOFF.total_seconds())
    limit = settings.SIGNING_FAILURE_LIMIT
    log.warning(
        "Wrong %s when signing for user %r (%s of %s)", what, user.get_username(), failures, limit
    )
    if failures >= limit:
        log.warning(
            "Signing locked for user %r for %s minutes", user.get_username(), cooloff_minutes()
        )
    raise ValidationError(message, code=what)


def confirm_password_and_code(
    user: AnyUser, password: str, code: str, device: TOTPDevice | None, outcome: str = ""
) -> None:
    """Refuse (ValidationError, in Swedish) while locked, or if the password or, with a
    device, its current code is wrong; count each failure. `outcome` ends each message with
    what was not done ("Ingenting är undertecknat." by default)."""
    outcome = outcome or _("Ingenting är undertecknat.")
    _refuse_while_locked(user, outcome)
    if not user.check_password(password):
        _fail(user, "password", _("Lösenordet stämmer inte. %(outcome)s") % {"outcome": outcome})
    if device is not None and not device.verify_token(code.replace(" ", "")):
        _fail(
            user,
            "code",
            _("Koden från autentiseringsappen stämmer inte. %(outcome)s") % {"outcome": outcome},
        )


def field_of(error: ValidationError) -> str | None:
    """The form field a refusal is about ("password", "code"), or None for the whole form."""
    return error.code if error.code in {"password", "code"} else None


def confirm(user: AnyUser, password: str, code: str = "") -> None:
    """The signatory's password, and her app's code where her organisation asks for one."""
    device = None
    if needs_second_factor(user):
        device = confirmed_device(user)
        if device is None:
            _refuse_while_locked(user, _("Ingenting är undertecknat."))
            raise ValidationError(
                _(
                    "Din organisation kräver en andra faktor när du skriver under. Koppla en "
                    "autentiseringsapp till din inloggning först. Ingenting är undertecknat."
                ),
                code="no_app",
            )
    confirm_password_and_code(user, password, code, device)
