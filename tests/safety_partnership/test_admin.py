"""The admin is for superusers: every page of every model loads, with its history."""

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from agreements.models import Agreement, LeadershipMeeting
from safety_partnership.admin import is_locked
from safety_partnership.models import ArchivedPdf, SigningEvent

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
DOMAIN_APPS = {"safety_partnership", "agreements", "actionplans", "pledges"}


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_domain_model_is_in_the_admin():
    from django.apps import apps

    domain_models = {m for m in apps.get_models() if m._meta.app_label in DOMAIN_APPS}
    domain_models = {m for m in domain_models if not m.__name__.startswith("Historical")}
    assert domain_models <= set(MODELS)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_admin_page_loads_for_the_superuser(model, mjolby, superuser, client):
    client.force_login(superuser)
    # The seed records no leadership meeting; one is needed to open its pages.
    LeadershipMeeting.objects.create(agreement=Agreement.objects.get(), held_on=date(2016, 3, 1))
    obj = model._default_manager.order_by("pk").first()

    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "Mjölby"}).status_code == 200
    if model._meta.app_label not in DOMAIN_APPS:
        return  # e.g. the task queue's results: its own package's admin
    written_by_the_register_only = model in (SigningEvent, ArchivedPdf)
    add = client.get(admin_url(model, "add")).status_code
    assert add == (403 if written_by_the_register_only else 200)
    if obj is None or model._meta.app_label not in DOMAIN_APPS:
        return
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200
    # A signed document and its rows can be viewed but not deleted.
    delete = client.get(admin_url(model, "delete", obj.pk)).status_code
    assert delete == (403 if is_locked(obj) or written_by_the_register_only else 200)
    history = client.get(admin_url(model, "history", obj.pk))
    assert history.status_code == 200
    record = obj.history.earliest()
    detail = client.get(admin_url(model, "simple_history", obj.pk, record.history_id))
    assert detail.status_code == 200


@pytest.mark.django_db
def test_the_admin_is_closed_to_a_coordinator(coordinator, client):
    client.force_login(coordinator)

    response = client.get(reverse("admin:actionplans_actionplan_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
