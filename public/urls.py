from django.urls import path

from safety_partnership.exchange.schema import SCHEMA_FILE

from . import marking, opendata, views

app_name = "public"

urlpatterns = [
    path("kommuner/", views.municipalities, name="municipalities"),
    path("kommuner/sok/", views.public_search, name="search"),
    path("kommuner/teman/", views.theme_list, name="themes"),
    path("kommuner/teman/<slug:slug>/", views.theme, name="theme"),
    path("kommuner/<str:slug>/", views.municipality, name="municipality"),
    path("kommuner/<str:slug>/medborgarloften/<int:pk>/", views.pledge, name="pledge"),
    path(
        "kommuner/<str:slug>/medborgarloften/<int:pk>/utskrift.pdf",
        views.pledge_pdf,
        name="pledge_pdf",
    ),
    path("kommuner/<str:slug>/handlingsplaner/<int:pk>/", views.plan, name="plan"),
    path(
        "kommuner/<str:slug>/handlingsplaner/<int:pk>/utskrift.pdf",
        views.plan_pdf,
        name="plan_pdf",
    ),
    path("oppna-data/", opendata.index, name="open_data"),
    path("oppna-data/register.json", opendata.register_json, name="open_json"),
    path(f"oppna-data/{SCHEMA_FILE.name}", opendata.schema, name="open_schema"),
    path("oppna-data/atgarder.csv", opendata.measures_csv, name="open_measures"),
    path("oppna-data/loften.csv", opendata.promises_csv, name="open_promises"),
    path("oppna-data/flode.atom", opendata.feed, name="open_feed"),
    path("oppna-data/kommuner/<str:slug>.json", opendata.register_json, name="open_json"),
    path(
        "oppna-data/kommuner/<str:slug>/atgarder.csv",
        opendata.measures_csv,
        name="open_measures",
    ),
    path("oppna-data/kommuner/<str:slug>/loften.csv", opendata.promises_csv, name="open_promises"),
    # The internal pages' toggle: signed in, the partnership's editors only.
    path("intern-markering/<slug:kind>/<int:pk>/", marking.toggle, name="mark"),
]
