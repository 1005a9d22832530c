"""A council case's minutes paragraphs: adding and deleting one (with its recipients), and a
paragraph number already in the minutes. Recipients: test_council_recipients.py.
"""

from datetime import date

import pytest
from django.urls import reverse

from safety_partnership.models import CouncilCase, MinutesParagraph, Recipient
from tests.safety_partnership.council_helpers import (
    case_359,
    in_order,
    paragraph_data,
    recipients_of,
    text_of,
)


def new_paragraph_data(case, **fields) -> dict:
    paragraph = MinutesParagraph(case=case, body="ks", number=3, outcome="decision")
    return paragraph_data(paragraph, version="", meeting_date="2018-01-15", **fields)


@pytest.mark.django_db
def test_a_new_paragraph_is_shown_after_the_earlier_meetings(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    data = new_paragraph_data(case, decision="Planen antas.")

    response = client.post(reverse("council:paragraph_create", args=[case.pk]), data, follow=True)

    page = text_of(response)
    assert "§ 3 är registrerad." in page
    first = "utskott · sammanträde datum ej registrerat § 41"
    assert in_order(page, [first, "Kommunstyrelsen · sammanträde 15 januari 2018 § 3"])
    assert "Beslut Planen antas. Beslutet skickas till Inga mottagare ännu." in page


@pytest.mark.django_db
def test_deleting_a_paragraph_deletes_its_recipients(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    client.post(reverse("council:paragraph_create", args=[case.pk]), new_paragraph_data(case))
    added = case.paragraphs.get(number=3)
    for name in ("Polisen", "Akten"):
        client.post(reverse("council:paragraph_recipient_create", args=[added.pk]), {"name": name})
    assert recipients_of(added) == ["Polisen", "Akten"]

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
