from django.urls import path

from ..rows import row_create, row_delete, row_edit, row_move
from . import views

app_name = "council"
PARAGRAPH = {"row": "paragraph"}
OF_PARAGRAPH, OF_MEMO = {"row": "paragraph-recipient"}, {"row": "memo-recipient"}
P, M = "paragraph_recipient", "memo_recipient"  # the names of their routes

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
    path("paragrafer/<int:pk>/justera/", views.paragraph_adjust, name="paragraph_adjust"),
    path("<int:pk>/missiv/", views.memo_detail, name="memo"),
    path("<int:pk>/missiv/andra/", views.memo_edit, name="memo_edit"),
    # Recipients: a paragraph's, and the memo's (under the memo's own id).
    path("paragrafer/<int:parent_pk>/mottagare/ny/", row_create, OF_PARAGRAPH, name=f"{P}_create"),
    path("paragrafer/mottagare/<int:pk>/andra/", row_edit, OF_PARAGRAPH, name=f"{P}_edit"),
    path("paragrafer/mottagare/<int:pk>/ta-bort/", row_delete, OF_PARAGRAPH, name=f"{P}_delete"),
    path("paragrafer/mottagare/<int:pk>/flytta/", row_move, OF_PARAGRAPH, name=f"{P}_move"),
    path("missiv/<int:parent_pk>/mottagare/ny/", row_create, OF_MEMO, name=f"{M}_create"),
    path("missiv/mottagare/<int:pk>/andra/", row_edit, OF_MEMO, name=f"{M}_edit"),
    path("missiv/mottagare/<int:pk>/ta-bort/", row_delete, OF_MEMO, name=f"{M}_delete"),
    path("missiv/mottagare/<int:pk>/flytta/", row_move, OF_MEMO, name=f"{M}_move"),
]
