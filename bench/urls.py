"""The register's URLs and, for the load bench only, a bare view: logged in through the
same middleware, it does nothing else, so the register's pages can be compared with it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from safety_partnership.urls import urlpatterns as register


@login_required
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *register]
