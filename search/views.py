"""The search page, /sok/?q=…: the hits of the header's search box, 50 a page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import query


@login_required
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    context: dict = {"q": text, "message": "", "page": None, "hits": []}
    if len(text) > query.MAX_LENGTH:
        context["message"] = _(
            "Sökningen är för lång: skriv högst %(max)d tecken, till exempel några ord ur texten."
        ) % {"max": query.MAX_LENGTH}
    elif not query.words_of(text):
        context["message"] = _("Skriv ett eller flera ord att söka efter.")
    else:
        page = Paginator(query.search(request.user, text), query.PER_PAGE).get_page(
            request.GET.get("sida")
        )
        context["page"] = page
        context["hits"] = [query.hit_of(row, text) for row in page.object_list]
    return render(request, "search/results.html", context)
