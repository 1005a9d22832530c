"""Which partnerships a user belongs to: the basis of every access check."""

from django.db.models import QuerySet

from .models import Partnership


def partnerships_for(user) -> QuerySet[Partnership]:
    """The partnerships of the user's organisation.

    A municipality's people see their municipality's partnerships; a police
    area's people see every municipality of the area. Superusers see all.
    """
    partnerships = Partnership.objects.select_related("municipality", "police_area")
    if not user.is_authenticated:
        return partnerships.none()
    if user.is_superuser:
        return partnerships.all()
    person = getattr(user, "person", None)
    if person is None or not person.is_active:
        return partnerships.none()
    if person.municipality_id:
        return partnerships.filter(municipality_id=person.municipality_id)
    if person.police_area_id:
        return partnerships.filter(police_area_id=person.police_area_id)
    return partnerships.none()
