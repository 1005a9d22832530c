from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import partnerships_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    return render(
        request,
        "home.html",
        {"person": person, "partnerships": partnerships_for(request.user)},
    )
