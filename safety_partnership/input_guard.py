"""A NUL character in a query parameter or a form field is refused before any view reads it.

No text of the register holds one, and PostgreSQL refuses it in any string it is handed (a
search, a verification code), which would otherwise end in a server error.
"""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def holds_nul(params: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists())


class NulCharacterMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sent = [request.GET]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            sent.append(request.POST)  # files are not read: a scanned PDF may hold NULs
        if any(holds_nul(params) for params in sent):
            return render(request, "invalid_input.html", status=400)
        return self.get_response(request)
