"""The protocol extract as Swedish minutes are written, and adjusted minutes that never change.

The registrar records the meeting (date, place, § number) and, once the minutes are adjusted
(justerade), the adjusters, the date and who certifies the extract. From then on the paragraph
and the recipients of its decision stay as adjusted by every path: the pages, the ORM, the
admin, SQL; and its extract prints the case text it was adjusted with.
"""

from datetime import date

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from safety_partnership.council.models import AdjustedMinutes
from safety_partnership.models import CouncilCase, DecisionBasis, MinutesParagraph, Recipient
from safety_partnership.pdf.archive import pdf_bytes
from tests.access.register import posted
from tests.safety_partnership.council_helpers import case_359, paragraph_6, text_of
from tests.safety_partnership.test_frozen_sql import raw, stored
from tests.safety_partnership.test_pdf import pages_text, read

ADJUSTMENT = {
    "meeting_date": "2017-12-19",
    "meeting_place": "Stadshuset, Mjölby",
    "adjusters": "Mats Gerdau\nAnna Berg",
    "adjusted_on": "2017-12-21",
    "certified_by": "Eva Registrator",
    "certified_on": "2017-12-22",
}


def adjustment_data(paragraph, **typed) -> dict:
    from safety_partnership.council.forms import AdjustmentForm

    return posted(AdjustmentForm(instance=paragraph), **{**ADJUSTMENT, **typed})


def adjust(paragraph: MinutesParagraph) -> MinutesParagraph:
    paragraph.meeting_date = date(2017, 12, 19)
    paragraph.meeting_place = "Stadshuset, Mjölby"
    paragraph.adjusters = "Mats Gerdau\nAnna Berg"
    paragraph.adjusted_on = date(2017, 12, 21)
    paragraph.certified_by = "Eva Registrator"
    paragraph.certified_on = date(2017, 12, 22)
    paragraph.save()
    return paragraph


def adjust_url(paragraph) -> str:
    return reverse("council:paragraph_adjust", args=[paragraph.pk])


def council_tables() -> dict:
    return stored(MinutesParagraph, Recipient)


@pytest.mark.django_db
def test_the_registrar_records_the_meeting_and_the_adjustment(staff, client):
    client.force_login(staff)
    paragraph = paragraph_6()

    form_page = client.get(adjust_url(paragraph))
    response = client.post(adjust_url(paragraph), adjustment_data(paragraph), follow=True)

    assert 'value="Registrator"' in form_page.text  # her own name, to certify the extract
    page = text_of(response)
    assert "§ 6 kommunstyrelsens arbetsutskott är justerad och kan inte längre ändras." in page
    assert "sammanträde 19 december 2017 · Stadshuset, Mjölby" in page
    assert "Justerat 21 december 2017 av Mats Gerdau, Anna Berg." in page
    assert "Rätt utdraget intygar Eva Registrator, 22 december 2017." in page
    assert "Ändra § 6" not in page and "Lägg till mottagare" not in page
    paragraph.refresh_from_db()
    assert paragraph.adjusted_on == date(2017, 12, 21)
    assert paragraph.history.latest().history_user == staff


@pytest.mark.django_db
def test_the_registrar_records_a_meeting_date_in_the_paragraph_form(staff, client):
    client.force_login(staff)
    paragraph = paragraph_6()
    from safety_partnership.council.forms import ParagraphForm

    data = posted(ParagraphForm(instance=paragraph), meeting_date="2017-12-19", number="6")
    client.post(reverse("council:paragraph_edit", args=[paragraph.pk]), data)

    paragraph.refresh_from_db()
    assert paragraph.meeting_date == date(2017, 12, 19)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "police_chief", "chair"])
def test_only_the_registrar_records_the_adjustment(persona, client, request):
    client.force_login(request.getfixturevalue(persona))
    paragraph = paragraph_6()
    before = council_tables()

    response = client.post(adjust_url(paragraph), adjustment_data(paragraph))
    page = client.get(case_359().get_absolute_url()).text

    assert response.status_code == 403
    assert council_tables() == before
    assert "Registrera justering" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"adjusted_on": "2017-12-18"}, "adjusted_on", "Protokollet justeras inte före"),
        ({"certified_on": "2017-12-20"}, "certified_on", "Utdraget bestyrks inte före"),
        ({"adjusters": ""}, "adjusters", "Detta fält måste fyllas i."),
        ({"meeting_date": ""}, "meeting_date", "Detta fält måste fyllas i."),
        ({"adjusted_on": "2999-01-01"}, "adjusted_on", "Datumet har inte varit ännu."),
        ({"adjusted_on": "21/12"}, "adjusted_on", "Fyll i ett giltigt datum."),
    ],
)
def test_a_wrong_adjustment_is_refused_in_swedish_and_saves_nothing(
    staff, client, typed, field, message
):
    client.force_login(staff)
    paragraph = paragraph_6()
    before = council_tables()

    response = client.post(adjust_url(paragraph), adjustment_data(paragraph, **typed))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert council_tables() == before


@pytest.mark.django_db
def test_adjusted_minutes_are_refused_on_every_page(staff, coordinator, client):
    paragraph = adjust(paragraph_6())
    recipient = paragraph.recipients.order_by("position").first()
    from safety_partnership.council.forms import ParagraphForm

    before = council_tables()
    attempts = [
        (
            reverse("council:paragraph_edit", args=[paragraph.pk]),
            posted(ParagraphForm(instance=paragraph), decision="Ändrat"),
        ),
        (reverse("council:paragraph_delete", args=[paragraph.pk]), {}),
        (adjust_url(paragraph), adjustment_data(paragraph, adjusted_on="2017-12-30")),
        (reverse("council:paragraph_recipient_create", args=[paragraph.pk]), {"name": "Ny"}),
        (reverse("council:paragraph_recipient_edit", args=[recipient.pk]), {"name": "Ändrad"}),
        (reverse("council:paragraph_recipient_delete", args=[recipient.pk]), {}),
        (reverse("council:paragraph_recipient_move", args=[recipient.pk]), {"direction": "down"}),
    ]
    for user in (staff, coordinator):
        client.force_login(user)
        for url, data in attempts:
            response = client.post(url, data)
            assert response.status_code == 403, url
            # The coordinator is told the adjustment is the registrar's, before anything else.
            if user == staff or url != adjust_url(paragraph):
                assert "§ 6 är justerad 21 december 2017 och kan inte ändras." in response.text

    assert council_tables() == before


@pytest.mark.django_db
def test_adjusted_minutes_are_refused_by_the_orm():
    paragraph = adjust(paragraph_6())
    recipient = paragraph.recipients.order_by("position").first()
    before = council_tables()

    paragraph.decision = "Ändrat i efterhand"
    attempts = [
        paragraph.save,
        paragraph.delete,
        lambda: MinutesParagraph.objects.filter(pk=paragraph.pk).update(decision="x"),
        lambda: MinutesParagraph.objects.filter(pk=paragraph.pk).delete(),
        lambda: Recipient.objects.create(paragraph=paragraph, position=9, name="Ny"),
        lambda: Recipient.objects.bulk_create(
            [Recipient(paragraph=paragraph, position=9, name="x")]
        ),
        lambda: Recipient.objects.filter(pk=recipient.pk).update(name="Ändrad"),
        lambda: Recipient.objects.filter(paragraph=paragraph).delete(),
        recipient.delete,
    ]
    for attempt in attempts:
        with pytest.raises(AdjustedMinutes), transaction.atomic():
            attempt()

    assert council_tables() == before


@pytest.mark.django_db
def test_adjusted_minutes_are_refused_in_sql_with_their_history():
    paragraph = adjust(paragraph_6())
    recipient = paragraph.recipients.order_by("position").first()
    before = {**council_tables(), **stored(CouncilCase, DecisionBasis)}
    p_table, r_table = MinutesParagraph._meta.db_table, Recipient._meta.db_table
    p_history = MinutesParagraph.history.model._meta.db_table
    case_history = CouncilCase.history.model._meta.db_table
    basis_history = DecisionBasis.history.model._meta.db_table
    statements = [
        (f"UPDATE {case_history} SET title = 'x' WHERE id = %s", paragraph.case_id),
        (f"DELETE FROM {case_history} WHERE id = %s", paragraph.case_id),
        (f"UPDATE {basis_history} SET title = 'x' WHERE case_id = %s", paragraph.case_id),
        (f"UPDATE {p_table} SET decision = 'x' WHERE id = %s", paragraph.pk),
        (f"UPDATE {p_table} SET adjusted_on = NULL WHERE id = %s", paragraph.pk),
        (f"DELETE FROM {p_table} WHERE id = %s", paragraph.pk),
        (f"UPDATE {r_table} SET name = 'x' WHERE id = %s", recipient.pk),
        (f"DELETE FROM {r_table} WHERE id = %s", recipient.pk),
        (f"INSERT INTO {r_table} (paragraph_id, position, name) VALUES (%s, 9, 'x')", paragraph.pk),
        (f"UPDATE {p_history} SET decision = 'x' WHERE id = %s", paragraph.pk),
        (f"DELETE FROM {p_history} WHERE id = %s", paragraph.pk),
    ]
    for sql, pk in statements:
        with (
            pytest.raises(DatabaseError, match="signed content cannot be changed"),
            transaction.atomic(),
        ):
            raw(sql, pk)

    assert {**council_tables(), **stored(CouncilCase, DecisionBasis)} == before


@pytest.mark.django_db
def test_the_admin_shows_adjusted_minutes_read_only(superuser, client):
    paragraph = adjust(paragraph_6())
    client.force_login(superuser)
    url = reverse("admin:safety_partnership_minutesparagraph_change", args=[paragraph.pk])
    before = council_tables()

    page = client.get(url).text
    client.post(url, {"decision": "Ändrat", "number": "6"})
    client.post(
        reverse("admin:safety_partnership_minutesparagraph_delete", args=[paragraph.pk]),
        {"post": "yes"},
    )

    assert 'name="decision"' not in page  # shown, not editable
    assert council_tables() == before


@pytest.mark.django_db
def test_the_extract_is_written_as_swedish_minutes():
    paragraph = adjust(paragraph_6())

    pages = pages_text(read(pdf_bytes(case_359())))

    first, *rest = pages
    assert len(pages) >= 2
    for expected in [
        "Protokollsutdrag",
        "Kommunstyrelsens arbetsutskott",
        "Sammanträdesdatum 19 december 2017",
        "Plats Stadshuset, Mjölby",
        "§ 6",
        "Dnr KS/2017:359",
        "Arbetsutskottets förslag till kommunstyrelsen",
    ]:
        assert expected in first, expected
    last = pages[-1]
    for expected in [
        "Beslutet skickas till Kommunstyrelsen",
        "Justerandes signatur Mats Gerdau, Anna Berg Justerat 21 december 2017",
        "Utdragsbestyrkande Rätt utdraget intygar Eva Registrator, 22 december 2017",
    ]:
        assert expected in last, expected
    # Every page: the meeting date in the header, the adjusters in the footer; after the
    # first, "forts. § 6" under the header.
    for number, text in enumerate(pages, start=1):
        assert "19 december 2017 " in text
        assert "Ojusterat" not in text
        assert "Justerandes signatur: Mats Gerdau, Anna Berg" in text
        assert ("forts. § 6" in text) == (number > 1)
    assert paragraph.case.title in first


@pytest.mark.django_db
def test_an_unadjusted_extract_says_so_and_invents_nothing():
    pages = pages_text(read(pdf_bytes(case_359())))

    assert all("Ojusterat" in text for text in pages)
    assert "Sammanträdesdatum" not in pages[0] and "Plats" not in pages[0]
    assert "Protokollet är inte justerat. Utdraget kan bestyrkas först" in pages[-1]
    assert "Rätt utdraget intygar" not in " ".join(pages)


@pytest.mark.django_db
def test_an_adjusted_extract_keeps_the_case_text_it_was_adjusted_with(coordinator, client):
    adjust(paragraph_6())
    case = case_359()
    later = MinutesParagraph.objects.create(
        case=case, body="ks", number=20, meeting_date=date(2018, 1, 15), outcome="decision"
    )
    case.title = "Handlingsplan 2018–2020, ny rubrik"
    case.background = "En bakgrund skriven efter justeringen."
    case.save()
    case.decision_basis.order_by("position").first().delete()

    pages = pages_text(read(pdf_bytes(case)))
    client.force_login(coordinator)
    page = text_of(client.get(case.get_absolute_url()))

    adjusted = " ".join(t for t in pages if "§ 6" in t)
    unadjusted = " ".join(t for t in pages if f"§ {later.number}" in t)
    assert "Handlingsplan och medborgarlöfte i enlighet med överenskommelse" in adjusted
    assert "Samverkansöverenskommelse för trygghetsskapande" in adjusted
    assert "efter justeringen" not in adjusted and "ny rubrik" not in adjusted
    assert "ny rubrik" in unadjusted and "efter justeringen" in unadjusted
    assert "Samverkansöverenskommelse för trygghetsskapande" not in unadjusted
    # The case's page reads each paragraph the same way.
    assert page.count("efter justeringen") == 1
