"""Who sets up the register: a superuser sets up everything; an organisation's administrator
(Role.ADMINISTRATOR) adds and changes the people and logins of her own organisation, and of
the other parties of her municipality's partnerships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..access import active_person
from ..models import Person, Role

if TYPE_CHECKING:
    from ..access import AnyUser


def administrator(user: AnyUser) -> Person | None:
    """The user's person if she administers an organisation (and is active)."""
    person = active_person(user)
    return person if person is not None and person.role == Role.ADMINISTRATOR else None


def require_setup(user: AnyUser) -> None:
    """The setup pages are for superusers and administrators; others are refused (403)."""
    if not (user.is_authenticated and user.is_superuser) and administrator(user) is None:
        raise PermissionDenied(
            _("Bara registrets administratörer lägger upp organisationer och personer.")
        )


def require_superuser(user: AnyUser) -> None:
    """Municipalities, police areas and partnerships are set up by a superuser."""
    require_setup(user)
    if not user.is_superuser:
        raise PermissionDenied(
            _("Kommuner, lokalpolisområden och samverkan läggs upp av registrets administratör.")
        )


def people_for(user: AnyUser) -> QuerySet[Person]:
    """The people the user may add, change, invite and deactivate."""
    people = Person.objects.select_related("municipality", "police_area", "partnership", "user")
    if user.is_authenticated and user.is_superuser:
        return people.all()
    admin = administrator(user)
    if admin is None:
        return people.none()
    if admin.municipality_id:
        return people.filter(
            Q(municipality_id=admin.municipality_id)
            | Q(partnership__municipality_id=admin.municipality_id)
        )
    return people.filter(police_area_id=admin.police_area_id)


def get_person_for_user(user: AnyUser, pk: int) -> Person:
    require_setup(user)
    person = people_for(user).filter(pk=pk).first()
    if person is None:
        raise Http404(_("Sidan finns inte."))
    return person


def get_for_superuser(user: AnyUser, model, pk: int):
    require_superuser(user)
    return get_object_or_404(model, pk=pk)
