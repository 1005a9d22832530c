"""'Beslutet skickas till': a paragraph's and the memo's recipients, added, changed, moved
and removed one at a time, by the coordinator only, each change in the case's history.
"""

import pytest
from django.urls import reverse

from safety_partnership.concurrency import latest_version
from safety_partnership.models import Recipient
from tests.safety_partnership.council_helpers import (
    SEED_RECIPIENTS,
    case_359,
    in_order,
    paragraph_6,
    recipients_of,
    register_state,
    text_of,
)


def url(name: str, obj) -> str:
    return reverse(f"council:{name}", args=[obj.pk])


@pytest.mark.django_db
def test_the_coordinator_adds_a_recipient_last_and_finds_it_on_the_case(
    mjolby, coordinator, client
):
    client.force_login(coordinator)
    paragraph = paragraph_6()

    response = client.post(
        url("paragraph_recipient_create", paragraph), {"name": "Kommunpolisen"}, follow=True
    )

    assert recipients_of(paragraph) == [*SEED_RECIPIENTS, "Kommunpolisen"]
    page = text_of(response)
    assert "”Kommunpolisen” är tillagd bland mottagarna." in page
    assert in_order(page, ["Ändra mottagaren Akten", "Ändra mottagaren Kommunpolisen"])
    assert response.redirect_chain[-1][0].endswith(f"#paragraf-{paragraph.pk}-mottagare")


@pytest.mark.django_db
def test_a_recipient_is_changed_moved_and_removed_and_each_change_is_in_the_history(
    mjolby, coordinator, client
):
    client.force_login(coordinator)
    paragraph = paragraph_6()
    akten = paragraph.recipients.get(name="Akten")

    client.post(
        url("paragraph_recipient_edit", akten),
        {"name": "Akten, Dnr KS/2017:359", "version": latest_version(akten)},
    )
    client.post(url("paragraph_recipient_move", akten), {"direction": "up"})
    asked = text_of(client.get(url("paragraph_recipient_delete", paragraph.recipients.first())))
    client.post(url("paragraph_recipient_delete", paragraph.recipients.get(position=1)))

    assert recipients_of(paragraph) == [*SEED_RECIPIENTS[1:3], "Akten, Dnr KS/2017:359"] + [
        SEED_RECIPIENTS[3]
    ]
    assert "Ta bort mottagaren ”Kommunstyrelsen” i beslutet i § 6?" in asked
    history = text_of(client.get(reverse("council:history", args=[paragraph.case_id])))
    assert "Roger Max · En mottagare ändrad i § 6: Akten, Dnr KS/2017:359" in history
    assert "Roger Max · En mottagare borttagen i § 6: Kommunstyrelsen" in history


@pytest.mark.django_db
def test_the_memos_recipients_are_edited_on_the_memo(mjolby, coordinator, client):
    client.force_login(coordinator)
    memo = case_359().cover_memo
    first, second = memo.recipients.order_by("position")[:2]

    client.post(url("memo_recipient_create", memo), {"name": "Kommunpolisen"})
    response = client.post(url("memo_recipient_move", second), {"direction": "up"}, follow=True)

    assert [r.name for r in memo.recipients.order_by("position")] == [
        second.name,
        first.name,
        *SEED_RECIPIENTS[3:4],
        "Kommunpolisen",
    ]
    assert response.redirect_chain[-1][0].endswith(
        reverse("council:memo", args=[memo.case_id]) + "#mottagare"
    )
    names = [second.name, first.name, "Kommunpolisen"]
    assert in_order(text_of(response), [f"Ändra mottagaren {name}" for name in names])


@pytest.mark.django_db
def test_a_memos_recipient_is_not_reached_through_a_paragraphs_address(mjolby, coordinator, client):
    client.force_login(coordinator)
    on_memo = case_359().cover_memo.recipients.first()
    before = register_state()

    response = client.post(url("paragraph_recipient_delete", on_memo))

    assert response.status_code == 404
    assert register_state() == before


@pytest.mark.django_db
def test_a_reader_may_not_add_change_or_remove_recipients(mjolby, police_chief, client):
    client.force_login(police_chief)
    paragraph = paragraph_6()
    akten = paragraph.recipients.get(name="Akten")
    before = register_state()

    answers = [
        client.post(url("paragraph_recipient_create", paragraph), {"name": "Polisen"}),
        client.post(url("paragraph_recipient_edit", akten), {"name": "X", "version": 1}),
        client.post(url("paragraph_recipient_move", akten), {"direction": "up"}),
        client.post(url("paragraph_recipient_delete", akten)),
    ]

    assert [a.status_code for a in answers] == [403] * 4
    assert register_state() == before
    page = text_of(client.get(paragraph.case.get_absolute_url()))
    assert "Akten" in page and "Lägg till mottagare" not in page


@pytest.mark.django_db
def test_an_empty_or_too_long_recipient_is_refused_in_swedish(mjolby, coordinator, client):
    client.force_login(coordinator)
    paragraph = paragraph_6()
    before = register_state()

    empty = client.post(url("paragraph_recipient_create", paragraph), {"name": "  "})
    too_long = client.post(url("paragraph_recipient_create", paragraph), {"name": "x" * 251})

    assert "Detta fält måste fyllas i." in text_of(empty)
    assert "som mest 250 tecken (den har 251)" in text_of(too_long)
    assert register_state() == before


@pytest.mark.django_db
def test_a_recipient_changed_by_someone_else_is_not_overwritten(mjolby, coordinator, client):
    client.force_login(coordinator)
    akten = paragraph_6().recipients.get(name="Akten")
    opened = latest_version(akten)
    akten.name = "Akten (arkivet)"
    akten.save()

    response = client.post(
        url("paragraph_recipient_edit", akten), {"name": "Diariet", "version": opened}
    )

    assert "Det du skrev är inte sparat." in text_of(response)
    assert Recipient.objects.get(pk=akten.pk).name == "Akten (arkivet)"
