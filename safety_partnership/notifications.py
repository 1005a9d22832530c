"""E-mail to the people a signing step concerns, through Django's mail framework."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from .models import Person, Role


def _address(person: Person) -> str:
    return person.email or (person.user.email if person.user_id else "")


def _link(document) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{document.get_absolute_url()}"


def notify_signatories(document, signatories: list[Person], message: str = "") -> None:
    addresses = [a for a in map(_address, signatories) if a]
    if not addresses:
        return
    body = _("%(title)s väntar på din underskrift i trygghetsregistret.\n\n%(link)s") % {
        "title": document.title,
        "link": _link(document),
    }
    if message:
        body += "\n\n" + _("Meddelande från samordnaren:") + "\n" + message
    subject = _("Att underteckna: %(title)s") % {"title": document.title}
    for address in addresses:  # one each: nobody needs to see who else signs
        send_mail(subject, body, None, [address])


def notify_coordinators(document, what: str, comment: str = "") -> None:
    coordinators = Person.objects.filter(
        role=Role.COORDINATOR,
        municipality_id=document.partnership.municipality_id,
        is_active=True,
    ).select_related("user")
    addresses = [a for a in map(_address, coordinators) if a]
    if not addresses:
        return
    body = f"{document.title} {what}.\n\n{_link(document)}"
    if comment:
        body += "\n\n" + _("Kommentar:") + "\n" + comment
    send_mail(f"{document.title} {what}", body, None, addresses)
