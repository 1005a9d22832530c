"""E-mail to the people a signing step concerns, sent once the step has committed."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import DocumentStatus, Person, Role
from .tasks import send_notification


def _address(person: Person) -> str:
    return person.email or (person.user.email if person.user is not None else "")


def site_address(path: str) -> str:
    """The full address of a page of the register, at SITE_URL (required in production)."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def verify_address() -> str:
    """The verification page, as e-mails and signed PDFs print it."""
    return site_address(reverse("verify"))


def _link(document) -> str:
    return site_address(document.get_absolute_url())


def _send_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    transaction.on_commit(lambda: send_notification.enqueue(subject, body, recipients))


def notify_signatories(document, signatories: list[Person], message: str = "") -> None:
    addresses = [a for a in map(_address, signatories) if a]
    body = _("%(title)s väntar på din underskrift i trygghetsregistret.\n\n%(link)s") % {
        "title": document.title,
        "link": _link(document),
    }
    if message:
        body += "\n\n" + _("Meddelande från samordnaren:") + "\n" + message
    subject = _("Att underteckna: %(title)s") % {"title": document.title}
    for address in addresses:  # one each: nobody needs to see who else signs
        _send_after_commit(subject, body, [address])


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
    if document.status == DocumentStatus.SIGNED:
        body += "\n\n" + _("Underskrifterna kan kontrolleras med kontrollkoden på %(url)s") % {
            "url": verify_address()
        }
    _send_after_commit(f"{document.title} {what}", body, addresses)
