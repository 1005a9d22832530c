"""Sending a draft pledge for signing: who is proposed and asked, the e-mail each signatory
gets, and that a pledge awaiting signatures is no longer edited but found by its signatory.
"""

import pytest
from django.core import mail
from django.urls import reverse

from pledges.models import Pledge
from safety_partnership.models import Person, Role
from safety_partnership.signing import services as signing
from tests.conftest import make_partnership, make_user
from tests.safety_partnership.signing_helpers import (
    TITLE_2019,
    both_parties,
    signature_rows,
    state,
    url,
)


@pytest.mark.django_db
def test_the_pledge_is_proposed_for_the_police_chief_and_the_chair_not_the_former_chair(mjolby):
    proposed = signing.proposed_signatories(Pledge.objects.get())

    assert [p.name for p in proposed] == ["Hanna Sjögren", "Cecilia W Burenby"]
    assert Person.objects.filter(name="Cecilia Vilhelmsson", is_active=False).exists()


@pytest.mark.django_db
def test_the_send_page_ticks_the_proposed_signatories(client, people, draft):
    coordinator, police_chief, chair = people
    client.force_login(coordinator)

    form = client.get(url("send", draft)).context["form"]

    assert list(form.initial["signatories"]) == [police_chief.person, chair.person]


@pytest.mark.django_db
def test_sending_the_draft_asks_both_signatories_and_emails_them(
    client, people, draft, django_capture_on_commit_callbacks
):
    coordinator, police_chief, chair = people
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("send", draft),
            {"signatories": [police_chief.person.pk, chair.person.pk], "message": "Se löfte 2."},
        )

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == "awaiting_signatures"
    assert [(name, at) for name, at, *_ in signature_rows(draft)] == [
        ("Hanna Sjögren", None),
        ("Cecilia W Burenby", None),
    ]
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([chair.email, police_chief.email])
    assert all(TITLE_2019 in m.subject and "Se löfte 2." in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_each_signatory_gets_an_email_of_their_own(
    client, people, draft, django_capture_on_commit_callbacks
):
    coordinator, police_chief, chair = people
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("send", draft), {"signatories": [police_chief.person.pk, chair.person.pk]})

    assert sorted(m.to for m in mail.outbox) == sorted([[chair.email], [police_chief.email]])


@pytest.mark.django_db
def test_a_signatory_without_an_address_is_asked_without_an_email(
    client, coordinator, draft, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    signatories = [person.pk for person in both_parties()]  # neither has a login or address

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("send", draft), {"signatories": signatories})

    draft.refresh_from_db()
    assert draft.status == "awaiting_signatures"
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_draft_sent_for_signing_can_no_longer_be_edited(client, awaiting, coordinator):
    client.force_login(coordinator)
    promise = awaiting.promises.first()
    before = state(awaiting)

    response = client.post(
        reverse("pledges:promise_edit", args=[promise.pk]),
        {"text": "Ändrat medan det väntar", "responsible": "police"},
    )

    assert response.status_code == 403
    assert "väntar på underskrifter och kan inte ändras" in response.text
    assert state(awaiting) == before
    promise.refresh_from_db()
    assert promise.text == "Polisen utför fotpatrullering i området"


@pytest.mark.django_db
def test_the_refusal_while_awaiting_signatures_reads_as_swedish(client, awaiting, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("pledges:edit", args=[awaiting.pk]), {"title": "X"})

    assert response.status_code == 403
    assert (
        f"”{TITLE_2019}” väntar på underskrifter och kan inte ändras. "
        "Ta tillbaka det till utkast först."
    ) in response.text
    assert "är väntar" not in response.text


@pytest.mark.django_db
def test_the_police_chief_finds_the_pledge_among_what_awaits_her(client, awaiting, police_chief):
    client.force_login(police_chief)

    page = client.get("/").text

    # Hers to do, so first, before what else waits.
    mine = page[page.index("Att göra för dig") :].split("</section>")[0]
    assert f"Väntar på din underskrift: {TITLE_2019}" in mine
    assert url("sign", awaiting) in client.get(awaiting.get_absolute_url()).text


@pytest.mark.django_db
def test_a_document_is_not_sent_to_one_party_alone(client, coordinator, draft):
    """An agreement could be sent to the municipality alone, with no police signatory."""
    client.force_login(coordinator)
    chair = Person.objects.get(name="Cecilia W Burenby")
    before = state(draft)

    response = client.post(url("send", draft), {"signatories": [chair.pk]})

    assert "ingen undertecknar för polisen" in response.text
    assert state(draft) == before


@pytest.mark.django_db
def test_one_party_alone_needs_a_reason_that_is_kept_and_shown(client, coordinator, chair, draft):
    client.force_login(coordinator)
    reason = "Polisen har redan godkänt löftena i sitt eget beslut, dnr A123.456/2018."

    page = client.post(
        url("send", draft),
        {"signatories": [chair.person.pk], "override_reason": reason},
        follow=True,
    )

    draft.refresh_from_db()
    assert draft.status == "awaiting_signatures"
    assert "Undertecknas inte av både kommunen och polisen. Skäl, angivet av Roger Max" in page.text
    assert reason in page.text
    client.force_login(chair)
    assert f"Samordnarens skäl: {reason}" in client.get(url("sign", draft)).text


@pytest.mark.django_db
def test_only_the_partnerships_signatories_can_be_asked(
    client, coordinator, other_coordinator, draft
):
    client.force_login(coordinator)
    before = state(draft)
    signatories = [p.pk for p in both_parties()] + [other_coordinator.person.pk]

    response = client.post(url("send", draft), {"signatories": signatories})

    assert "Välj ett giltigt alternativ." in response.text
    assert state(draft) == before


@pytest.mark.django_db
def test_another_organisation_of_the_partnership_co_signs_and_reads_what_it_signs(
    client, coordinator, draft, mjolby
):
    """A housing company that is a party of Mjölby's partnership co-signs the pledge; the same
    kind of signatory of another partnership is not offered, and reads nothing here."""
    ours = Person.objects.create(
        name="Eva Ek", role=Role.OTHER_SIGNATORY, organisation="Mjölbostäder", partnership=mjolby
    )
    theirs = Person.objects.create(
        name="Bo Berg",
        role=Role.OTHER_SIGNATORY,
        organisation="Motalabostäder",
        partnership=make_partnership(mjolby.police_area),
    )
    make_user("eva", ours)
    client.force_login(coordinator)

    offered = client.get(url("send", draft)).text
    client.post(url("send", draft), {"signatories": [*[p.pk for p in both_parties()], ours.pk]})

    assert "Eva Ek" in offered and "Bo Berg" not in offered
    assert "Eva Ek" in [name for name, *_ in signature_rows(draft)]
    client.force_login(make_user("bo", theirs))
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(ours.user)
    assert client.get(draft.get_absolute_url()).status_code == 200
