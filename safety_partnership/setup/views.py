"""Setting up the register in its own pages: municipalities, police areas, partnerships,
people and their logins. Nobody is deleted: a person who leaves is deactivated."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Municipality, Partnership, Person, PoliceArea
from .access import (
    administrator,
    get_for_superuser,
    get_person_for_user,
    people_for,
    require_setup,
    require_superuser,
)
from .forms import MunicipalityForm, PartnershipForm, PersonForm, PoliceAreaForm
from .invitations import invite

INDEX = "setup:index"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require_setup(request.user)
    context: dict[str, Any] = {
        "people": people_for(request.user).order_by("-is_active", "name"),
        "admin": administrator(request.user),
    }
    if request.user.is_superuser:
        context["municipalities"] = Municipality.objects.order_by("name")
        context["police_areas"] = PoliceArea.objects.order_by("name")
        context["partnerships"] = Partnership.objects.select_related(
            "municipality", "police_area"
        ).order_by("municipality__name")
    return render(request, "setup/index.html", context)


def edit(request: HttpRequest, form, *, title: str, saved: str) -> HttpResponse:
    """The form page of any setup object: saved (or refused with the reasons) on POST."""
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(request, saved % {"name": form.instance})
        return redirect(
            f"{reverse(INDEX)}#{type(form.instance).__name__.lower()}-{form.instance.pk}"
        )
    return render(request, "setup/form.html", {"form": form, "title": title})


def organisation_view(model, form_class, new_title: str, change_title: str):
    """Create (pk None) or change a municipality, police area or partnership."""

    @login_required
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        if pk is None:
            require_superuser(request.user)
            instance, title = model(), new_title
        else:
            instance = get_for_superuser(request.user, model, pk)
            title = change_title % {"name": instance}
        form = form_class(request.POST or None, instance=instance)
        return edit(request, form, title=title, saved=_("”%(name)s” är sparad."))

    return view


municipality_form = organisation_view(
    Municipality, MunicipalityForm, _("Ny kommun"), _("Ändra %(name)s")
)
police_area_form = organisation_view(
    PoliceArea, PoliceAreaForm, _("Nytt lokalpolisområde"), _("Ändra %(name)s")
)
partnership_form = organisation_view(
    Partnership, PartnershipForm, _("Ny samverkan"), _("Ändra samverkan %(name)s")
)


@login_required
def person_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A new person, or a change to one, in the organisations the user administers."""
    require_setup(request.user)
    admin = None if request.user.is_superuser else administrator(request.user)
    if pk is None:
        person = Person()
        if admin is not None:  # her own organisation
            person.municipality_id, person.police_area_id = (
                admin.municipality_id,
                admin.police_area_id,
            )
        title = _("Ny person")
    else:
        person = get_person_for_user(request.user, pk)
        title = _("Ändra %(name)s") % {"name": person.name}
    form = PersonForm(request.POST or None, instance=person, admin=admin)
    return edit(request, form, title=title, saved=_("%(name)s är sparad."))


@login_required
@require_POST
def person_invite(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    try:
        invite(person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("En inbjudan är skickad till %(email)s. %(name)s väljer själv sitt lösenord.")
            % {"email": person.email, "name": person.name},
        )
    return redirect(f"{reverse(INDEX)}#person-{person.pk}")


@login_required
@require_POST
def person_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate someone who leaves (she can no longer log in, her name stays on what she
    did), or activate her again."""
    person = get_person_for_user(request.user, pk)
    activate = request.POST.get("active") == "1"
    if person.pk == getattr(getattr(request.user, "person", None), "pk", None) and not activate:
        messages.error(request, _("Du kan inte avaktivera dig själv."))
        return redirect(f"{reverse(INDEX)}#person-{person.pk}")
    with transaction.atomic():
        person.is_active = activate
        if activate:
            person.active_until = None
        elif person.active_until is None:
            person.active_until = timezone.localdate()
        person.save()
        if person.user is not None:
            person.user.is_active = activate
            person.user.save(update_fields=["is_active"])
    if activate:
        messages.success(request, _("%(name)s är aktiv igen.") % {"name": person.name})
    else:
        messages.success(
            request,
            _("%(name)s är avaktiverad och kan inte längre logga in.") % {"name": person.name},
        )
    return redirect(f"{reverse(INDEX)}#person-{person.pk}")
