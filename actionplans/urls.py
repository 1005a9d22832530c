from django.urls import path

from safety_partnership.document_views import document_create, document_delete, document_edit
from safety_partnership.history_views import document_as_of_view, document_history
from safety_partnership.rows import row_create, row_delete, row_edit, row_move

from . import views
from .kind import KIND

app_name = "actionplans"
KIND_SLUG = {"kind": KIND.slug}
AREA, MEASURE = {"row": "focus-area"}, {"row": "measure"}

urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("ny/<int:parent_pk>/", document_create, KIND_SLUG, name="create"),
    path("<int:pk>/andra/", document_edit, KIND_SLUG, name="edit"),
    path("<int:pk>/ta-bort/", document_delete, KIND_SLUG, name="delete"),
    path("<int:pk>/ny-utifran/", views.plan_copy, name="copy"),
    path("<int:pk>/importera-atgarder/", views.plan_import_measures, name="import_measures"),
    path("<int:pk>/historik/", document_history, KIND_SLUG, name="history"),
    path("<int:pk>/som-den-var/", document_as_of_view, KIND_SLUG, name="as_of"),
    path("<int:parent_pk>/fokusomraden/ny/", row_create, AREA, name="focus_area_create"),
    path("fokusomraden/<int:pk>/andra/", row_edit, AREA, name="focus_area_edit"),
    path("fokusomraden/<int:pk>/ta-bort/", row_delete, AREA, name="focus_area_delete"),
    path("fokusomraden/<int:pk>/flytta/", row_move, AREA, name="focus_area_move"),
    path("fokusomraden/<int:parent_pk>/atgarder/ny/", row_create, MEASURE, name="measure_create"),
    path("atgarder/<int:pk>/andra/", row_edit, MEASURE, name="measure_edit"),
    path("atgarder/<int:pk>/ta-bort/", row_delete, MEASURE, name="measure_delete"),
    path("atgarder/<int:pk>/flytta/", row_move, MEASURE, name="measure_move"),
]
