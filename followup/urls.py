from django.urls import path

from . import annual_views, signing_views, views

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

# The annual follow-up of a plan year (annual_views.py).
urlpatterns += [
    path("handlingsplan/<int:pk>/ar/<int:year>/", annual_views.annual_page, name="annual"),
    path("handlingsplan/<int:pk>/ar/<int:year>/pdf/", annual_views.pdf, name="annual_pdf"),
    path(
        "handlingsplan/<int:pk>/ar/<int:year>/faststall/",
        annual_views.finalise,
        name="annual_finalise",
    ),
    path(
        "handlingsplan/<int:pk>/ar/<int:year>/revidera/",
        annual_views.revise,
        name="annual_revise",
    ),
]

# Signing a kept report where the partnership signs its reports (signing.py): one address
# for the annual follow-up, the pledge's report and the compiled tertial.
urlpatterns += [
    path("underteckna/<slug:kind>/<int:pk>/", signing_views.sign_report, name="sign_report"),
]
