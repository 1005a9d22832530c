from django.contrib import admin
from django.urls import include, path

from . import health, kinds, logins, review, second_factor, views
from .signing import views as signing_views

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("samverkan/<int:pk>/", views.partnership_detail, name="partnership"),
    # Each kind of document in the registry brings its own pages.
    *[path(f"{kind.url_prefix}/", include(kind.urls)) for kind in kinds.all_kinds()],
    path("arenden/", include("safety_partnership.council.urls")),
    path("underskrift/", include("safety_partnership.signing.urls")),
    path("sok/", include("search.urls")),
    # For the proxy and the monitor: database, migrations and task worker (no login).
    path("halsa/", health.health, name="health"),
    path("verifiera/", signing_views.verify, name="verify"),
    # A signatory's authenticator app, for organisations that require a second factor.
    path("konto/andra-faktor/", second_factor.page, name="second_factor"),
    path("konto/andra-faktor/ny/", second_factor.start, name="second_factor_start"),
    path("konto/andra-faktor/bekrafta/", second_factor.confirm, name="second_factor_confirm"),
    path("granskning/<int:pk>/kontrollerad/", review.mark_checked, name="review_checked"),
    path("pdf/", include("safety_partnership.pdf.urls")),
    path("installningar/", include("safety_partnership.setup.urls")),
    path("utbyte/", include("safety_partnership.exchange.urls")),
    path("uppfoljning/", include("followup.urls")),
    # The public pages (/kommuner/) and the internal marks that keep things off them.
    path("", include("public.urls")),
    # Django's password reset, throttled; before the include, which has the same address.
    path("accounts/password_reset/", logins.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
