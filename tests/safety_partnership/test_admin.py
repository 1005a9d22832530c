"""The admin is for superusers: every page of every model loads, with its history."""

import hashlib
from datetime import date

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import ActionPlan
from agreements.models import Agreement, LeadershipMeeting
from pledges.models import CitizenDialogue, Pledge, PromisePoint, Target
from safety_partnership.models import (
    ArchivedPdf,
    CouncilCase,
    Municipality,
    Partnership,
    PoliceArea,
    PoliceRegion,
    SigningEvent,
)
from safety_partnership.services import copy_document
from tests.conftest import make_partnership
from tests.followup.helpers import compiled_first_tertial_of_2018
from tests.safety_partnership.signing_helpers import sign_on_paper

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
DOMAIN_APPS = {"safety_partnership", "agreements", "actionplans", "pledges", "followup"}
DOMAIN_MODELS = [model for model in MODELS if model._meta.app_label in DOMAIN_APPS]
# Written by the register alone: the admin adds, changes and deletes none of them.
REGISTER_ONLY = {
    "followup.ReportSignature",  # made by signing on the report's page
    "followup.SentReminder",
    "safety_partnership.ArchivedPdf",
    "safety_partnership.SignedPaper",
    "safety_partnership.SigningEvent",
}
# The first row of each of these belongs to a signed document of the Mjölby seed (the
# agreement, the plan or the pledge), or is the archived PDF or signed paper of one: it is
# not deleted.
SIGNED = {
    "actionplans.ActionPlan",
    "actionplans.FocusArea",
    "actionplans.Measure",
    "agreements.Agreement",
    "pledges.Pledge",
    "pledges.Promise",
    "pledges.PledgeDialogue",
    "pledges.PromisePoint",
    "pledges.Target",
    "pledges.CitizenDialogue",  # the seed's dialogues: the signed pledge rests on them
    "safety_partnership.Signature",
    "safety_partnership.ArchivedPdf",
    "safety_partnership.SignedPaper",
    # The follow-up's first rows: of a compiled tertial, a finalised annual follow-up and a
    # finalised report of a pledge (a_row_of_each_model).
    "followup.MeasureReport",
    "followup.TertialCompilation",
    "followup.AnnualFollowUp",
    "followup.AreaAssessment",
    "pledges.PledgeReport",
    "pledges.PromiseReport",
    "pledges.TargetReport",
}


def label(model) -> str:
    return model._meta.label


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def a_row_of_each_model(mjolby):
    """The seed, and one row of each domain model the seed has none of."""
    seed = Agreement.objects.get()
    LeadershipMeeting.objects.create(agreement=seed, held_on=date(2016, 3, 1))
    # The seed's agreement has its goals as text: a draft agreement's rows.
    draft = Agreement.objects.create(
        partnership=seed.partnership, title="Utkast", period_start=date(2021, 1, 1)
    )
    draft.goals.create(position=1, kind="overall", text="Ökad trygghet")
    draft.commitment_rows.create(position=1, party="police", text="Medborgarlöften")
    pledge = Pledge.objects.get()
    SigningEvent.objects.create(document=pledge, action=SigningEvent.Action.COMPLETED)
    pdf = b"%PDF-1.7 arkivexemplar"
    ArchivedPdf.objects.create(document=pledge, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
    copy = copy_document(
        original=pledge,
        title="Medborgarlöfte 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )
    # A point under a promise and a measurable target, signed with the copy.
    PromisePoint.objects.create(promise=copy.promises.earliest("pk"), position=1, text="Kväll")
    Target.objects.create(pledge=copy, position=1, indicator="Skadegörelse", target_value=90)
    sign_on_paper(copy)
    follow_up_of_each_kind(copy)


def follow_up_of_each_kind(pledge) -> None:
    """A compiled tertial, a finalised annual follow-up (signed by the police area chief) and a
    finalised report of the pledge."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from actionplans.models import ActionPlan
    from followup.models import (
        AnnualFollowUp,
        ReminderKind,
        ReportSignature,
        SentReminder,
    )
    from followup.signing import content_hash
    from pledges.models import PledgeReport, ReportKind
    from safety_partnership.models import Person

    roger = Person.objects.get(name="Roger Max")
    plan = ActionPlan.objects.get(status="signed")
    compiled_first_tertial_of_2018()
    SentReminder.objects.create(
        person=roger,
        plan=plan,
        year=2018,
        tertial=2,
        kind=ReminderKind.TWO_WEEKS,
        sent_at=datetime(2018, 8, 17, 6, tzinfo=ZoneInfo("Europe/Stockholm")),
    )
    annual = AnnualFollowUp.objects.create(plan=plan, year=2018, changed_by=roger)
    annual.areas.create(focus_area=plan.focus_areas.earliest("position"), summary="Året")
    annual.finalised_on, annual.finalised_by = date(2018, 10, 2), roger
    annual.save()
    chief = Person.objects.get(name="Hanna Sjögren")
    ReportSignature.objects.create(
        report=annual,
        person=chief,
        name=chief.name,
        title=chief.title,
        content_hash=content_hash(annual),
    )
    report = PledgeReport.objects.create(pledge=pledge, kind=ReportKind.HALF_YEAR, written_by=roger)
    report.promise_rows.create(promise=pledge.promises.earliest("pk"), status="ongoing")
    report.target_rows.create(target=pledge.targets.earliest("pk"), measured_value=95)
    report.finalised_on, report.finalised_by = date(2019, 7, 15), roger
    report.save()


def test_every_domain_model_is_in_the_admin():
    from django.apps import apps

    domain_models = {m for m in apps.get_models() if m._meta.app_label in DOMAIN_APPS}
    domain_models = {m for m in domain_models if not m.__name__.startswith("Historical")}
    assert domain_models <= set(MODELS)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=label)
def test_every_admin_list_and_add_page_loads_for_the_superuser(
    model, a_row_of_each_model, superuser, client
):
    client.force_login(superuser)

    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "Mjölby"}).status_code == 200
    if model._meta.app_label not in DOMAIN_APPS:
        return  # e.g. the task queue's results: its own package's admin
    add = client.get(admin_url(model, "add")).status_code
    assert add == (403 if label(model) in REGISTER_ONLY else 200)


@pytest.mark.django_db
@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=label)
def test_every_domain_objects_admin_pages_load_and_signed_ones_are_not_deleted(
    model, a_row_of_each_model, superuser, client
):
    client.force_login(superuser)
    obj = model._default_manager.order_by("pk").first()

    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200
    delete = client.get(admin_url(model, "delete", obj.pk)).status_code
    assert delete == (403 if label(model) in SIGNED | REGISTER_ONLY else 200)
    if not hasattr(model, "history"):
        return  # a log the register writes (sent reminders): no history of its own
    assert client.get(admin_url(model, "history", obj.pk)).status_code == 200
    record = obj.history.earliest()
    detail = client.get(admin_url(model, "simple_history", obj.pk, record.history_id))
    assert detail.status_code == 200


@pytest.mark.django_db
def test_the_admin_is_closed_to_a_coordinator(coordinator, client):
    client.force_login(coordinator)

    response = client.get(reverse("admin:actionplans_actionplan_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=label)
def test_a_change_list_asks_as_many_queries_for_30_partnerships_as_for_3(
    model, mjolby, superuser, client
):
    """However many partnerships there are: the country's 290 are not named one by one."""
    client.force_login(superuser)
    for _ in range(2):
        make_partnership(mjolby.police_area)
    changelist_queries(client, model)  # the content types, read once for the process
    few = changelist_queries(client, model)
    for number in range(27):
        area = PoliceArea.objects.create(name=f"Lokalpolisområde {number}", region="ost")
        place = Municipality.objects.create(name=f"Kommun {number}", code=f"7{number:03}")
        Partnership.objects.create(municipality=place, police_area=area)
    assert changelist_queries(client, model) == few


PARTNERSHIP_MODELS = [Agreement, ActionPlan, Pledge, CitizenDialogue]


@pytest.mark.django_db
@pytest.mark.parametrize("model", PARTNERSHIP_MODELS, ids=label)
def test_a_list_is_filtered_by_police_region_not_by_each_partnership(
    model, mjolby, superuser, client
):
    """Seven regions in the sidebar, not a link for each of the country's partnerships."""
    client.force_login(superuser)
    make_partnership(mjolby.police_area)

    url = admin_url(model, "changelist")
    response = client.get(url)

    html = response.content.decode()
    assert "På polisregion" in html
    assert all(str(label) in html for _value, label in PoliceRegion.choices)
    assert "Mjölby kommun –" not in html
    (spec,) = [s for s in response.context["cl"].filter_specs if s.title == "polisregion"]
    links = {c["display"]: c["query_string"] for c in spec.choices(response.context["cl"])}
    east = client.get(url + links["Region Öst"]).context["cl"]  # Mjölby's region
    north = client.get(url + links["Region Nord"]).context["cl"]
    assert east.result_count == model.objects.count() > 0
    assert north.result_count == 0


@pytest.mark.django_db
def test_a_list_is_searched_by_the_municipalitys_name(mjolby, superuser, client):
    client.force_login(superuser)
    elsewhere = make_partnership(mjolby.police_area)
    ActionPlan.objects.create(
        partnership=elsewhere,
        title="Handlingsplan",
        period_start=date(2030, 1, 1),
        period_end=date(2030, 12, 31),
    )

    found = client.get(admin_url(ActionPlan, "changelist"), {"q": "mjölby"}).context["cl"]
    other = client.get(admin_url(ActionPlan, "changelist"), {"q": elsewhere.municipality.name})

    assert {plan.partnership for plan in found.result_list} == {mjolby}
    assert {plan.partnership for plan in other.context["cl"].result_list} == {elsewhere}


@pytest.mark.django_db
def test_a_change_list_of_documents_shows_25_a_page(mjolby, superuser, client):
    client.force_login(superuser)
    for number in range(26):
        ActionPlan.objects.create(
            partnership=mjolby,
            title=f"Plan {number}",
            period_start=date(2030 + number, 1, 1),
            period_end=date(2030 + number, 12, 31),
        )

    first = client.get(admin_url(ActionPlan, "changelist")).context["cl"]
    assert len(first.result_list) == 25 and first.paginator.num_pages == 2


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Agreement, ActionPlan, Pledge], ids=label)
def test_each_document_rows_link_and_status_are_djangos_own(model, mjolby, superuser, client):
    client.force_login(superuser)
    response = client.get(admin_url(model, "changelist"))
    changelist, html = response.context["cl"], response.content.decode()

    for document in changelist.result_list:
        ours = changelist.url_for_result(document)
        assert ours == ChangeList.url_for_result(changelist, document)
        assert ours == reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[document.pk]
        )
        assert f'href="{ours}"' in html
        assert f'<td class="field-status_label">{document.get_status_display()}</td>' in html


@pytest.mark.django_db
def test_the_list_checkbox_is_djangos_own(mjolby):
    plan = ActionPlan.objects.create(
        partnership=mjolby,
        title='Plan <för> "trygghet" & Åtgärder',
        period_start=date(2030, 1, 1),
        period_end=date(2030, 12, 31),
    )
    ours = admin.site._registry[ActionPlan]

    assert ours.action_checkbox(plan) == admin.ModelAdmin.action_checkbox(ours, plan)


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_the_date_hierarchys_years_are_those_django_finds(mjolby, superuser, rf, order):
    for year in (2031, 2029, 2031, 2040):
        ActionPlan.objects.create(
            partnership=mjolby,
            title="Plan",
            period_start=date(year, 3, 1),
            period_end=date(year, 12, 31),
        )
    request = rf.get("/")
    request.user = superuser
    ours = admin.site._registry[ActionPlan]
    queryset = ours.get_changelist_instance(request).queryset

    years = queryset.dates("period_start", "year", order)
    assert list(years) == list(ActionPlan.objects.dates("period_start", "year", order))
    assert len(years) > 3


@pytest.mark.django_db
@pytest.mark.parametrize("value", [" ", "x", "1.5", "9223372036854775808"])
def test_an_autocomplete_value_that_is_no_id_is_refused_not_a_server_error(
    value, mjolby, superuser, client
):
    """Django's autocomplete looks the posted value up to show the form again, and fails on
    one that is no id at all: a hand-made request, answered as a wrong choice."""
    client.raise_request_exception = True
    client.force_login(superuser)
    before = CouncilCase.objects.count()

    response = client.post(
        reverse("admin:safety_partnership_councilcase_add"),
        {"municipality": mjolby.municipality_id, "title": "Ärende", "case_officer": value},
    )

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.text
    assert CouncilCase.objects.count() == before
