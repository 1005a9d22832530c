"""The public pages under /kommuner/: no login, no session, the same for everyone.

The views never read request.user or the session, and render without the request (no
context processors): so no cookie is set, nothing varies by cookie, and a proxy may
cache every page (Cache-Control: public). What they show is chosen in selection.py.
"""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from safety_partnership.models import Municipality

from . import selection

MAX_AGE = 300  # seconds: a signed document changes rarely, a new one may wait five minutes


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return require_safe(cache_control(public=True, max_age=MAX_AGE)(view))


def page(template: str, context: dict) -> HttpResponse:
    # Without the request: no context processor touches the user, the session or CSRF.
    return HttpResponse(render_to_string(template, context))


def public_municipality(slug: str) -> Municipality:
    code = slug.partition("-")[0]
    municipality = selection.public_municipalities().filter(code=code).first()
    if municipality is None:
        raise Http404(_("Kommunen finns inte i registret."))
    return municipality


@public_page
def municipalities(request: HttpRequest) -> HttpResponse:
    rows = [(m, selection.municipality_slug(m)) for m in selection.public_municipalities()]
    return page("public/municipalities.html", {"municipalities": rows})


@public_page
def municipality(request: HttpRequest, slug: str) -> HttpResponse:
    found = public_municipality(slug)
    canonical = selection.municipality_slug(found)
    if slug != canonical:
        return HttpResponsePermanentRedirect(reverse("public:municipality", args=[canonical]))
    context = {"page": selection.municipality_page(found), "slug": canonical}
    return page("public/municipality.html", context)


@public_page
def pledge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = public_municipality(slug)
    canonical = selection.municipality_slug(found)
    signed = selection.public_pledge_of(found, pk)
    if signed is None:
        raise Http404(_("Medborgarlöftet finns inte."))
    if slug != canonical:
        return HttpResponsePermanentRedirect(reverse("public:pledge", args=[canonical, pk]))
    context = {
        "municipality": found,
        "slug": canonical,
        "public": selection.public_pledge(signed),
    }
    return page("public/pledge.html", context)
