"""A new login is invited by e-mail to choose her own password, through Django's password
reset machinery (a one-time link; no password is ever sent)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ..models import Person
from ..signing.notifications import site_address
from ..signing.tasks import send_notification


def invitation_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_address(reverse("password_reset_confirm", args=[uid, token]))


@transaction.atomic
def invite(person: Person) -> None:
    """Give the person a login (her e-mail address is her user name) and send the link with
    which she chooses her password. Again for someone who has not chosen one yet."""
    if not person.is_active:
        raise ValidationError(
            _("%(name)s är inte aktiv och kan inte bjudas in.") % {"name": person.name}
        )
    if not person.email:
        raise ValidationError(
            _("%(name)s har ingen e-postadress. Fyll i den först.") % {"name": person.name}
        )
    user = person.user
    if user is None:
        User = get_user_model()
        username = person.email.lower()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                _("Det finns redan en inloggning med e-postadressen %(email)s.")
                % {"email": person.email}
            )
        # No password: she chooses one with the link; until then she cannot log in.
        user = User.objects.create_user(username=username, email=person.email, password=None)
        user.first_name = person.name
        user.save()
        person.user = user
        person.save()
    elif user.has_usable_password():
        raise ValidationError(
            _("%(name)s har redan valt ett lösenord och kan logga in.") % {"name": person.name}
        )
    days = settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)
    body = _(
        "Hej %(name)s!\n\n"
        "Du har fått en inloggning till Trygghetsregistret. Ditt användarnamn är %(username)s.\n\n"
        "Välj ditt lösenord här (länken gäller i %(days)s dagar och kan användas en gång):\n"
        "%(link)s\n"
    ) % {
        "name": person.name,
        "username": user.username,
        "days": days,
        "link": invitation_link(user),
    }
    subject = _("Inbjudan till Trygghetsregistret")
    recipients = [person.email]
    transaction.on_commit(lambda: send_notification.enqueue(subject, body, recipients))
