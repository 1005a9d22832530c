"""Who may read and who may edit: the basis of every view's access check.

The rule, in one place:
- the people of a municipality read its partnerships' documents, and its safety
  coordinator edits them;
- the people of a police area read the documents of every municipality of the area;
- a council case belongs to its municipality: the coordinator and the registrar edit it,
  and only the registrar records that its minutes are adjusted (justerade);
- superusers read and edit everything;
- nobody else learns that a document exists (404), and a reader who tries to
  edit is refused (403).
Each document kind has one helper (get_<kind>_for_user) in its app's access.py that
looks the object up and checks what the view needs: require_reader, require_editor or
require_draft (below).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import FrozenDocument, Partnership, Person, Role
from .models.documents import locked_document

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from .models import Document

    # Whoever makes the request: request.user, signed in or not.
    AnyUser: TypeAlias = User | AnonymousUser


@dataclass(frozen=True)
class Access:
    read: bool = False
    edit: bool = False
    adjust: bool = False  # record the adjustment of minutes: the registrar's


NO_ACCESS = Access()


def active_person(user: AnyUser) -> Person | None:
    """The person the signed-in user acts as, if she is active; None otherwise."""
    if not user.is_authenticated:
        return None
    person: Person | None = getattr(user, "person", None)
    return person if person is not None and person.is_active else None


def partnerships_for(user: AnyUser) -> QuerySet[Partnership]:
    """The partnerships whose documents the user may read."""
    partnerships = Partnership.objects.select_related("municipality", "police_area")
    if user.is_authenticated and user.is_superuser:
        return partnerships.all()
    person = active_person(user)
    if person is None:
        return partnerships.none()
    if person.municipality_id:
        return partnerships.filter(municipality_id=person.municipality_id)
    if person.police_area_id:
        return partnerships.filter(police_area_id=person.police_area_id)
    return partnerships.none()


def partnership_access(user: AnyUser, partnership: Partnership) -> Access:
    if user.is_authenticated and user.is_superuser:
        return Access(read=True, edit=True)
    person = active_person(user)
    if person is None:
        return NO_ACCESS
    if person.municipality_id and person.municipality_id == partnership.municipality_id:
        return Access(read=True, edit=person.role == Role.COORDINATOR)
    if person.police_area_id and person.police_area_id == partnership.police_area_id:
        return Access(read=True)
    return NO_ACCESS


def municipality_access(user: AnyUser, municipality_id: int) -> Access:
    """Council cases belong to the municipality: its coordinator writes them, its registrar
    registers them and records the meetings; the police read those of their area."""
    if user.is_authenticated and user.is_superuser:
        return Access(read=True, edit=True, adjust=True)
    person = active_person(user)
    if person is None:
        return NO_ACCESS
    if person.municipality_id and person.municipality_id == municipality_id:
        registrar = person.role == Role.STAFF
        return Access(
            read=True, edit=registrar or person.role == Role.COORDINATOR, adjust=registrar
        )
    if person.police_area_id:
        serves = Partnership.objects.filter(
            municipality_id=municipality_id, police_area_id=person.police_area_id
        )
        return Access(read=serves.exists())
    return NO_ACCESS


# What a view needs, in the words of the views: require_reader, require_editor or
# require_draft, each (access, document) -> access, each raising when the need is not met.


def require_reader(access: Access, document: Document | None = None) -> Access:
    """Those who may not read learn nothing: not even that the page exists (404)."""
    if not access.read:
        raise Http404(_("Sidan finns inte."))
    return access


def require_editor(access: Access, document: Document | None = None) -> Access:
    """A reader who tries to change something is refused (403)."""
    require_reader(access)
    if not access.edit:
        raise PermissionDenied(_("Du har behörighet att läsa men inte att ändra."))
    return access


def require_registrar(access: Access, document: Document | None = None) -> Access:
    """Only the registrar records that minutes are adjusted."""
    require_reader(access)
    if not access.adjust:
        raise PermissionDenied(_("Bara registratorn kan registrera att protokollet är justerat."))
    return access


def require_draft(access: Access, document: Document | None) -> Access:
    """An editor may change a document only while it is a draft (see locked_document)."""
    require_editor(access)
    if document is None:  # a programming error: only a document is a draft
        raise TypeError("require_draft needs the document that is to change")
    if (locked := locked_document(document)) is not None:
        raise FrozenDocument(locked)
    return access


def may_change(access: Access, document: Document) -> bool:
    """What require_draft would allow, as a yes or no for a page's edit controls."""
    return access.edit and locked_document(document) is None


Need: TypeAlias = Callable[[Access, "Document | None"], Access]


def check_partnership(
    user: AnyUser,
    partnership: Partnership,
    need: Need = require_reader,
    document: Document | None = None,
) -> Access:
    """The user's access to a partnership's page or document, checked against what is needed."""
    access = partnership_access(user, partnership)
    if not access.read and document is not None and is_asked_to_sign(user, document):
        access = Access(read=True)  # e.g. a housing company asked to co-sign a pledge
    return need(access, document)


def get_partnership_for_user(
    user: AnyUser, pk: int, need: Need = require_reader
) -> tuple[Partnership, Access]:
    partnership = get_object_or_404(
        Partnership.objects.select_related("municipality", "police_area"), pk=pk
    )
    return partnership, check_partnership(user, partnership, need)


def check_municipality(user: AnyUser, municipality_id: int, need: Need = require_reader) -> Access:
    return need(municipality_access(user, municipality_id), None)


def is_asked_to_sign(user: AnyUser, document: Document) -> bool:
    """A signatory of another organisation that is a party of the partnership (a housing
    company co-signing a pledge) reads what it signs; nobody else gains access by a signature."""
    person = active_person(user)
    if person is None or not hasattr(document, "signatures"):
        return False
    if not person.belongs_to(document.partnership):
        return False
    return document.signatures.filter(person=person).exists()
