"""A copy for a new period marks texts that still name a year of the old period, until the
coordinator changes them or says they are checked; the marks are never signed content."""

from datetime import date

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, Measure
from pledges.models import Pledge
from safety_partnership.concurrency import latest_version
from safety_partnership.models import ReviewMark
from safety_partnership.services import copy_document
from safety_partnership.signing.services import content_hash
from tests.pages import visible_text

VALIDITY = (
    "Planen gäller för 2018-2020 men kan revideras efter förändringar i den lokala lägesbilden."
)
VBE = "Att under 2018 skapa en lokal handlingsplan mot VBE."


def page_of(client, document) -> str:
    return visible_text(client.get(document.get_absolute_url()).text)


def vbe_measure(plan) -> Measure:
    return Measure.objects.get(focus_area__plan=plan, description=VBE)


@pytest.mark.django_db
def test_copying_a_plan_marks_each_text_that_names_a_year_of_the_old_period(client, coordinator):
    signed = ActionPlan.objects.get()
    client.force_login(coordinator)

    response = client.post(
        reverse("actionplans:copy", args=[signed.pk]),
        {
            "title": "Handlingsplan för 2021-2023",
            "period_start": "2021-01-01",
            "period_end": "2023-12-31",
            "agreement": signed.agreement_id,
        },
        follow=True,
    )

    text = visible_text(response.text)
    assert "2 texter nämner år från den gamla perioden" in text
    # At the text itself, and in the summary at the top with where it is.
    assert f"{VALIDITY} innehåller 2018, 2020 – kontrollera" in text
    assert f"{VBE} innehåller 2018 – kontrollera" in text
    assert "Giltighet: innehåller 2018, 2020 – kontrollera Kontrollerad Giltighet" in text
    assert "Åtgärd ”Att under 2018 skapa en lokal handlingsplan mot…”: innehåller 2018" in text
    assert text.count("Kontrollerad") == 4  # two notes, each at its text and in the summary


@pytest.mark.django_db
def test_kontrollerad_clears_the_mark_and_leaves_the_text_and_its_content_alone(
    client, coordinator, draft_plan
):
    mark = ReviewMark.objects.get(document_id=draft_plan.pk, field="validity")
    before = content_hash(draft_plan)
    client.force_login(coordinator)

    response = client.post(reverse("review_checked", args=[mark.pk]), follow=True)

    text = visible_text(response.text)
    assert "Texten är markerad som kontrollerad." in text
    assert "1 text nämner år från den gamla perioden" in text
    assert "innehåller 2018, 2020" not in text
    assert VALIDITY in text
    draft_plan.refresh_from_db()
    assert draft_plan.validity == VALIDITY
    assert content_hash(draft_plan) == before


@pytest.mark.django_db
def test_changing_the_text_clears_its_mark_but_saving_it_unchanged_does_not(
    client, coordinator, draft_plan
):
    measure = vbe_measure(draft_plan)
    client.force_login(coordinator)

    client.post(reverse("actionplans:measure_move", args=[measure.pk]), {"direction": "up"})
    assert "innehåller 2018 – kontrollera" in page_of(client, draft_plan)

    client.post(
        reverse("actionplans:measure_edit", args=[measure.pk]),
        {
            "description": "Att under 2021 följa upp den lokala handlingsplanen mot VBE.",
            "responsible": measure.responsible,
            "other_parties": measure.other_parties,
            "responsible_note": measure.responsible_note,
            "version": latest_version(measure),
        },
    )

    text = page_of(client, draft_plan)
    assert "innehåller 2018 – kontrollera" not in text
    assert "1 text nämner år från den gamla perioden" in text
    assert not ReviewMark.objects.filter(target_id=measure.pk, field="description").exists()


@pytest.mark.django_db
def test_a_reader_sees_the_notes_but_cannot_clear_them(
    client, police_chief, other_coordinator, draft_plan
):
    mark = ReviewMark.objects.get(document_id=draft_plan.pk, field="validity")
    client.force_login(police_chief)

    text = page_of(client, draft_plan)
    refused = client.post(reverse("review_checked", args=[mark.pk]))
    client.force_login(other_coordinator)
    hidden = client.post(reverse("review_checked", args=[mark.pk]))

    assert "2 texter nämner år från den gamla perioden" in text
    assert "Kontrollerad" not in text
    assert (refused.status_code, hidden.status_code) == (403, 404)
    assert ReviewMark.objects.filter(pk=mark.pk).exists()


@pytest.mark.django_db
def test_the_send_page_warns_of_open_marks_and_sending_is_still_allowed(
    client, coordinator, draft_plan
):
    client.force_login(coordinator)

    send = visible_text(
        client.get(reverse("signing:send", args=["handlingsplan", draft_plan.pk])).text
    )

    assert (
        "Obs: 2 texter nämner fortfarande år från den gamla perioden och är inte kontrollerade"
        in send
    )
    assert "Du kan ändå skicka dokumentet för underskrift." in send


@pytest.mark.django_db
def test_marks_are_not_part_of_the_signed_content(draft_plan):
    with_marks = content_hash(draft_plan)
    tree = draft_plan.content_tree()

    ReviewMark.objects.all().delete()

    assert content_hash(draft_plan) == with_marks
    assert draft_plan.content_tree() == tree
    assert "2018" in str(tree)  # the text itself is content, as typed


@pytest.mark.django_db
def test_a_pledge_for_the_next_year_is_marked_and_a_revision_is_not(
    client, coordinator, draft_pledge
):
    client.force_login(coordinator)

    text = page_of(client, draft_pledge)
    revision = copy_document(
        original=Pledge.objects.get(status="signed"),
        revision=2,
        revision_of_id=Pledge.objects.get(status="signed").pk,
        diary_number="",
    )

    assert "1 text nämner år från den gamla perioden" in text
    assert "redovisas under 2018 innehåller 2018 – kontrollera" in text
    assert not ReviewMark.objects.filter(document_id=revision.pk, document_type__model="pledge")


@pytest.mark.django_db
def test_a_signed_document_shows_no_notes_and_a_deleted_row_leaves_no_mark(
    client, coordinator, draft_plan
):
    measure = vbe_measure(draft_plan)
    client.force_login(coordinator)

    client.post(reverse("actionplans:measure_delete", args=[measure.pk]))

    assert not ReviewMark.objects.filter(target_id=measure.pk, field="description").exists()
    signed = visible_text(
        client.get(ActionPlan.objects.get(status="signed").get_absolute_url()).text
    )
    assert "kontrollera" not in signed
    assert date(2021, 1, 1) == draft_plan.period_start
