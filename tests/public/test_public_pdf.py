"""The public PDFs: a signed pledge with its reports, a signed plan's public part."""

import pytest
from django.test import Client

from actionplans.models import ActionPlan
from pledges.models import Pledge
from tests.public.test_public_pages import MARK, pdf_text, public_client

MARKERINGE = "/kommuner/9901-markeringe-kommun"


def pledge_pdf(pledge, slug=MARKERINGE):
    return public_client().get(f"{slug}/medborgarloften/{pledge.pk}/utskrift.pdf")


def plan_pdf(plan, slug=MARKERINGE):
    return public_client().get(f"{slug}/handlingsplaner/{plan.pk}/utskrift.pdf")


@pytest.mark.django_db
def test_the_pledge_pdf_holds_the_promises_the_report_for_citizens_and_who_signed(marked):
    response = pledge_pdf(marked["pledge"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Set-Cookie" not in response.headers
    assert response["Content-Disposition"].startswith("inline;")
    text = pdf_text(response.content)
    assert "Medborgarlöfte 2025" in text and "Vi patrullerar" in text
    assert "Polisen har patrullerat varje fredag." in text  # the finalised report's text
    assert "Polly Chef, Lokalpolisområdeschef" in text
    assert MARK.lower() not in text.lower()  # not what was done, nor staff, nor e-mail
    assert "@" not in text


@pytest.mark.django_db
def test_the_plan_pdf_leaves_out_a_measure_marked_internal(marked):
    before = pdf_text(plan_pdf(marked["plan"]).content)
    coordinator = Client()
    coordinator.force_login(marked["coordinator"])
    coordinator.post(f"/intern-markering/atgard/{marked['hidden'].pk}/", {"internal": "1"})

    after = pdf_text(plan_pdf(marked["plan"]).content)

    assert MARK in before  # not yet marked: a measure of the signed plan like any other
    assert "Fotpatrullering" in after and "Trafiken" in after
    assert MARK not in after  # the PDF kept from before is not handed out again


@pytest.mark.django_db
def test_no_pdf_of_a_draft_an_awaiting_pledge_or_another_municipalitys_document(marked):
    mjolby_plan = ActionPlan.objects.filter(partnership__municipality__code="0586").first()
    mjolby_pledge = Pledge.objects.filter(partnership__municipality__code="0586").first()

    assert plan_pdf(marked["draft"]).status_code == 404
    assert pledge_pdf(marked["awaiting"]).status_code == 404
    assert plan_pdf(mjolby_plan).status_code == 404
    assert pledge_pdf(mjolby_pledge).status_code == 404
    assert plan_pdf(mjolby_plan, "/kommuner/0586-mjolby-kommun").status_code == 200


@pytest.mark.django_db
def test_the_pages_link_their_pdfs(marked):
    client = public_client()
    municipality = client.get(f"{MARKERINGE}/").content.decode()
    pledge_page = client.get(f"{MARKERINGE}/medborgarloften/{marked['pledge'].pk}/")

    assert f'href="{MARKERINGE}/handlingsplaner/{marked["plan"].pk}/utskrift.pdf"' in municipality
    assert f"/medborgarloften/{marked['pledge'].pk}/utskrift.pdf" in pledge_page.content.decode()
