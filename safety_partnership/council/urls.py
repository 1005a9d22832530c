from django.urls import path

from ..rows import row_create, row_delete, row_edit
from . import views

app_name = "council"
PARAGRAPH = {"row": "paragraph"}

urlpatterns = [
    path("<int:pk>/", views.case_detail, name="detail"),
    path("nytt/<int:municipality_pk>/", views.case_create, name="create"),
    path("<int:pk>/andra/", views.case_edit, name="edit"),
    path("<int:pk>/ta-bort/", views.case_delete, name="delete"),
    path("<int:pk>/historik/", views.case_history, name="history"),
    path("<int:pk>/som-det-var/", views.case_as_of, name="as_of"),
    path("<int:parent_pk>/paragrafer/ny/", row_create, PARAGRAPH, name="paragraph_create"),
    path("paragrafer/<int:pk>/andra/", row_edit, PARAGRAPH, name="paragraph_edit"),
    path("paragrafer/<int:pk>/ta-bort/", row_delete, PARAGRAPH, name="paragraph_delete"),
    path("<int:pk>/missiv/", views.memo_detail, name="memo"),
    path("<int:pk>/missiv/andra/", views.memo_edit, name="memo_edit"),
]
