"""The public pages under /kommuner/: no login, no session, the same for everyone.

The views never read request.user or the session, and render without the request (no
context processors): so no cookie is set, nothing varies by cookie, and a proxy may
cache every page (Cache-Control: public). What they show is chosen in selection.py.
"""

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from law.checklist import checklist_for
from safety_partnership.models import Municipality, PoliceRegion
from safety_partnership.pdf.process import answers_too_slow

from . import pdf, search, selection, themes

MAX_QUERY = 200  # characters of a search
MAX_AGE = 300  # seconds: a signed document changes rarely, a new one may wait five minutes
MUNICIPALITIES_PER_PAGE = 50
HITS_PER_PAGE = 20


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
    """The municipalities A–Ö: those of one letter (the first, unless one is chosen), or
    those whose name holds what was searched for."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY]
    listed = selection.public_municipality_names(text)
    letters = [] if text else selection.initials(listed)
    letter = None
    if letters:
        chosen = request.GET.get("bokstav", "")[:1].upper()
        letter = chosen if chosen in letters else letters[0]
        listed = [row for row in listed if selection.initial(row[2]) == letter]
    shown = Paginator(listed, MUNICIPALITIES_PER_PAGE).get_page(request.GET.get("sida"))
    context = {
        "q": text,
        "letters": letters,
        "letter": letter,
        "page": shown,
        "municipalities": selection.municipality_rows(shown.object_list),
        "query": request.GET,
    }
    return page("public/municipalities.html", context)


@public_page
def municipality(request: HttpRequest, slug: str) -> HttpResponse:
    found = public_municipality(slug)
    canonical = selection.municipality_slug(found)
    if slug != canonical:
        return HttpResponsePermanentRedirect(reverse("public:municipality", args=[canonical]))
    context = {
        "page": selection.municipality_page(found),
        "slug": canonical,
        "checklist": checklist_for([found])[found.pk],
    }
    return page("public/municipality.html", context)


def _signed(slug: str, pk: int, find: Callable, missing: str) -> tuple[Municipality, Any]:
    """The municipality and its signed document pk (find: selection.public_*_of), or 404."""
    found = public_municipality(slug)
    document = find(found, pk)
    if document is None:
        raise Http404(missing)
    return found, document


@public_page
def pledge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found, signed = _signed(slug, pk, selection.public_pledge_of, _("Medborgarlöftet finns inte."))
    canonical = selection.municipality_slug(found)
    if slug != canonical:
        return HttpResponsePermanentRedirect(reverse("public:pledge", args=[canonical, pk]))
    context = {
        "municipality": found,
        "slug": canonical,
        "public": selection.public_pledge(signed),
    }
    return page("public/pledge.html", context)


@public_page
def plan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found, signed = _signed(slug, pk, selection.public_plan_of, _("Handlingsplanen finns inte."))
    canonical = selection.municipality_slug(found)
    if slug != canonical:
        return HttpResponsePermanentRedirect(reverse("public:plan", args=[canonical, pk]))
    context = {"municipality": found, "slug": canonical, "public": selection.public_plan(signed)}
    return page("public/plan.html", context)


def _pdf_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, name) or "inline"
    return response


@public_page
@answers_too_slow
def pledge_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found, signed = _signed(slug, pk, selection.public_pledge_of, _("Medborgarlöftet finns inte."))
    content = pdf.pledge_pdf(found, selection.public_pledge(signed), _address(request, found))
    return _pdf_response(content, pdf.file_name(found, signed))


@public_page
@answers_too_slow
def plan_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found, signed = _signed(slug, pk, selection.public_plan_of, _("Handlingsplanen finns inte."))
    content = pdf.plan_pdf(found, selection.public_plan(signed), _address(request, found))
    return _pdf_response(content, pdf.file_name(found, signed))


def _address(request: HttpRequest, municipality: Municipality) -> str:
    """Where the printed page sends its reader: the municipality's public page."""
    slug = selection.municipality_slug(municipality)
    return request.build_absolute_uri(reverse("public:municipality", args=[slug]))


def _filters(request: HttpRequest, theme_slug: str = "") -> tuple[search.Filters, list[str]]:
    """The filters of the query string, and a Swedish message for each one not understood
    (which is then left out)."""
    errors = []
    text = request.GET.get("q", "").strip()
    if len(text) > MAX_QUERY:
        errors.append(_("Sökningen är för lång: skriv högst %(max)d tecken.") % {"max": MAX_QUERY})
        text = ""
    theme_slug = theme_slug or request.GET.get("tema", "")
    theme = themes.BY_SLUG.get(theme_slug)
    if theme_slug and theme is None:
        errors.append(_("Temat finns inte. Välj ett tema i listan."))
    county = request.GET.get("lan", "")
    if county and county not in themes.COUNTIES:
        errors.append(_("Länet finns inte. Välj ett län i listan."))
        county = ""
    region = request.GET.get("region", "")
    if region and region not in PoliceRegion.values:
        errors.append(_("Polisregionen finns inte. Välj en region i listan."))
        region = ""
    year_text = request.GET.get("ar", "").strip()
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    if year_text and year is None:
        errors.append(_("Skriv året med fyra siffror, till exempel 2024."))
    return search.Filters(text, theme, county, region, year), errors


def _choices() -> dict:
    return {
        "themes": themes.THEMES,
        "counties": sorted(themes.COUNTIES.items()),
        "regions": PoliceRegion.choices,
    }


@public_page
def public_search(request: HttpRequest) -> HttpResponse:
    filters, errors = _filters(request)
    found = search.find(filters) if not filters.empty else []
    # A bad or too large page number shows the first or the last page.
    shown = Paginator(found, HITS_PER_PAGE).get_page(request.GET.get("sida"))
    context = {
        "filters": filters,
        "errors": errors,
        "page": shown,
        "hits": shown.object_list,
        "query": request.GET,
        **_choices(),
    }
    return page("public/search.html", context)


@public_page
def theme_list(request: HttpRequest) -> HttpResponse:
    rows = list(zip(themes.THEMES, search.theme_counts(themes.THEMES), strict=True))
    return page("public/themes.html", {"rows": rows})


@public_page
def theme(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in themes.BY_SLUG:
        raise Http404(_("Temat finns inte."))
    filters, errors = _filters(request, slug)
    hits = list(search.find(filters))  # each hit made once for the two lists
    context = {
        "filters": filters,
        "errors": errors,
        "theme": filters.theme,
        "promised": [hit for hit in hits if not hit.status],
        "outcomes": [hit for hit in hits if hit.status],
        **_choices(),
    }
    return page("public/theme.html", context)
