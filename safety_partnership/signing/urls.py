from django.urls import path

from . import views

app_name = "signing"

urlpatterns = [
    path("<slug:kind>/<int:pk>/skicka/", views.send, name="send"),
    path("<slug:kind>/<int:pk>/skriv-under/", views.sign, name="sign"),
    path("<slug:kind>/<int:pk>/skicka-tillbaka/", views.return_document, name="return"),
    path("<slug:kind>/<int:pk>/ta-tillbaka/", views.recall, name="recall"),
    path("<slug:kind>/<int:pk>/revidera/", views.revise, name="revise"),
    path("<slug:kind>/<int:pk>/papper/", views.record_paper, name="paper"),
]
