from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("<int:pk>/", views.case_detail, name="detail"),
    path("nytt/<int:municipality_pk>/", views.case_create, name="create"),
    path("<int:pk>/andra/", views.case_edit, name="edit"),
    path("<int:pk>/ta-bort/", views.case_delete, name="delete"),
    path("<int:pk>/historik/", views.case_history, name="history"),
    path("<int:pk>/som-det-var/", views.case_as_of, name="as_of"),
    path("<int:case_pk>/paragrafer/ny/", views.paragraph_create, name="paragraph_create"),
    path("paragrafer/<int:pk>/andra/", views.paragraph_edit, name="paragraph_edit"),
    path("paragrafer/<int:pk>/ta-bort/", views.paragraph_delete, name="paragraph_delete"),
    path("<int:pk>/missiv/", views.memo_detail, name="memo"),
    path("<int:pk>/missiv/andra/", views.memo_edit, name="memo_edit"),
]
