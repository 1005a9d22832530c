from django.urls import path

from safety_partnership.history_views import document_as_of_view, document_history
from safety_partnership.rows import row_create, row_delete, row_edit

from . import views
from .kind import KIND

app_name = "agreements"
MEETING = {"row": "meeting"}

urlpatterns = [
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("ny/<int:partnership_pk>/", views.agreement_create, name="create"),
    path("<int:pk>/andra/", views.agreement_edit, name="edit"),
    path("<int:pk>/ta-bort/", views.agreement_delete, name="delete"),
    path("<int:pk>/historik/", document_history, {"kind": KIND.slug}, name="history"),
    path("<int:pk>/som-den-var/", document_as_of_view, {"kind": KIND.slug}, name="as_of"),
    path("<int:parent_pk>/ledningsmoten/nytt/", row_create, MEETING, name="meeting_create"),
    path("ledningsmoten/<int:pk>/andra/", row_edit, MEETING, name="meeting_edit"),
    path("ledningsmoten/<int:pk>/ta-bort/", row_delete, MEETING, name="meeting_delete"),
]
