from django.contrib.auth.decorators import login_required
from django.urls import path

from safety_partnership.document_views import document_create, document_edit
from safety_partnership.history_views import document_as_of_view, document_history

from .kind import KIND, detail

app_name = "extra_kind"

urlpatterns = [
    path("<int:pk>/", login_required(detail), name="detail"),
    path("ny/<int:parent_pk>/", document_create, {"kind": KIND.slug}, name="create"),
    path("<int:pk>/andra/", document_edit, {"kind": KIND.slug}, name="edit"),
    path("<int:pk>/historik/", document_history, {"kind": KIND.slug}, name="history"),
    path("<int:pk>/som-den-var/", document_as_of_view, {"kind": KIND.slug}, name="as_of"),
]
