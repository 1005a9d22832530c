from django.contrib import admin
from django.urls import include, path

from . import health, kinds, review, views
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
    path("granskning/<int:pk>/kontrollerad/", review.mark_checked, name="review_checked"),
    path("pdf/", include("safety_partnership.pdf.urls")),
    path("installningar/", include("safety_partnership.setup.urls")),
    path("utbyte/", include("safety_partnership.exchange.urls")),
    path("uppfoljning/", include("followup.urls")),
    # The public pages (/kommuner/) and the internal marks that keep things off them.
    path("", include("public.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
