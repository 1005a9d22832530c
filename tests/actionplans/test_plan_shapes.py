"""Plans as other partnerships write them: without an agreement of their own, with a
geographic scope, measures whose responsible party is not known, and a period outside
their agreement's, said on the page and in the form."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actionplans.forms import PlanForm
from actionplans.models import ActionPlan
from agreements.models import Agreement
from safety_partnership.pdf.base import render_pdf
from safety_partnership.pdf.render import html_for
from safety_partnership.signing.services import content_hash
from tests.access.register import posted
from tests.conftest import make_partnership
from tests.pages import visible_text

DISTRICTS = "Mjölby tätort, Mantorp, Skänninge"


def pdf_text(document) -> str:
    pages = PdfReader(io.BytesIO(render_pdf(html_for(document)))).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def new_plan_form(partnership, **typed) -> dict:
    return posted(PlanForm(instance=ActionPlan(partnership=partnership)), **typed)


@pytest.mark.django_db
def test_a_plan_without_an_agreement_names_its_districts(client, coordinator, mjolby):
    partnership = Agreement.objects.get().partnership
    client.force_login(coordinator)
    form_page = client.get(reverse("actionplans:create", args=[partnership.pk])).text
    assert "Ingen överenskommelse" in form_page

    response = client.post(
        reverse("actionplans:create", args=[partnership.pk]),
        new_plan_form(
            partnership,
            title="Områdesplan LPO Motala 2021",
            agreement="",
            period_start="2021-01-01",
            period_end="2021-12-31",
            districts=DISTRICTS,
        ),
        follow=True,
    )

    plan = ActionPlan.objects.get(title="Områdesplan LPO Motala 2021")
    assert plan.agreement is None and plan.partnership == partnership
    page = visible_text(response.text)
    assert f"Geografiskt område {DISTRICTS}" in page
    assert "Ingen överenskommelse: planen står för sig själv." in page
    assert "men överenskommelsen" not in page
    printed = pdf_text(plan)
    assert f"Geografiskt område: {DISTRICTS}" in printed
    assert "Överenskommelse: Ingen överenskommelse" in printed


@pytest.mark.django_db
def test_the_new_plan_form_proposes_the_latest_agreement(client, coordinator, mjolby):
    agreement = Agreement.objects.get()
    client.force_login(coordinator)

    form = client.get(reverse("actionplans:create", args=[agreement.partnership_id])).context[
        "form"
    ]

    assert form.initial["agreement"] == agreement.pk


@pytest.mark.django_db
def test_another_partnerships_agreement_is_refused(client, coordinator, mjolby):
    partnership = Agreement.objects.get().partnership
    foreign = Agreement.objects.create(
        partnership=make_partnership(), title="Annan", period_start=date(2020, 1, 1)
    )
    client.force_login(coordinator)
    before = ActionPlan.objects.count()

    response = client.post(
        reverse("actionplans:create", args=[partnership.pk]),
        new_plan_form(
            partnership,
            title="Fel plan",
            agreement=str(foreign.pk),
            period_start="2021-01-01",
            period_end="2021-12-31",
        ),
    )

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.text
    assert ActionPlan.objects.count() == before


@pytest.mark.django_db
def test_a_measure_without_a_known_party_says_so_on_the_page_and_in_the_pdf(
    client, coordinator, draft_plan
):
    area = draft_plan.focus_areas.order_by("position").first()
    client.force_login(coordinator)

    response = client.post(
        reverse("actionplans:measure_create", args=[area.pk]),
        {
            "description": "Kartlägga mopedtrafiken",
            "responsible": "unknown",
            "other_parties": "",
            "responsible_note": "",
        },
    )

    assert response.status_code == 302
    measure = area.measures.get(description="Kartlägga mopedtrafiken")
    assert measure.responsible_label == "Ansvar ej angivet"
    page = client.get(draft_plan.get_absolute_url()).text
    assert '<td class="responsible">Ansvar ej angivet</td>' in page
    assert "Kartlägga mopedtrafiken Ansvar ej angivet" in pdf_text(draft_plan)


@pytest.mark.django_db
def test_a_plan_outside_its_agreements_period_is_flagged_not_refused(
    client, coordinator, draft_plan
):
    warning = "Planen gäller 2021–2023 men överenskommelsen gällde 2015–2018."
    client.force_login(coordinator)

    assert warning in visible_text(client.get(draft_plan.get_absolute_url()).text)
    edit = reverse("actionplans:edit", args=[draft_plan.pk])
    assert warning in visible_text(client.get(edit).text)
    response = client.post(edit, posted(PlanForm(instance=draft_plan), districts=DISTRICTS))
    assert response.status_code == 302
    draft_plan.refresh_from_db()
    assert draft_plan.districts == DISTRICTS


@pytest.mark.django_db
def test_a_plan_inside_its_agreements_period_is_not_flagged(client, coordinator, draft_plan):
    agreement = Agreement.objects.create(
        partnership=draft_plan.partnership, title="Tills vidare", period_start=date(2020, 1, 1)
    )
    ActionPlan.objects.filter(pk=draft_plan.pk).update(agreement=agreement)
    client.force_login(coordinator)

    page = visible_text(client.get(draft_plan.get_absolute_url()).text)

    assert "men överenskommelsen" not in page
    assert "Del av Tills vidare (från 1 januari 2020, tills vidare)." in page


@pytest.mark.django_db
def test_the_districts_are_signed_content_from_form_3_only(draft_plan):
    before = {form: content_hash(draft_plan, form) for form in (1, 2, 3)}

    ActionPlan.objects.filter(pk=draft_plan.pk).update(districts=DISTRICTS)
    draft_plan.refresh_from_db()

    assert content_hash(draft_plan, 1) == before[1]
    assert content_hash(draft_plan, 2) == before[2]
    assert content_hash(draft_plan, 3) != before[3]


@pytest.mark.django_db
def test_a_copy_may_stand_without_an_agreement(client, coordinator, mjolby):
    signed = ActionPlan.objects.get()
    client.force_login(coordinator)

    client.post(
        reverse("actionplans:copy", args=[signed.pk]),
        {
            "title": "Handlingsplan 2021-2023",
            "period_start": "2021-01-01",
            "period_end": "2023-12-31",
            "agreement": "",
        },
    )

    copy = ActionPlan.objects.get(title="Handlingsplan 2021-2023")
    assert copy.agreement is None and copy.partnership == signed.partnership
    assert copy.focus_areas.count() == signed.focus_areas.count()
