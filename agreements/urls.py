from django.urls import path

from safety_partnership.document_views import document_create, document_delete, document_edit
from safety_partnership.history_views import document_as_of_view, document_history
from safety_partnership.rows import row_create, row_delete, row_edit, row_move

from . import views
from .kind import KIND

app_name = "agreements"
KIND_SLUG = {"kind": KIND.slug}
MEETING = {"row": "meeting"}
GOAL, COMMITMENT = {"row": "goal"}, {"row": "commitment"}

urlpatterns = [
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("ny/<int:parent_pk>/", document_create, KIND_SLUG, name="create"),
    path("<int:pk>/andra/", document_edit, KIND_SLUG, name="edit"),
    path("<int:pk>/ta-bort/", document_delete, KIND_SLUG, name="delete"),
    path("<int:pk>/historik/", document_history, KIND_SLUG, name="history"),
    path("<int:pk>/som-den-var/", document_as_of_view, KIND_SLUG, name="as_of"),
    path("<int:parent_pk>/ledningsmoten/nytt/", row_create, MEETING, name="meeting_create"),
    path("ledningsmoten/<int:pk>/andra/", row_edit, MEETING, name="meeting_edit"),
    path("ledningsmoten/<int:pk>/ta-bort/", row_delete, MEETING, name="meeting_delete"),
    path("<int:parent_pk>/mal/nytt/", row_create, GOAL, name="goal_create"),
    path("mal/<int:pk>/andra/", row_edit, GOAL, name="goal_edit"),
    path("mal/<int:pk>/ta-bort/", row_delete, GOAL, name="goal_delete"),
    path("mal/<int:pk>/flytta/", row_move, GOAL, name="goal_move"),
    path("<int:parent_pk>/ataganden/nytt/", row_create, COMMITMENT, name="commitment_create"),
    path("ataganden/<int:pk>/andra/", row_edit, COMMITMENT, name="commitment_edit"),
    path("ataganden/<int:pk>/ta-bort/", row_delete, COMMITMENT, name="commitment_delete"),
    path("ataganden/<int:pk>/flytta/", row_move, COMMITMENT, name="commitment_move"),
]
