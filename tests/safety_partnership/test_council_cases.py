"""Registering and editing a council case: its decision-basis lines, a duplicate diary
number, a stale version, overlong text, markup, and deleting only a case without paragraphs.
"""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from safety_partnership.council.forms import document_value
from safety_partnership.models import CouncilCase
from tests.safety_partnership.council_helpers import case_359, case_data, in_order, text_of


@pytest.mark.django_db
def test_the_coordinator_registers_a_case_with_its_decision_basis(mjolby, coordinator, client):
    client.force_login(coordinator)
    lines = [
        {"title": "Förslag till handlingsplan för 2021-2023", "document": "handlingsplan:1"},
        {"title": "Tjänsteskrivelse", "document": ""},
        {"title": "", "document": ""},
    ]
    data = case_data(
        diary_number="KS/2020:12", title="Ny handlingsplan", case_officer=1, lines=lines
    )

    response = client.post(reverse("council:create", args=[mjolby.municipality_id]), data)

    case = CouncilCase.objects.get(diary_number="KS/2020:12")
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert [(b.position, b.title, b.document) for b in case.decision_basis.all()] == [
        (1, "Förslag till handlingsplan för 2021-2023", ActionPlan.objects.get(pk=1)),
        (2, "Tjänsteskrivelse", None),
    ]
    page = text_of(client.get(case.get_absolute_url()))
    assert "Ärendet är registrerat." in page and "Ta bort ärendet" in page


@pytest.mark.django_db
def test_a_duplicate_diary_number_is_refused_beside_the_field(mjolby, coordinator, client):
    client.force_login(coordinator)
    count = CouncilCase.objects.count()
    data = case_data(diary_number="KS/2017:359", title="Dubblett")

    response = client.post(reverse("council:create", args=[mjolby.municipality_id]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["diary_number"] == [
        "Diarienumret finns redan hos kommunen."
    ]
    assert 'class="form__error" id="id_diary_number_error"' in response.content.decode()
    assert CouncilCase.objects.count() == count


@pytest.mark.django_db
def test_decision_basis_lines_are_removed_and_renumbered_when_the_case_is_saved(
    mjolby, coordinator, client
):
    client.force_login(coordinator)
    case = case_359()
    data = case_data(case)
    data["underlag-0-DELETE"] = "on"
    data["underlag-2-document"] = ""
    removed = "Samverkansöverenskommelse för trygghetsskapande"
    assert removed in text_of(client.get(case.get_absolute_url()))

    client.post(reverse("council:edit", args=[case.pk]), data)

    lines = case.decision_basis.order_by("position")
    assert [(b.position, b.title, document_value(b)) for b in lines] == [
        (1, "Förslag till handlingsplan för 2018-2020", "handlingsplan:1"),
        (2, "Förslag till medborgarlöften 2018", ""),
    ]
    page = text_of(client.get(case.get_absolute_url()))
    titles = [line.title for line in lines]
    assert in_order(page, ["Beslutsunderlag", *titles, "Arbetsutskottets förslag"])
    assert removed not in page


@pytest.mark.django_db
def test_a_stale_version_gives_the_conflict_message_and_does_not_overwrite(
    mjolby, coordinator, client
):
    client.force_login(coordinator)
    case = case_359()
    opened = case_data(case, title="Min rubrik")
    case.title = "Någon annans rubrik"
    case.save()

    response = client.post(reverse("council:edit", args=[case.pk]), opened)

    assert response.status_code == 200
    assert "sedan du öppnade sidan. Det du skrev är inte sparat." in text_of(response)
    assert CouncilCase.objects.get(pk=case.pk).title == "Någon annans rubrik"
    assert 'value="Min rubrik"' in response.content.decode()


@pytest.mark.django_db
def test_a_text_of_10001_characters_is_refused_with_a_swedish_error(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()

    response = client.post(
        reverse("council:edit", args=[case.pk]), case_data(case, summary="x" * 10_001)
    )

    assert response.status_code == 200
    assert "10000 tecken" in " ".join(response.context["form"].errors["summary"])
    assert "10000 tecken" in text_of(response)
    assert CouncilCase.objects.get(pk=case.pk).summary == case.summary


@pytest.mark.django_db
def test_a_script_in_a_title_is_shown_as_text(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()
    client.post(
        reverse("council:edit", args=[case.pk]), case_data(case, title="<script>alert(1)</script>")
    )

    html = client.get(case.get_absolute_url()).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


@pytest.mark.django_db
def test_a_case_with_paragraphs_cannot_be_deleted_but_an_empty_one_can(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()

    response = client.post(reverse("council:delete", args=[case.pk]), follow=True)
    assert "kan inte tas bort så länge det har protokollsparagrafer" in text_of(response)
    assert CouncilCase.objects.filter(pk=case.pk).exists()

    empty = CouncilCase.objects.create(
        municipality=case.municipality, diary_number="KS/2019:1", title="Tomt"
    )
    response = client.post(reverse("council:delete", args=[empty.pk]))
    assert response["Location"] == mjolby.get_absolute_url()
    assert not CouncilCase.objects.filter(pk=empty.pk).exists()
