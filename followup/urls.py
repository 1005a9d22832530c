from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("handlingsplan/<int:pk>/", views.plan_followup, name="plan"),
    path("handlingsplan/<int:pk>/<str:slug>/", views.tertial_page, name="tertial"),
    path("handlingsplan/<int:pk>/<str:slug>/pdf/", views.tertial_pdf, name="tertial_pdf"),
    path(
        "handlingsplan/<int:pk>/<str:slug>/sammanstall/",
        views.compile_tertial,
        name="compile",
    ),
    path("atgard/<int:pk>/<str:slug>/", views.report_measure, name="report"),
]
