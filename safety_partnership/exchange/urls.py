from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("importera/", views.import_file, name="import"),
    path("samverkan/<int:pk>/", views.export_file, name="export"),
]
