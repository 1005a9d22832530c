from django.urls import path

from . import views

app_name = "pdf"

urlpatterns = [
    path("arende/<int:pk>/paket/", views.case_package, name="case_package"),
    path("<slug:kind>/<int:pk>/", views.download, name="download"),
    path("<slug:kind>/<int:pk>/papper/", views.signed_paper, name="signed_paper"),
]
