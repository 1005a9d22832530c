from django.urls import path

from safety_partnership.document_views import document_create, document_delete, document_edit
from safety_partnership.history_views import document_as_of_view, document_history
from safety_partnership.rows import row_create, row_delete, row_edit, row_move

from . import report_views, views
from .kind import KIND

app_name = "pledges"
KIND_SLUG = {"kind": KIND.slug}
PROMISE = {"row": "promise"}
POINT = {"row": "promise_point"}
TARGET = {"row": "target"}

urlpatterns = [
    path("<int:pk>/", views.pledge_detail, name="detail"),
    path("ny/<int:parent_pk>/", document_create, KIND_SLUG, name="create"),
    path("<int:pk>/andra/", document_edit, KIND_SLUG, name="edit"),
    path("<int:pk>/ta-bort/", document_delete, KIND_SLUG, name="delete"),
    path("<int:pk>/ny-utifran/", views.pledge_copy, name="copy"),
    path("<int:pk>/forlang/", views.pledge_extend, name="extend"),
    path("<int:pk>/historik/", document_history, KIND_SLUG, name="history"),
    path("<int:pk>/som-det-var/", document_as_of_view, KIND_SLUG, name="as_of"),
    path("<int:parent_pk>/loften/nytt/", row_create, PROMISE, name="promise_create"),
    path("loften/<int:pk>/andra/", row_edit, PROMISE, name="promise_edit"),
    path("loften/<int:pk>/ta-bort/", row_delete, PROMISE, name="promise_delete"),
    path("loften/<int:pk>/flytta/", row_move, PROMISE, name="promise_move"),
    path("loften/<int:parent_pk>/punkter/ny/", row_create, POINT, name="point_create"),
    path("punkter/<int:pk>/andra/", row_edit, POINT, name="point_edit"),
    path("punkter/<int:pk>/ta-bort/", row_delete, POINT, name="point_delete"),
    path("punkter/<int:pk>/flytta/", row_move, POINT, name="point_move"),
    path("<int:parent_pk>/mal/nytt/", row_create, TARGET, name="target_create"),
    path("mal/<int:pk>/andra/", row_edit, TARGET, name="target_edit"),
    path("mal/<int:pk>/ta-bort/", row_delete, TARGET, name="target_delete"),
    path("mal/<int:pk>/flytta/", row_move, TARGET, name="target_move"),
    # The pledge's reports: halvarsrapport (January–June) and arsrapport (the whole year).
    path("<int:pk>/rapporter/<slug:slug>/", report_views.report_detail, name="report"),
    path("<int:pk>/rapporter/<slug:slug>/skriv/", report_views.report_edit, name="report_edit"),
    path(
        "<int:pk>/rapporter/<slug:slug>/faststall/",
        report_views.report_finalise,
        name="report_finalise",
    ),
    path("<int:pk>/rapporter/<slug:slug>/pdf/", report_views.report_pdf, name="report_pdf"),
    path("dialoger/<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("dialoger/ny/<int:partnership_pk>/", views.dialogue_create, name="dialogue_create"),
    path("dialoger/<int:pk>/andra/", views.dialogue_edit, name="dialogue_edit"),
    path("dialoger/<int:pk>/ta-bort/", views.dialogue_delete, name="dialogue_delete"),
    path("dialoger/<int:pk>/historik/", views.dialogue_history, name="dialogue_history"),
]
