"""Reading council cases: the protocol extract and its decision basis, the cover memo, the
case as it was before a change, and pages whose query count does not grow with their rows.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan
from pledges.models import Pledge
from safety_partnership.models import CouncilCase, DecisionBasis, MinutesParagraph, Recipient
from tests.safety_partnership.council_helpers import (
    SEED_RECIPIENTS,
    as_of_url,
    case_359,
    case_data,
    in_order,
    paragraph_6,
    paragraph_data,
    read_urls,
    text_of,
)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Reading ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_case_page_reads_like_the_protocol_extract_of_paragraph_6(mjolby, coordinator, client):
    client.force_login(coordinator)

    page = text_of(client.get(case_359().get_absolute_url()))

    assert "§ 6" in page
    assert "Dnr KS/2017:359" in page
    assert "Kommunstyrelsens arbetsutskott" in page
    assert "Arbetsutskottets förslag till kommunstyrelsen" in page
    assert "Beslutet skickas till" in page
    assert in_order(page, SEED_RECIPIENTS)
    assert "Handläggare Roger Max, tfn 0142-852 36" in page


@pytest.mark.django_db
def test_the_decision_basis_links_to_the_agreement_the_plan_and_the_pledge(
    mjolby, coordinator, client
):
    client.force_login(coordinator)

    html = client.get(case_359().get_absolute_url()).content.decode()

    for line in DecisionBasis.objects.filter(case=case_359()).order_by("position"):
        assert f'<a href="{line.document.get_absolute_url()}">{line.title}</a>' in html
    assert '<a href="/overenskommelser/1/">Samverkansöverenskommelse för' in html
    assert '<a href="/handlingsplaner/1/">Förslag till handlingsplan för 2018-2020</a>' in html
    assert '<a href="/medborgarloften/1/">Förslag till medborgarlöften 2018</a>' in html


@pytest.mark.django_db
def test_paragraph_41_records_that_the_information_was_noted(mjolby, police_chief, client):
    client.force_login(police_chief)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")

    page = text_of(client.get(case.get_absolute_url()))

    assert "§ 41" in page
    assert "Dnr KS/2017:350" in page
    assert "Information Josefine Arvidsson, kommunpolisen informerar" in page
    assert "tackar för informationen som noteras till protokollet" in page
    assert "Beslutet skickas till Akten" in page
    assert "datum ej registrerat" in page


@pytest.mark.django_db
def test_the_cover_memo_shows_its_date_signers_and_recipients(
    mjolby, coordinator, police_chief, client
):
    memo_url = reverse("council:memo", args=[case_359().pk])
    client.force_login(coordinator)
    coordinators_page = text_of(client.get(memo_url))
    client.force_login(police_chief)

    page = text_of(client.get(memo_url))

    assert "19 december 2017" in page
    assert "KS/2017:359" in page
    assert "Kommunstyrelsens förvaltnings förslag till beslut" in page
    # The memo's own three recipients, the whole list: not § 6's Kommunstyrelsen and Akten.
    recipients = " ".join(SEED_RECIPIENTS[1:4])
    assert f"Beslutet skickas till {recipients} Kommunstyrelsens förvaltning" in page
    assert in_order(page, ["Carina Brofeldt Bitr. Kommunchef", "Roger Max Säkerhetssamordnare"])
    assert "Handläggare Roger Max, tfn 0142-852 36" in page
    assert "Ändra missivet" in coordinators_page  # who may edit it is offered the button
    assert "Ändra missivet" not in page


@pytest.mark.django_db
def test_a_case_without_a_memo_says_so_and_offers_the_coordinator_to_write_one(
    mjolby, coordinator, police_chief, client
):
    url = reverse("council:memo", args=[CouncilCase.objects.get(diary_number="KS/2017:350").pk])
    client.force_login(police_chief)
    assert "har inget missiv ännu" in text_of(client.get(url))
    assert "Skriv missiv" not in text_of(client.get(url))

    client.force_login(coordinator)
    assert "Skriv missiv" in text_of(client.get(url))


@pytest.mark.django_db
def test_pages_take_the_same_number_of_queries_however_many_rows(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()
    urls = [u for u in read_urls(case)]
    before = [queries_for(client, url) for url in urls]

    extra = MinutesParagraph.objects.create(case=case, body="ks", number=12, outcome="decision")
    for position, name in enumerate(["Akten", "Polisen", "Revisionen"], 1):
        Recipient.objects.create(paragraph=extra, position=position, name=name)
        Recipient.objects.create(memo=case.cover_memo, position=position + 3, name=name)
    DecisionBasis.objects.create(
        case=case, position=4, title="Protokoll", document=Pledge.objects.get(pk=1)
    )
    DecisionBasis.objects.create(
        case=case, position=5, title="Yttrande", document=ActionPlan.objects.get(pk=1)
    )
    urls[2] = as_of_url(case)

    assert [queries_for(client, url) for url in urls] == before


# History -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_case_can_be_read_as_it_was_before_a_change(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()
    akten = paragraph_6().recipients.get(name="Akten")
    before = timezone.now()
    client.post(
        reverse("council:paragraph_edit", args=[paragraph_6().pk]),
        paragraph_data(paragraph_6(), number=7),
        follow=True,
    )
    client.post(reverse("council:paragraph_recipient_delete", args=[akten.pk]))
    client.post(
        reverse("council:edit", args=[case.pk]), case_data(case, title="Ny rubrik"), follow=True
    )

    response = client.get(as_of_url(case, before))
    now = text_of(client.get(case.get_absolute_url()))

    page = text_of(response)
    # The case as it is shows the changes and the controls the case as it was lacks.
    assert "Ny rubrik" in now and "Ändra § 7" in now
    assert "Ändra ärendet" in now and "Ta bort § 7" in now
    assert "Så här såg dokumentet ut" in page
    assert "Handlingsplan och medborgarlöfte i enlighet med" in page and "Ny rubrik" not in page
    assert "§ 6" in page and "§ 7" not in page
    assert in_order(page, SEED_RECIPIENTS)
    assert "Ändra ärendet" not in page and "Ta bort § 6" not in page
    assert "Lägg till mottagare" in now and "Lägg till mottagare" not in page
