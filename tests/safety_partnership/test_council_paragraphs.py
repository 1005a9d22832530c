"""A council case's minutes paragraphs: their recipients and the history of a change to
them, adding and deleting a paragraph, and a paragraph number already in the minutes.
"""

from datetime import date

import pytest
from django.urls import reverse

from safety_partnership.models import CouncilCase, MinutesParagraph, Recipient
from tests.safety_partnership.council_helpers import (
    SEED_RECIPIENTS,
    case_359,
    in_order,
    paragraph_6,
    paragraph_data,
    recipients_of,
    text_of,
)


@pytest.mark.django_db
def test_editing_recipients_reorders_adds_and_removes_rows(mjolby, coordinator, client):
    client.force_login(coordinator)
    paragraph = paragraph_6()
    akten = paragraph.recipients.get(name="Akten")
    lines = f"Akten\nKommunstyrelsen\n\n{SEED_RECIPIENTS[1]}\n  Kommunpolisen  \n"

    response = client.post(
        reverse("council:paragraph_edit", args=[paragraph.pk]),
        paragraph_data(paragraph, recipients=lines),
    )

    assert response.status_code == 302
    assert recipients_of(paragraph) == ["Akten", *SEED_RECIPIENTS[:2], "Kommunpolisen"]
    assert paragraph.recipients.get(name="Akten").pk == akten.pk
    assert not Recipient.objects.filter(name__startswith="Ordf.", paragraph=paragraph).exists()


@pytest.mark.django_db
def test_the_history_shows_the_recipient_change_with_the_editors_name(mjolby, coordinator, client):
    client.force_login(coordinator)
    paragraph = paragraph_6()
    lines = "\n".join(SEED_RECIPIENTS[:4] + ["Kommunpolisen"])
    client.post(
        reverse("council:paragraph_edit", args=[paragraph.pk]),
        paragraph_data(paragraph, recipients=lines),
    )

    page = text_of(client.get(reverse("council:history", args=[paragraph.case_id])))

    assert (
        "Roger Max · Ändrad: Mottagare i § 6: Kommunpolisen Mottagare Akten → Kommunpolisen" in page
    )
    assert "Systemet · Skapad: Mottagare i § 6: Akten" in page


def new_paragraph_data(case, **fields) -> dict:
    paragraph = MinutesParagraph(case=case, body="ks", number=3, outcome="decision")
    return paragraph_data(paragraph, version="", meeting_date="2018-01-15", **fields)


@pytest.mark.django_db
def test_a_new_paragraph_is_shown_after_the_earlier_meetings(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    data = new_paragraph_data(case, decision="Planen antas.", recipients="Polisen\nAkten")

    response = client.post(reverse("council:paragraph_create", args=[case.pk]), data, follow=True)

    page = text_of(response)
    assert "§ 3 är registrerad." in page
    first = "utskott · sammanträde datum ej angivet § 41"
    assert in_order(page, [first, "Kommunstyrelsen · sammanträde 15 januari 2018 § 3"])
    assert "Beslut Planen antas. Beslutet skickas till Polisen Akten" in page


@pytest.mark.django_db
def test_deleting_a_paragraph_deletes_its_recipients(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    data = new_paragraph_data(case, recipients="Polisen\nAkten")
    client.post(reverse("council:paragraph_create", args=[case.pk]), data)
    added = case.paragraphs.get(number=3)

    response = client.post(reverse("council:paragraph_delete", args=[added.pk]), follow=True)

    assert "§ 3 kommunstyrelsen är borttagen." in text_of(response)
    assert list(case.paragraphs.values_list("number", flat=True)) == [41]
    assert not Recipient.objects.filter(name="Polisen").exists()


@pytest.mark.django_db
def test_a_paragraph_number_already_in_the_meetings_minutes_is_refused(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()
    MinutesParagraph.objects.create(
        case=case, body="ks", number=5, outcome="decision", meeting_date=date(2018, 1, 15)
    )
    data = new_paragraph_data(case, number=5)

    response = client.post(reverse("council:paragraph_create", args=[case.pk]), data)

    assert "Paragrafen finns redan i det sammanträdets protokoll." in text_of(response)
    assert case.paragraphs.count() == 2
