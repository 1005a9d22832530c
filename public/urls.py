from django.urls import path

from . import marking, views

app_name = "public"

urlpatterns = [
    path("kommuner/", views.municipalities, name="municipalities"),
    path("kommuner/sok/", views.public_search, name="search"),
    path("kommuner/teman/", views.theme_list, name="themes"),
    path("kommuner/teman/<slug:slug>/", views.theme, name="theme"),
    path("kommuner/<str:slug>/", views.municipality, name="municipality"),
    path("kommuner/<str:slug>/medborgarloften/<int:pk>/", views.pledge, name="pledge"),
    # The internal pages' toggle: signed in, the partnership's editors only.
    path("intern-markering/<slug:kind>/<int:pk>/", marking.toggle, name="mark"),
]
