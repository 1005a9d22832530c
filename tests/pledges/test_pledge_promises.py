"""A draft's promises, edited in place: adding, changing, moving and removing one, with and
without htmx; a stale edit, an overlong or empty text, markup and a missing actor.
"""

import pytest

from pledges.models import Promise
from safety_partnership.concurrency import latest_version
from tests.pledges.pledge_helpers import PROMISES_2018, promise_data, promise_texts, url

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_adding_a_promise_without_javascript_returns_to_it_on_the_page(client, coordinator, draft):
    client.force_login(coordinator)

    form = client.get(url("promise_create", draft.pk)).content.decode()
    response = client.post(
        url("promise_create", draft.pk),
        promise_data("Kameraövervakning vid resecentrum", "other", other_parties="Östgötatrafiken"),
    )

    added = draft.promises.get(text="Kameraövervakning vid resecentrum")
    assert "Nytt löfte" in form and "<html" in form
    assert response.status_code == 302
    assert response["Location"] == f"{draft.get_absolute_url()}#lofte-{added.pk}"
    assert promise_texts(draft) == [*PROMISES_2018, "Kameraövervakning vid resecentrum"]
    page = client.get(response["Location"]).content.decode()
    assert "Ansvar: Östgötatrafiken" in page


@pytest.mark.django_db
def test_adding_a_promise_with_htmx_returns_only_the_promises(client, coordinator, draft):
    client.force_login(coordinator)

    form = client.get(url("promise_create", draft.pk), **HTMX).content.decode()
    response = client.post(
        url("promise_create", draft.pk), promise_data("Fler trygghetsvandringar"), **HTMX
    )

    fragment = response.content.decode()
    assert 'id="loften"' in form and "Nytt löfte" in form and "<html" not in form
    assert response.status_code == 200
    assert fragment.lstrip().startswith('<section id="loften"')
    assert "<html" not in fragment and "document-header" not in fragment
    assert "Fler trygghetsvandringar" in fragment and "Ansvar: Kommunen och polisen" in fragment
    assert promise_texts(draft)[-1] == "Fler trygghetsvandringar"


@pytest.mark.django_db
def test_a_promise_without_text_is_not_added_and_the_form_says_why(client, coordinator, draft):
    client.force_login(coordinator)

    response = client.post(url("promise_create", draft.pk), promise_data(""), **HTMX)

    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert draft.promises.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("headers,status", [({}, 302), (HTMX, 200)], ids=["plain", "htmx"])
def test_editing_a_promise_changes_its_text_and_who_keeps_it(
    client, coordinator, draft, headers, status
):
    client.force_login(coordinator)
    promise = draft.promises.get(position=1)

    form = client.get(url("promise_edit", promise.pk), **headers).content.decode()
    response = client.post(
        url("promise_edit", promise.pk),
        promise_data(
            "Polisen patrullerar till fots kvällstid",
            "police",
            responsible_note="Kommunpolisen",
            version=latest_version(promise),
        ),
        **headers,
    )

    assert "Ändra löftet" in form and PROMISES_2018[0] in form
    promise.refresh_from_db()
    assert promise.text == "Polisen patrullerar till fots kvällstid"
    assert promise.responsible_label == "Polisen (Kommunpolisen)"
    assert response.status_code == status
    # Without JavaScript she is sent back to the promise on the page; with htmx the
    # promises come back in place of the form, not a whole page.
    back_to = f"{draft.get_absolute_url()}#lofte-{promise.pk}" if not headers else None
    assert response.get("Location") == back_to
    page = client.get(back_to) if back_to else response
    shown = page.content.decode()
    assert "Polisen patrullerar till fots kvällstid" in shown
    assert "Ansvar: Polisen (Kommunpolisen)" in shown
    assert ("<html" in shown) == (not headers)


@pytest.mark.django_db
@pytest.mark.parametrize("headers,status", [({}, 302), (HTMX, 200)], ids=["plain", "htmx"])
def test_moving_a_promise_up_changes_the_order_on_the_page(
    client, coordinator, draft, headers, status
):
    client.force_login(coordinator)
    third = draft.promises.get(position=3)
    # Promises move within their group (who promises): make the third joint, like the second.
    Promise.objects.filter(pk=third.pk).update(responsible="joint")

    response = client.post(url("promise_move", third.pk), {"direction": "up"}, **headers)

    assert promise_texts(draft) == [PROMISES_2018[0], PROMISES_2018[2], PROMISES_2018[1]]
    assert response.status_code == status
    back_to = f"{draft.get_absolute_url()}#lofte-{third.pk}" if not headers else None
    assert response.get("Location") == back_to
    page = (client.get(back_to) if back_to else response).content.decode()
    positions = [page.index(PROMISES_2018[n]) for n in (0, 2, 1)]
    assert positions == sorted(positions)
    assert ("<html" in page) == (not headers)


@pytest.mark.django_db
def test_a_promise_moves_within_its_group_only(client, coordinator, draft):
    """The municipality's only promise is first under "Kommunen lovar": it stays there,
    although the joint promise comes before it in the pledge."""
    client.force_login(coordinator)
    third = draft.promises.get(position=3)

    client.post(url("promise_move", third.pk), {"direction": "up"})

    assert promise_texts(draft) == PROMISES_2018


@pytest.mark.django_db
def test_the_first_promise_cannot_move_further_up(client, coordinator, draft):
    client.force_login(coordinator)
    first = draft.promises.get(position=1)

    client.post(url("promise_move", first.pk), {"direction": "up"})

    assert promise_texts(draft) == PROMISES_2018


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_removing_a_promise_takes_it_off_the_page(client, coordinator, draft, headers):
    client.force_login(coordinator)
    second = draft.promises.get(position=2)

    response = client.post(url("promise_delete", second.pk), **headers)

    assert promise_texts(draft) == [PROMISES_2018[0], PROMISES_2018[2]]
    page = (
        response.content.decode() if headers else client.get(response["Location"]).content.decode()
    )
    assert "Löftet är borttaget." in page
    assert PROMISES_2018[0] in page and PROMISES_2018[2] in page
    assert PROMISES_2018[1] not in page


@pytest.mark.django_db
def test_removing_a_promise_asks_first_and_deletes_only_on_post(client, coordinator, draft):
    client.force_login(coordinator)
    promise = draft.promises.get(position=1)

    page = client.get(url("promise_delete", promise.pk)).text

    assert f"Ta bort löftet ”{promise.text}”?" in page
    assert "Löftet tas bort ur medborgarlöftet. Det finns kvar i historiken." in page
    assert draft.promises.count() == 3

    client.post(url("promise_delete", promise.pk))

    assert list(draft.promises.values_list("text", flat=True)) == PROMISES_2018[1:]


@pytest.mark.django_db
def test_a_stale_promise_edit_shows_the_conflict_keeps_the_typed_text_and_overwrites_nothing(
    client, coordinator, draft
):
    client.force_login(coordinator)
    promise = draft.promises.get(position=2)
    version = latest_version(promise)
    promise.text = "Trygghetsvandringar varje vår och höst"
    promise.save()

    response = client.post(
        url("promise_edit", promise.pk),
        promise_data("Trygghetsvandringar med bostadsbolaget", version=version),
        **HTMX,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "har sparat ändringar här" in page and "Det du skrev är inte sparat." in page
    assert "Trygghetsvandringar med bostadsbolaget</textarea>" in page
    assert "<dt>Löfte</dt>" in page and "<ins>höst</ins>" in page  # what the other saved
    promise.refresh_from_db()
    assert promise.text == "Trygghetsvandringar varje vår och höst"


@pytest.mark.django_db
def test_saving_again_after_a_conflict_overwrites_knowingly(client, coordinator, draft):
    client.force_login(coordinator)
    promise = draft.promises.get(position=2)
    version = latest_version(promise)
    promise.text = "Någon annans text"
    promise.save()

    client.post(url("promise_edit", promise.pk), promise_data("Min text", version=version))
    client.post(
        url("promise_edit", promise.pk), promise_data("Min text", version=latest_version(promise))
    )

    promise.refresh_from_db()
    assert promise.text == "Min text"


@pytest.mark.django_db
def test_an_overlong_promise_is_refused_in_swedish_and_nothing_is_saved(client, coordinator, draft):
    client.force_login(coordinator)
    promise = draft.promises.get(position=1)

    added = client.post(url("promise_create", draft.pk), promise_data("x" * 10_001))
    edited = client.post(url("promise_edit", promise.pk), promise_data("y" * 10_001))

    for response in (added, edited):
        assert response.status_code == 200
        assert "Säkerställ att detta värde har som mest 10000 tecken (den har 10001)." in (
            response.content.decode()
        )
    assert promise_texts(draft) == PROMISES_2018


@pytest.mark.django_db
def test_markup_in_a_promise_is_shown_as_text(client, coordinator, draft):
    client.force_login(coordinator)

    client.post(url("promise_create", draft.pk), promise_data("<script>alert('hej')</script>"))

    page = client.get(draft.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;hej&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page


@pytest.mark.django_db
def test_another_actor_must_be_named(client, coordinator, draft):
    client.force_login(coordinator)

    response = client.post(
        url("promise_create", draft.pk), promise_data("Bussbolaget lovar", "other")
    )

    assert "Ange vilken annan aktör som ansvarar." in response.content.decode()
    assert draft.promises.count() == 3
