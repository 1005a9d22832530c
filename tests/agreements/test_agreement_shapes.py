"""Agreements as other partnerships write them: "tills vidare", goals, sub-goals and each
party's commitments as ordered lists, and two to four signatories."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agreements.models import Agreement, AgreementGoal, Commitment
from safety_partnership.models import Person, Role
from safety_partnership.pdf.base import render_pdf
from safety_partnership.pdf.render import html_for
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from safety_partnership.signing.services import content_hash
from tests.pages import visible_text
from tests.safety_partnership.signing_helpers import both_parties


def pdf_text(document) -> str:
    pages = PdfReader(io.BytesIO(render_pdf(html_for(document)))).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def draft_agreement(mjolby):
    """A draft that runs "tills vidare": no end date."""
    seed = Agreement.objects.get()
    return Agreement.objects.create(
        partnership=seed.partnership,
        title="Samverkansöverenskommelse Mjölby",
        period_start=date(2021, 1, 1),
        overall_goal="Målet som text.",
    )


def add_goal(client, agreement, kind, text):
    return client.post(
        reverse("agreements:goal_create", args=[agreement.pk]), {"kind": kind, "text": text}
    )


def add_commitment(client, agreement, party, text, party_name=""):
    data = {"party": party, "party_name": party_name, "text": text}
    return client.post(reverse("agreements:commitment_create", args=[agreement.pk]), data)


@pytest.mark.django_db
def test_an_agreement_may_run_tills_vidare(client, coordinator, mjolby):
    client.force_login(coordinator)
    partnership = Agreement.objects.get().partnership

    response = client.post(
        reverse("agreements:create", args=[partnership.pk]),
        {
            "title": "Överenskommelse tills vidare",
            "period_start": "2021-01-01",
            "leadership_meetings_per_year": "1",
        },
        follow=True,
    )

    agreement = Agreement.objects.get(title="Överenskommelse tills vidare")
    assert agreement.period_end is None
    assert "från 1 januari 2021, tills vidare" in response.text


@pytest.mark.django_db
def test_goals_and_commitments_are_ordered_lists_on_the_page_and_in_the_pdf(
    client, coordinator, draft_agreement
):
    client.force_login(coordinator)

    for kind, text in [
        ("overall", "Ökad trygghet i hela kommunen"),
        ("sub", "Färre bostadsinbrott"),
        ("overall", "Minskad brottslighet"),
        ("sub", "Färre skadegörelsebrott vid resecentrum"),
    ]:
        assert add_goal(client, draft_agreement, kind, text).status_code == 302
    add_commitment(client, draft_agreement, "municipality", "Leda trygghetsvandringar")
    add_commitment(client, draft_agreement, "police", "Arbeta med medborgarlöften")
    add_commitment(client, draft_agreement, "other", "Delta i vandringarna", "Räddningstjänsten")
    add_commitment(client, draft_agreement, "municipality", "Åtgärda belysningen")

    page = visible_text(client.get(draft_agreement.get_absolute_url()).text)
    printed = pdf_text(draft_agreement)
    for text in (page, printed):
        in_order = [
            "Övergripande mål",
            "Ökad trygghet i hela kommunen",
            "Minskad brottslighet",
            "Delmål",
            "Färre bostadsinbrott",
            "Färre skadegörelsebrott vid resecentrum",
            "Åtaganden",
            "Kommunen",
            "Leda trygghetsvandringar",
            "Åtgärda belysningen",
            "Polisen",
            "Arbeta med medborgarlöften",
            "Räddningstjänsten",
            "Delta i vandringarna",
        ]
        positions = [text.index(t) for t in in_order]
        assert positions == sorted(positions), text
        # The rows replace the text field that the agreement also has.
        assert "Målet som text." not in text


@pytest.mark.django_db
def test_the_seed_keeps_its_text_when_it_has_no_rows(client, staff, mjolby):
    agreement = Agreement.objects.get()
    client.force_login(staff)

    page = client.get(agreement.get_absolute_url()).text

    assert agreement.overall_goal.split("\n")[0][:40] in visible_text(page)
    assert not agreement.goals.exists()


@pytest.mark.django_db
def test_goals_move_and_a_moved_goal_is_in_the_history(client, coordinator, draft_agreement):
    client.force_login(coordinator)
    add_goal(client, draft_agreement, "overall", "Först")
    add_goal(client, draft_agreement, "overall", "Sedan")
    second = draft_agreement.goals.get(text="Sedan")

    client.post(reverse("agreements:goal_move", args=[second.pk]), {"direction": "up"})

    texts = list(draft_agreement.goals.order_by("position").values_list("text", flat=True))
    assert texts == ["Sedan", "Först"]
    history = visible_text(client.get(draft_agreement.history_url).text)
    assert "Övergripande mål: Sedan" in history


@pytest.mark.django_db
def test_another_party_must_be_named(client, coordinator, draft_agreement):
    client.force_login(coordinator)

    response = add_commitment(client, draft_agreement, "other", "Något")

    assert response.status_code == 200
    assert "Ange vilken annan part som åtar sig detta." in response.text
    assert not Commitment.objects.filter(agreement=draft_agreement).exists()


@pytest.mark.django_db
def test_a_signed_agreement_refuses_a_new_goal(client, coordinator, mjolby):
    agreement = Agreement.objects.get()
    assert agreement.is_signed
    client.force_login(coordinator)

    response = add_goal(client, agreement, "sub", "Ett nytt delmål")

    assert response.status_code == 403
    assert not AgreementGoal.objects.filter(agreement=agreement).exists()


@pytest.mark.django_db
def test_the_rows_are_signed_content_from_form_3_and_copied_to_a_revision(draft_agreement):
    before_form_2 = content_hash(draft_agreement, 2)
    before_form_3 = content_hash(draft_agreement, 3)
    draft_agreement.goals.create(position=1, kind="overall", text="Ökad trygghet")
    draft_agreement.commitment_rows.create(position=1, party="police", text="Medborgarlöften")

    assert content_hash(draft_agreement, 2) == before_form_2
    assert content_hash(draft_agreement, 3) != before_form_3
    copy = copy_document(
        original=draft_agreement, title="Kopia", period_start=date(2025, 1, 1), period_end=None
    )
    assert list(copy.goals.values_list("text", flat=True)) == ["Ökad trygghet"]
    assert list(copy.commitment_rows.values_list("party", "text")) == [
        ("police", "Medborgarlöften")
    ]


def send_url(agreement) -> str:
    return agreement.signing_urls["send"]


def other_signatories(partnership, n: int) -> list[Person]:
    return [
        Person.objects.create(
            name=f"Part {i}", role=Role.OTHER_SIGNATORY, partnership=partnership, title="VD"
        )
        for i in range(n)
    ]


@pytest.mark.django_db
def test_three_signatories_are_accepted(client, coordinator, draft_agreement):
    third = other_signatories(draft_agreement.partnership, 1)
    client.force_login(coordinator)

    response = client.post(
        send_url(draft_agreement),
        {"signatories": [p.pk for p in [*both_parties(), *third]], "message": ""},
    )

    draft_agreement.refresh_from_db()
    assert response.status_code == 302
    assert draft_agreement.status == "awaiting_signatures"
    assert signing.signatures_of(draft_agreement).count() == 3


@pytest.mark.django_db
def test_the_chief_executive_may_sign_instead_of_the_chair(coordinator, draft_agreement):
    chief_executive = Person.objects.create(
        name="Kommunchefen",
        role=Role.MUNICIPAL_SIGNATORY,
        municipality=draft_agreement.partnership.municipality,
        title="Kommunchef",
    )
    police_chief = both_parties()[0]

    signing.send_for_signing(
        document=draft_agreement, user=coordinator, signatories=[police_chief, chief_executive]
    )

    assert draft_agreement.status == "awaiting_signatures"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (3, "Överenskommelsen skrivs under av högst 4 personer; du har valt 5."),
        (-1, "Överenskommelsen skrivs under av minst 2 personer; du har valt 1."),
    ],
)
def test_five_or_one_signatories_are_refused(client, coordinator, draft_agreement, extra, message):
    chosen = both_parties()
    if extra > 0:
        chosen += other_signatories(draft_agreement.partnership, extra)
    else:
        chosen = chosen[:1]
    client.force_login(coordinator)

    response = client.post(
        send_url(draft_agreement),
        {"signatories": [p.pk for p in chosen], "override_reason": "Skäl"},
    )

    draft_agreement.refresh_from_db()
    assert message in visible_text(response.text)
    assert draft_agreement.status == "draft"
    assert not signing.signatures_of(draft_agreement).exists()


@pytest.fixture
def signed_with_rows(draft_agreement):
    """An agreement with goals and commitments, signed on paper by both parties."""
    from tests.safety_partnership.signing_helpers import sign_on_paper

    draft_agreement.goals.create(position=1, kind="overall", text="Ökad trygghet")
    draft_agreement.commitment_rows.create(position=1, party="police", text="Medborgarlöften")
    sign_on_paper(draft_agreement)
    draft_agreement.refresh_from_db()
    assert draft_agreement.is_signed
    return draft_agreement


@pytest.mark.django_db
def test_the_goals_of_a_signed_agreement_are_frozen_in_python_and_in_sql(signed_with_rows):
    from django.db import DatabaseError, connection, transaction

    from safety_partnership.models.documents import FrozenDocument

    goal = signed_with_rows.goals.get()
    goal.text = "Ändrat"
    with pytest.raises(FrozenDocument), transaction.atomic():
        goal.save()
    with pytest.raises(FrozenDocument), transaction.atomic():
        signed_with_rows.commitment_rows.get().delete()
    with pytest.raises(FrozenDocument), transaction.atomic():
        AgreementGoal.objects.filter(agreement=signed_with_rows).update(text="Ändrat")
    table = AgreementGoal._meta.db_table
    with (
        pytest.raises(DatabaseError, match="signed content cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET text = 'Ändrat' WHERE id = %s", [goal.pk])
    assert signed_with_rows.goals.get().text == "Ökad trygghet"


@pytest.mark.django_db
def test_a_signed_agreements_rows_print_as_pdf_ua_and_show_as_they_were(
    client, coordinator, signed_with_rows
):
    from tests.safety_partnership.test_pdf_accessibility import problems

    assert problems(render_pdf(html_for(signed_with_rows))) == []
    moment = signed_with_rows.history.latest().history_date.isoformat()
    client.force_login(coordinator)
    page = client.get(signed_with_rows.as_of_url, {"tid": moment})
    text = visible_text(page.text)
    assert "Ökad trygghet" in text and "Medborgarlöften" in text
    assert "Lägg till mål" not in text
