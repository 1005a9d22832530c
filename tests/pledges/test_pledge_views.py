"""The pledge workspace: reading the pledge, editing its promises in place, copying, extending."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pledges.models import CitizenDialogue, Pledge, Promise
from safety_partnership.concurrency import latest_version
from safety_partnership.models import CouncilCase, DecisionBasis, DocumentStatus
from safety_partnership.services import copy_document
from tests.pages import history_entries, visible_text

HTMX = {"HTTP_HX_REQUEST": "true"}
PROMISES_2018 = [
    "Polisen utför fotpatrullering i området",
    "Genomföra trygghetsvandringar med representanter från kommun, polis och andra berörda",
    "Upplevda otrygghetsfaktorer skall ses över och vid behov åtgärdas av kommunen",
]


@pytest.fixture
def pledge(mjolby) -> Pledge:
    """The signed 2018 pledge of the seed."""
    return Pledge.objects.get(partnership=mjolby)


@pytest.fixture
def draft(pledge) -> Pledge:
    """A 2019 draft started from the signed 2018 pledge, so that it may be edited."""
    return copy_document(
        original=pledge,
        title="Medborgarlöfte i Mjölby Kommun 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )


def url(name: str, *args) -> str:
    return reverse(f"pledges:{name}", args=args)


def promise_texts(pledge: Pledge) -> list[str]:
    return list(pledge.promises.order_by("position").values_list("text", flat=True))


def promise_data(text: str, responsible: str = "joint", **fields) -> dict:
    return {
        "text": text,
        "responsible": responsible,
        "other_parties": "",
        "responsible_note": "",
        **fields,
    }


def pledge_data(pledge: Pledge, **changes) -> dict:
    """What the edit form sends back for the pledge as it is, with some fields changed."""
    data = {
        "title": pledge.title,
        "period_start": pledge.period_start.isoformat(),
        "period_end": pledge.period_end.isoformat(),
        "diary_number": pledge.diary_number,
        "introduction": pledge.introduction,
        "situation_basis": pledge.situation_basis,
        "situation": pledge.situation,
        "focus_place": pledge.focus_place,
        "promise_intro": pledge.promise_intro,
        "follow_up": pledge.follow_up,
        "from_staff_dialogues": "on",
        "from_citizen_dialogues": "on",
        "dialogues": [d.pk for d in pledge.citizen_dialogues.all()],
    }
    data.update(changes)
    return data


def snapshot(pledge: Pledge):
    pledge.refresh_from_db()
    return (
        pledge.title,
        pledge.status,
        pledge.extended_to,
        list(pledge.promises.order_by("position").values_list("position", "text", "responsible")),
    )


# Reading


@pytest.mark.django_db
def test_the_pledge_page_reads_like_the_one_page_promise(client, coordinator, pledge):
    client.force_login(coordinator)

    page = client.get(pledge.get_absolute_url()).content.decode()

    assert "Medborgarlöfte i Mjölby Kommun 2018" in page
    assert "Underlag: medarbetardialoger, medborgardialoger, statistik, intern kunskap" in page
    assert "Lägesbild" in page and "Järnvägsgatan, resecentrum i Mjölby" in page
    assert "så lovar kommunen och polisen att:" in page
    positions = [page.index(text) for text in PROMISES_2018]
    assert positions == sorted(positions)
    for responsible in ["Ansvar: Polisen", "Ansvar: Kommunen och polisen", "Ansvar: Kommunen"]:
        assert responsible in page
    assert "Resultatet kommer att följas upp och redovisas under 2018" in page
    for dialogue in CitizenDialogue.objects.filter(pledge=pledge):
        assert f'href="{dialogue.get_absolute_url()}"' in page
    assert "Hanna Sjögren" in page and "Cecilia W Burenby" in page


@pytest.mark.django_db
def test_a_signed_pledge_offers_its_editor_a_new_pledge_and_an_extension_but_no_changes(
    client, coordinator, pledge, draft
):
    client.force_login(coordinator)

    page = client.get(pledge.get_absolute_url()).content.decode()
    draft_page = client.get(draft.get_absolute_url()).content.decode()

    # Her draft offers the changes, so their absence below is not a renamed control.
    for change in ["Ändra uppgifter", "Lägg till löfte", "Ta bort utkastet"]:
        assert change in draft_page
    assert "Nytt medborgarlöfte för 2019 utifrån 2018" in page
    assert "Förläng oförändrat till 2019" in page
    assert "Historik" in page
    assert "Ändra uppgifter" not in page
    assert "Lägg till löfte" not in page
    assert "Ta bort utkastet" not in page
    assert url("edit", pledge.pk) not in page and url("promise_create", pledge.pk) not in page


@pytest.mark.django_db
def test_a_draft_offers_its_editor_every_change(client, coordinator, draft):
    client.force_login(coordinator)

    page = client.get(draft.get_absolute_url()).content.decode()

    for action in [
        "Ändra uppgifter",
        "Lägg till löfte",
        "Flytta upp",
        "Ta bort utkastet",
        "Förläng oförändrat",
    ]:
        assert action in page
    assert 'hx-boost="true"' in page


EDIT_CONTROLS = [
    "Ändra",
    "Lägg till löfte",
    "Flytta upp",
    "Nytt medborgarlöfte",
    "Förläng",
    "Ta bort",
]


@pytest.mark.django_db
def test_the_police_chief_reads_the_pledge_without_edit_controls(
    client, coordinator, police_chief, draft
):
    client.force_login(coordinator)
    coordinators_page = client.get(draft.get_absolute_url()).content.decode()
    client.force_login(police_chief)

    response = client.get(draft.get_absolute_url())

    page = response.content.decode()
    # The coordinator sees every one of the controls on the same draft.
    assert [c for c in EDIT_CONTROLS if c not in coordinators_page] == []
    assert url("edit", draft.pk) in coordinators_page
    assert response.status_code == 200
    assert "Medborgarlöfte i Mjölby Kommun 2019" in page
    assert all(promise in page for promise in PROMISES_2018)
    assert [c for c in EDIT_CONTROLS if c in page] == []
    assert url("edit", draft.pk) not in page


@pytest.mark.django_db
def test_the_police_chief_is_refused_every_change_and_nothing_changes(client, police_chief, draft):
    client.force_login(police_chief)
    before = snapshot(draft)
    promise = draft.promises.get(position=2)

    refused = [
        client.post(url("edit", draft.pk), pledge_data(draft, title="Polisens rubrik")),
        client.post(url("promise_create", draft.pk), promise_data("Polisens löfte")),
        client.post(url("promise_edit", promise.pk), promise_data("Ändrat av polisen")),
        client.post(url("promise_move", promise.pk), {"direction": "up"}),
        client.post(url("promise_delete", promise.pk)),
        client.post(
            url("copy", draft.pk),
            {"title": "Kopia", "period_start": "2019-01-01", "period_end": "2019-12-31"},
        ),
        client.post(url("extend", draft.pk), {"extended_to": "2019-12-31"}),
        client.post(url("delete", draft.pk)),
    ]

    assert [r.status_code for r in refused] == [403] * len(refused)
    assert snapshot(draft) == before
    assert Pledge.objects.count() == 2  # the signed 2018 pledge and this draft


@pytest.mark.django_db
def test_another_municipality_does_not_learn_that_the_pledge_exists(
    client, other_coordinator, draft
):
    client.force_login(other_coordinator)
    promise = draft.promises.first()
    before = snapshot(draft)

    responses = [
        client.get(url("detail", draft.pk)),
        client.get(url("history", draft.pk)),
        client.get(url("as_of", draft.pk), {"tid": timezone.now().isoformat()}),
        client.get(url("edit", draft.pk)),
        client.get(url("copy", draft.pk)),
        client.get(url("extend", draft.pk)),
        client.get(url("create", draft.partnership_id)),
        client.post(url("promise_edit", promise.pk), promise_data("Boxholms löfte")),
        client.post(url("promise_move", promise.pk), {"direction": "down"}),
        client.post(url("promise_delete", promise.pk)),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert snapshot(draft) == before


@pytest.mark.django_db
def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(client, pledge):
    response = client.get(pledge.get_absolute_url())

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_pledge_page_does_the_same_number_of_queries_however_many_promises(
    client, coordinator, draft, mjolby
):
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as three:
        client.get(draft.get_absolute_url())
    for position in range(4, 14):
        Promise.objects.create(
            pledge=draft, position=position, text=f"Löfte {position}", responsible="police"
        )
        CitizenDialogue.objects.create(
            partnership=mjolby, pledge=draft, year=2017, town=f"Ort {position}"
        )

    with CaptureQueriesContext(connection) as thirteen:
        page = client.get(draft.get_absolute_url()).content.decode()

    assert "Löfte 13" in page and "Ort 13" in page
    assert len(thirteen) == len(three)


# Copying and creating


@pytest.mark.django_db
def test_copying_2018_creates_a_2019_draft_with_the_same_three_promises(
    client, coordinator, pledge
):
    client.force_login(coordinator)

    form = client.get(url("copy", pledge.pk)).content.decode()
    response = client.post(
        url("copy", pledge.pk),
        {
            "title": "Medborgarlöfte i Mjölby Kommun 2019",
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
        },
    )

    assert "Nytt medborgarlöfte för 2019 utifrån 2018" in form
    assert 'value="Medborgarlöfte i Mjölby Kommun 2019"' in form
    assert 'value="2019-01-01"' in form and 'value="2019-12-31"' in form
    copy = Pledge.objects.get(title="Medborgarlöfte i Mjölby Kommun 2019")
    assert response.status_code == 302
    assert response["Location"] == copy.get_absolute_url()
    assert copy.status == DocumentStatus.DRAFT
    assert copy.copied_from == pledge
    assert copy.diary_number == ""
    assert promise_texts(copy) == PROMISES_2018
    assert list(copy.promises.order_by("position").values_list("responsible", flat=True)) == [
        "police",
        "joint",
        "municipality",
    ]
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "Utgår från Medborgarlöfte i Mjölby Kommun 2018 (2018)" in visible_text(page)
    assert "Ändra uppgifter" in page
    # The signed original is as it was.
    assert promise_texts(pledge) == PROMISES_2018
    pledge.refresh_from_db()
    assert pledge.status == DocumentStatus.SIGNED


@pytest.mark.django_db
def test_a_copy_into_the_same_year_is_refused_with_the_overlap_explained(
    client, coordinator, pledge
):
    client.force_login(coordinator)

    response = client.post(
        url("copy", pledge.pk),
        {"title": "Ännu ett 2018", "period_start": "2018-06-01", "period_end": "2019-05-31"},
    )

    assert response.status_code == 200
    assert "Perioden överlappar medborgarlöftet ”Medborgarlöfte i Mjölby Kommun 2018” (2018)." in (
        response.content.decode()
    )
    assert Pledge.objects.count() == 1
    assert Promise.objects.count() == 3


@pytest.mark.django_db
def test_the_coordinator_creates_a_pledge_for_next_year_with_its_dialogues(
    client, coordinator, mjolby
):
    client.force_login(coordinator)
    dialogue = CitizenDialogue.objects.create(partnership=mjolby, year=2018, town="Skänninge")

    response = client.post(
        url("create", mjolby.pk),
        {
            "title": "Medborgarlöfte i Mjölby kommun 2019",
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
            "situation": "Cykelstölder vid resecentrum.",
            "from_statistics": "on",
            "dialogues": [dialogue.pk],
        },
    )

    created = Pledge.objects.get(title="Medborgarlöfte i Mjölby kommun 2019")
    assert response.status_code == 302
    assert created.status == DocumentStatus.DRAFT
    dialogue.refresh_from_db()
    assert dialogue.pledge == created
    page = client.get(created.get_absolute_url()).content.decode()
    assert "Underlag: statistik" in page
    assert "Medborgardialog 2018, Skänninge" in page


@pytest.mark.django_db
def test_a_new_pledge_overlapping_the_signed_one_is_refused_and_nothing_is_saved(
    client, coordinator, mjolby
):
    client.force_login(coordinator)

    response = client.post(
        url("create", mjolby.pk),
        {
            "title": "Halvårslöfte",
            "period_start": "2018-07-01",
            "period_end": "2019-06-30",
            "dialogues": [1],
        },
    )

    assert response.status_code == 200
    assert "Perioden överlappar medborgarlöftet" in response.content.decode()
    assert Pledge.objects.count() == 1
    assert CitizenDialogue.objects.get(pk=1).pledge_id == Pledge.objects.get().pk


# Editing the pledge itself


@pytest.mark.django_db
def test_editing_the_signed_pledge_is_refused_and_nothing_changes(client, coordinator, pledge):
    client.force_login(coordinator)
    before = snapshot(pledge)
    promise = pledge.promises.get(position=1)

    responses = [
        client.get(url("edit", pledge.pk)),
        client.post(url("edit", pledge.pk), pledge_data(pledge, title="Ändrad i efterhand")),
        client.post(url("promise_create", pledge.pk), promise_data("Ett löfte i efterhand")),
        client.post(url("promise_edit", promise.pk), promise_data("Ändrat i efterhand")),
        client.post(url("promise_move", promise.pk), {"direction": "down"}),
        client.post(url("promise_delete", promise.pk)),
        client.post(url("delete", pledge.pk)),
    ]

    assert [r.status_code for r in responses] == [403] * len(responses)
    assert snapshot(pledge) == before
    assert CitizenDialogue.objects.filter(pledge=pledge).count() == 3


@pytest.mark.django_db
def test_the_coordinator_edits_a_draft_and_chooses_the_dialogues_behind_it(
    client, coordinator, draft
):
    CitizenDialogue.objects.update(pledge=draft)  # the 2017 dialogues informed this draft
    client.force_login(coordinator)
    form = client.get(url("edit", draft.pk)).content.decode()
    kept = [1, 2]

    response = client.post(
        url("edit", draft.pk),
        pledge_data(
            draft, focus_place="Resecentrum", dialogues=kept, version=latest_version(draft)
        ),
    )

    dialogue_boxes = re.findall(r'<input[^>]*name="dialogues"[^>]*>', form)
    assert 'type="date"' in form and 'value="2019-01-01"' in form
    assert [(re.search(r'value="(\d+)"', box)[1], "checked" in box) for box in dialogue_boxes] == [
        ("1", True),
        ("2", True),
        ("3", True),
    ]
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.focus_place == "Resecentrum"
    assert sorted(draft.citizen_dialogues.values_list("pk", flat=True)) == kept
    dropped = CitizenDialogue.objects.get(pk=3)
    assert dropped.pledge is None
    assert dropped.history.latest().history_user == coordinator


@pytest.mark.django_db
def test_a_stale_edit_of_the_pledge_is_not_saved_over_a_newer_one(client, coordinator, draft):
    client.force_login(coordinator)
    version = latest_version(draft)
    draft.situation = "Ny lägesbild från kommunpolisen."
    draft.save()

    response = client.post(
        url("edit", draft.pk), pledge_data(draft, situation="Min lägesbild", version=version)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "har sparat ändringar här" in page and "Det du skrev är inte sparat." in page
    assert "Min lägesbild" in page
    draft.refresh_from_db()
    assert draft.situation == "Ny lägesbild från kommunpolisen."


@pytest.mark.django_db
def test_deleting_a_draft_asks_first_and_keeps_its_dialogues(client, coordinator, mjolby):
    client.force_login(coordinator)
    draft_2019 = Pledge.objects.create(
        partnership=mjolby,
        title="Utkast 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )
    Promise.objects.create(pledge=draft_2019, position=1, text="Ett löfte", responsible="police")
    dialogue = CitizenDialogue.objects.create(partnership=mjolby, pledge=draft_2019, year=2018)

    confirm = client.get(url("delete", draft_2019.pk))
    response = client.post(url("delete", draft_2019.pk))

    assert "Ta bort ”Utkast 2019”?" in confirm.content.decode()
    assert response.status_code == 302
    assert response["Location"] == mjolby.get_absolute_url()
    assert not Pledge.objects.filter(pk=draft_2019.pk).exists()
    assert not Promise.objects.filter(text="Ett löfte").exists()
    dialogue.refresh_from_db()
    assert dialogue.pledge is None


@pytest.mark.django_db
def test_a_draft_that_a_council_case_decides_on_is_not_deleted(client, coordinator, draft):
    DecisionBasis.objects.create(
        case=CouncilCase.objects.get(diary_number="KS/2017:359"),
        position=4,
        title="Förslag till medborgarlöfte 2019",
        document=draft,
    )
    client.force_login(coordinator)

    response = client.post(url("delete", draft.pk), follow=True)

    assert "kan inte tas bort" in response.content.decode()
    assert Pledge.objects.filter(pk=draft.pk).exists()
    assert promise_texts(draft) == PROMISES_2018


# Promises, in place


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


# Extension


@pytest.mark.django_db
def test_the_signed_pledge_is_extended_unchanged_and_then_blocks_a_2019_pledge(
    client, coordinator, pledge, mjolby
):
    client.force_login(coordinator)

    form = client.get(url("extend", pledge.pk)).content.decode()
    response = client.post(
        url("extend", pledge.pk),
        {"extended_to": "2019-12-31", "extension_note": "Beslutat i KS § 12 2019."},
    )

    assert 'value="2019-12-31"' in form
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.extended_to == date(2019, 12, 31)
    assert pledge.status == DocumentStatus.SIGNED
    assert promise_texts(pledge) == PROMISES_2018
    assert (
        pledge.history.latest().history_change_reason == "Förlängd oförändrad till 31 december 2019"
    )
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Förlängt oförändrat till och med 31 december 2019" in page
    assert "Beslutat i KS § 12 2019." in page
    assert "Nytt medborgarlöfte för 2020 utifrån 2018" in page

    refused = client.post(
        url("create", mjolby.pk),
        {"title": "Medborgarlöfte 2019", "period_start": "2019-01-01", "period_end": "2019-12-31"},
    )
    assert refused.status_code == 200
    assert "Perioden överlappar medborgarlöftet ”Medborgarlöfte i Mjölby Kommun 2018”" in (
        refused.content.decode()
    )
    assert Pledge.objects.count() == 1


@pytest.mark.django_db
def test_an_extension_that_ends_too_early_is_refused_in_swedish(client, coordinator, pledge):
    client.force_login(coordinator)

    response = client.post(url("extend", pledge.pk), {"extended_to": "2018-06-30"})

    assert response.status_code == 200
    assert (
        "En förlängning måste sluta efter den ursprungliga perioden." in response.content.decode()
    )
    pledge.refresh_from_db()
    assert pledge.extended_to is None


@pytest.mark.django_db
def test_an_extension_into_the_next_pledge_is_refused(client, coordinator, pledge, mjolby):
    client.force_login(coordinator)
    Pledge.objects.create(
        partnership=mjolby,
        title="Medborgarlöfte 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )

    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert "Perioden överlappar medborgarlöftet ”Medborgarlöfte 2019”" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.extended_to is None


@pytest.mark.django_db
def test_a_superseded_pledge_cannot_be_extended(client, coordinator, pledge):
    client.force_login(coordinator)
    while_signed = client.get(pledge.get_absolute_url()).content.decode()
    pledge.status = DocumentStatus.SUPERSEDED
    pledge.save()

    page = client.get(pledge.get_absolute_url()).content.decode()
    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert "Förläng oförändrat" in while_signed and url("extend", pledge.pk) in while_signed
    assert "Status Ersatt" in visible_text(page)
    assert "Förläng oförändrat" not in page and url("extend", pledge.pk) not in page
    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.extended_to is None


@pytest.mark.django_db
def test_the_police_chief_cannot_extend_the_pledge(client, police_chief, pledge):
    client.force_login(police_chief)

    response = client.post(url("extend", pledge.pk), {"extended_to": "2019-12-31"})

    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.extended_to is None


# History


@pytest.mark.django_db
def test_the_history_lists_a_promise_change_with_the_name_of_who_made_it(
    client, coordinator, draft
):
    client.force_login(coordinator)
    promise = draft.promises.get(position=1)
    client.post(
        url("promise_edit", promise.pk),
        promise_data("Polisen patrullerar till fots", "police", version=latest_version(promise)),
    )

    page = client.get(url("history", draft.pk)).content.decode()

    assert history_entries(page)[0] == (
        "Roger Max · Ändrad: Löfte: Polisen patrullerar till fots "
        "Löfte Polisen utför fotpatrullering i området → Polisen patrullerar till fots"
    )
    assert "<del>Polisen utför fotpatrullering i området</del>" in page


@pytest.mark.django_db
def test_the_pledge_can_be_read_as_it_was_before_a_promise_changed(
    client, coordinator, police_chief, draft
):
    before = timezone.now()
    promise = draft.promises.get(position=1)
    promise.text = "Ändrat efteråt"
    promise.save()
    draft.promises.get(position=3).delete()
    client.force_login(police_chief)

    response = client.get(url("as_of", draft.pk), {"tid": before.isoformat()})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Så här såg dokumentet ut" in page
    for text in PROMISES_2018:
        assert text in page
    assert "Ändrat efteråt" not in page
    # Not even the coordinator, who edits the draft as it is, may edit it as it was.
    client.force_login(coordinator)
    now = client.get(draft.get_absolute_url()).content.decode()
    then = client.get(url("as_of", draft.pk), {"tid": before.isoformat()}).content.decode()
    assert "Lägg till löfte" in now and 'hx-boost="true"' in now
    assert "Så här såg dokumentet ut" in then
    assert "Lägg till löfte" not in then and "hx-boost" not in then


@pytest.mark.django_db
def test_an_invalid_moment_is_not_found(client, coordinator, pledge):
    client.force_login(coordinator)

    assert client.get(url("as_of", pledge.pk), {"tid": "igår"}).status_code == 404
