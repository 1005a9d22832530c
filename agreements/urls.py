from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("ny/<int:partnership_pk>/", views.agreement_create, name="create"),
    path("<int:pk>/andra/", views.agreement_edit, name="edit"),
    path("<int:pk>/ta-bort/", views.agreement_delete, name="delete"),
    path("<int:pk>/historik/", views.agreement_history, name="history"),
    path("<int:pk>/som-den-var/", views.agreement_as_of, name="as_of"),
    path("<int:agreement_pk>/ledningsmoten/nytt/", views.meeting_create, name="meeting_create"),
    path("ledningsmoten/<int:pk>/andra/", views.meeting_edit, name="meeting_edit"),
    path("ledningsmoten/<int:pk>/ta-bort/", views.meeting_delete, name="meeting_delete"),
]
