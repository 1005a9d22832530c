"""Who may read and who may edit: the basis of every view's access check.

The rule, in one place:
- the people of a municipality read its partnerships' documents, and its safety
  coordinator edits them;
- the people of a police area read the documents of every municipality of the area;
- superusers read and edit everything;
- nobody else learns that a document exists (404), and a reader who tries to
  edit is refused (403).
Each document kind has one helper (get_<kind>_for_user) in its app's access.py
that looks the object up and calls check_access() here.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import FrozenDocument, Municipality, Partnership, Role


@dataclass(frozen=True)
class Access:
    read: bool = False
    edit: bool = False


NO_ACCESS = Access()


def _person(user):
    if not user.is_authenticated:
        return None
    person = getattr(user, "person", None)
    return person if person is not None and person.is_active else None


def partnerships_for(user) -> QuerySet[Partnership]:
    """The partnerships whose documents the user may read."""
    partnerships = Partnership.objects.select_related("municipality", "police_area")
    if user.is_authenticated and user.is_superuser:
        return partnerships.all()
    person = _person(user)
    if person is None:
        return partnerships.none()
    if person.municipality_id:
        return partnerships.filter(municipality_id=person.municipality_id)
    if person.police_area_id:
        return partnerships.filter(police_area_id=person.police_area_id)
    return partnerships.none()


def municipalities_for(user) -> QuerySet[Municipality]:
    """The municipalities whose council cases the user may read."""
    if user.is_authenticated and user.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=partnerships_for(user).values("municipality_id"))


def partnership_access(user, partnership: Partnership) -> Access:
    if user.is_authenticated and user.is_superuser:
        return Access(read=True, edit=True)
    person = _person(user)
    if person is None:
        return NO_ACCESS
    if person.municipality_id and person.municipality_id == partnership.municipality_id:
        return Access(read=True, edit=person.role == Role.COORDINATOR)
    if person.police_area_id and person.police_area_id == partnership.police_area_id:
        return Access(read=True)
    return NO_ACCESS


def municipality_access(user, municipality_id: int) -> Access:
    """Council cases belong to the municipality; the police read those of their area."""
    if user.is_authenticated and user.is_superuser:
        return Access(read=True, edit=True)
    person = _person(user)
    if person is None:
        return NO_ACCESS
    if person.municipality_id and person.municipality_id == municipality_id:
        return Access(read=True, edit=person.role == Role.COORDINATOR)
    if person.police_area_id:
        serves = Partnership.objects.filter(
            municipality_id=municipality_id, police_area_id=person.police_area_id
        )
        return Access(read=serves.exists())
    return NO_ACCESS


def check_access(user, access: Access, *, edit: bool, document=None) -> Access:
    """Raise 404 for those who may not read, 403 for readers who try to edit.

    A document (agreement, plan, pledge) can be changed only while it is a draft.
    """
    if not access.read:
        raise Http404(_("Sidan finns inte."))
    if edit and not access.edit:
        raise PermissionDenied(_("Du har behörighet att läsa men inte att ändra."))
    if edit and document is not None and not document.is_draft:
        raise FrozenDocument(document)
    return access


def check_partnership(user, partnership: Partnership, *, edit: bool = False, document=None):
    access = partnership_access(user, partnership)
    if not access.read and document is not None and is_asked_to_sign(user, document):
        access = Access(read=True)  # e.g. a housing company asked to co-sign a pledge
    return check_access(user, access, edit=edit, document=document)


def is_asked_to_sign(user, document) -> bool:
    person = _person(user)
    if person is None or not hasattr(document, "signatures"):
        return False
    return document.signatures.filter(person=person).exists()
