from django.urls import path

from . import views

app_name = "setup"

urlpatterns = [
    path("", views.index, name="index"),
    path("kommuner/ny/", views.municipality_form, name="municipality_create"),
    path("kommuner/<int:pk>/", views.municipality_form, name="municipality_edit"),
    path("lokalpolisomraden/ny/", views.police_area_form, name="police_area_create"),
    path("lokalpolisomraden/<int:pk>/", views.police_area_form, name="police_area_edit"),
    path("samverkan/ny/", views.partnership_form, name="partnership_create"),
    path("samverkan/<int:pk>/", views.partnership_form, name="partnership_edit"),
    path("personer/ny/", views.person_form, name="person_create"),
    path("personer/<int:pk>/", views.person_form, name="person_edit"),
    path("personer/<int:pk>/inbjudan/", views.person_invite, name="person_invite"),
    path("personer/<int:pk>/aktiv/", views.person_active, name="person_active"),
]
