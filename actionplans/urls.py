from django.urls import path

from safety_partnership.history_views import document_as_of_view, document_history

from . import views
from .kind import KIND

app_name = "actionplans"

urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("ny/<int:agreement_pk>/", views.plan_create, name="create"),
    path("<int:pk>/andra/", views.plan_edit, name="edit"),
    path("<int:pk>/ta-bort/", views.plan_delete, name="delete"),
    path("<int:pk>/ny-utifran/", views.plan_copy, name="copy"),
    path("<int:pk>/historik/", document_history, {"kind": KIND.slug}, name="history"),
    path("<int:pk>/som-den-var/", document_as_of_view, {"kind": KIND.slug}, name="as_of"),
    path("<int:plan_pk>/fokusomraden/ny/", views.focus_area_create, name="focus_area_create"),
    path("fokusomraden/<int:pk>/andra/", views.focus_area_edit, name="focus_area_edit"),
    path("fokusomraden/<int:pk>/ta-bort/", views.focus_area_delete, name="focus_area_delete"),
    path("fokusomraden/<int:pk>/flytta/", views.focus_area_move, name="focus_area_move"),
    path(
        "fokusomraden/<int:focus_area_pk>/atgarder/ny/", views.measure_create, name="measure_create"
    ),
    path("atgarder/<int:pk>/andra/", views.measure_edit, name="measure_edit"),
    path("atgarder/<int:pk>/ta-bort/", views.measure_delete, name="measure_delete"),
    path("atgarder/<int:pk>/flytta/", views.measure_move, name="measure_move"),
]
