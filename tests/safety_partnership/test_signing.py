"""Two-party signing of a citizen pledge, through the services and the pages.

The coordinator sends a draft to the police area chief and the KS chair; each signs
with their password, or sends it back with a comment; the last signature makes it
signed and frozen. A signed pledge is revised, not changed, and every signature can be
checked by anyone on the verification page, exactly, also after a later revision.
"""

import json
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from pledges.models import Pledge, Promise
from safety_partnership.models import FrozenDocument, Person, Signature
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from tests.seed_content import (
    PLEDGE_2018,
    PLEDGE_2018_HASH,
    PLEDGE_2019_DRAFT,
    PLEDGE_2019_DRAFT_HASH,
    canonical_json,
)

KIND = "medborgarlofte"
PASSWORD = "secret-pass-1"
TITLE_2019 = "Medborgarlöfte i Mjölby Kommun 2019"
# What the 2019 draft says and the SHA-256 the signatories sign, written out by hand.
CONTENT_2019 = PLEDGE_2019_DRAFT
HASH_2019 = PLEDGE_2019_DRAFT_HASH


def url(action: str, document) -> str:
    return reverse(f"signing:{action}", args=[KIND, document.pk])


def signature_rows(document) -> list[tuple]:
    return list(
        Signature.objects.filter(object_id=document.pk, content_type__model="pledge")
        .order_by("position")
        .values_list("name", "signed_at", "content_hash", "verification_code")
    )


def state(document) -> tuple:
    """What a refused signing step must leave as it was: status, signatures, history."""
    document.refresh_from_db()
    return (
        document.status,
        signature_rows(document),
        Pledge.history.filter(id=document.pk).count(),
        Signature.history.count(),
    )


@pytest.fixture
def people(coordinator, police_chief, chair):
    """The coordinator and both signatories, with the e-mail addresses they are reached at."""
    for user, address in [
        (coordinator, "roger.max@mjolby.se"),
        (police_chief, "hanna.sjogren@polisen.se"),
        (chair, "cecilia.burenby@mjolby.se"),
    ]:
        user.email = address
        user.save()
    return coordinator, police_chief, chair


@pytest.fixture
def draft(mjolby) -> Pledge:
    """Next year's pledge, copied from the signed 2018 pledge."""
    return copy_document(
        original=Pledge.objects.get(),
        title=TITLE_2019,
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )


@pytest.fixture
def awaiting(draft, people) -> Pledge:
    coordinator, police_chief, chair = people
    signing.send_for_signing(
        document=draft, user=coordinator, signatories=[police_chief.person, chair.person]
    )
    mail.outbox.clear()
    draft.refresh_from_db()
    return draft


def sign_in_register(document, *users) -> None:
    for user in users:
        signing.sign(document=document, user=user, password=PASSWORD)
    document.refresh_from_db()


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
    chair = Person.objects.get(name="Cecilia W Burenby")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("send", draft), {"signatories": [chair.pk]})

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

    assert f"Väntar på din underskrift: {TITLE_2019}" in page
    assert url("sign", awaiting) in client.get(awaiting.get_absolute_url()).text


@pytest.mark.django_db
def test_the_signing_page_shows_the_hash_of_what_is_signed(client, awaiting, police_chief):
    client.force_login(police_chief)

    page = client.get(url("sign", awaiting)).text

    assert HASH_2019 in page
    assert f"Skriv under ”{TITLE_2019}”" in page


@pytest.mark.django_db
def test_a_wrong_password_signs_nothing(client, awaiting, police_chief):
    client.force_login(police_chief)
    before = state(awaiting)

    response = client.post(url("sign", awaiting), {"password": "fel-lösenord"})

    assert response.status_code == 200
    assert "Lösenordet stämmer inte" in response.text
    assert state(awaiting) == before


@pytest.mark.django_db
def test_the_police_chief_signs_with_her_password(client, awaiting, police_chief):
    client.force_login(police_chief)

    response = client.post(url("sign", awaiting), {"password": PASSWORD}, follow=True)

    signature = awaiting.signatures.get(person=police_chief.person)
    assert signature.signed_at is not None and signature.signed_on is not None
    assert (signature.title, signature.role) == (
        "Lokalpolisområdeschef",
        "Undertecknar för polisen",
    )
    assert signature.content_hash == HASH_2019
    assert len(signature.verification_code) == 10
    assert signature.version == Pledge.history.filter(id=awaiting.pk).latest()
    assert f"Kontrollkod: {signature.verification_code}" in response.text
    awaiting.refresh_from_db()
    assert awaiting.status == "awaiting_signatures"


@pytest.mark.django_db
def test_the_chairs_signature_makes_the_pledge_signed_and_tells_the_coordinator(
    client, awaiting, people, django_capture_on_commit_callbacks
):
    coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief)
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("sign", awaiting), {"password": PASSWORD})

    awaiting.refresh_from_db()
    assert awaiting.status == "signed"
    signatures = awaiting.signatures.order_by("position")
    assert [(s.name, s.signed_at is not None) for s in signatures] == [
        ("Hanna Sjögren", True),
        ("Cecilia W Burenby", True),
    ]
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert TITLE_2019 in mail.outbox[0].subject


NOT_ASKED = "Dokumentet väntar inte på din underskrift."
NOT_FOUND = "Sidan du sökte finns inte, eller så har du inte behörighet att se den."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,status,message",
    [
        ("coordinator", 200, NOT_ASKED),
        ("staff", 200, NOT_ASKED),
        # Another municipality does not learn that the pledge exists.
        ("other_coordinator", 404, NOT_FOUND),
    ],
)
def test_someone_not_asked_to_sign_cannot_sign(client, awaiting, persona, status, message, request):
    client.force_login(request.getfixturevalue(persona))
    before = state(awaiting)

    response = client.post(url("sign", awaiting), {"password": PASSWORD}, follow=True)

    assert response.status_code == status
    assert message in response.text
    assert state(awaiting) == before


@pytest.mark.django_db
def test_the_service_refuses_a_signature_nobody_asked_for(awaiting, coordinator):
    before = state(awaiting)

    with pytest.raises(signing.PermissionDenied):
        signing.sign(document=awaiting, user=coordinator, password=PASSWORD)

    assert state(awaiting) == before


@pytest.mark.django_db
def test_signing_twice_is_refused(client, awaiting, police_chief):
    sign_in_register(awaiting, police_chief)
    client.force_login(police_chief)
    before = state(awaiting)

    response = client.post(url("sign", awaiting), {"password": PASSWORD}, follow=True)

    assert "Dokumentet väntar inte på din underskrift" in response.text
    assert state(awaiting) == before
    with pytest.raises(signing.PermissionDenied):
        signing.sign(document=awaiting, user=police_chief, password=PASSWORD)


@pytest.mark.django_db
def test_the_chair_returns_the_pledge_with_a_comment(
    client, awaiting, people, django_capture_on_commit_callbacks
):
    coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief)
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("return", awaiting), {"comment": "Löfte 3 behöver en tidplan."})

    awaiting.refresh_from_db()
    assert awaiting.status == "draft"
    assert not awaiting.signatures.exists()
    client.force_login(coordinator)
    page = client.get(awaiting.get_absolute_url()).text
    assert "Återsänd av ordforande" in page and "Löfte 3 behöver en tidplan." in page
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Löfte 3 behöver en tidplan." in mail.outbox[0].body


@pytest.mark.django_db
def test_returning_without_a_comment_is_refused(
    client, awaiting, chair, django_capture_on_commit_callbacks
):
    client.force_login(chair)
    before = state(awaiting)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("return", awaiting), {"comment": "   "}, follow=True)

    assert "Skriv varför du skickar tillbaka dokumentet" in response.text
    assert state(awaiting) == before
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_coordinator_recalls_the_pledge_to_draft(client, awaiting, coordinator, police_chief):
    sign_in_register(awaiting, police_chief)
    client.force_login(coordinator)

    response = client.post(url("recall", awaiting), follow=True)

    awaiting.refresh_from_db()
    assert awaiting.status == "draft"
    assert not awaiting.signatures.exists()
    assert "Dokumentet är återtaget och är ett utkast igen." in response.text


@pytest.mark.django_db
def test_after_a_recall_the_page_no_longer_shows_an_earlier_return(client, awaiting, people):
    coordinator, police_chief, chair = people
    client.force_login(coordinator)
    signing.return_to_draft(document=awaiting, user=chair, comment="Löfte 3 saknar tidplan.")
    returned = client.get(awaiting.get_absolute_url()).text
    signing.send_for_signing(
        document=awaiting, user=coordinator, signatories=[police_chief.person, chair.person]
    )
    signing.recall(document=awaiting, user=coordinator)

    page = client.get(awaiting.get_absolute_url()).text

    # The return was on the page, so its absence now is the recall's doing.
    assert "Återsänd av ordforande" in returned and "Löfte 3 saknar tidplan." in returned
    assert TITLE_2019 in page and "Polisen utför fotpatrullering i området" in page
    assert "Återsänd av ordforande" not in page and "Löfte 3 saknar tidplan." not in page


@pytest.mark.django_db
def test_a_signatory_cannot_recall(client, awaiting, police_chief):
    client.force_login(police_chief)
    before = state(awaiting)

    response = client.post(url("recall", awaiting))

    assert response.status_code == 403
    assert state(awaiting) == before


@pytest.mark.django_db
def test_revising_the_signed_pledge_starts_revision_2_as_a_draft(client, coordinator):
    original = Pledge.objects.get()
    client.force_login(coordinator)

    response = client.post(url("revise", original), follow=True)

    revision = Pledge.objects.get(revision_of=original)
    assert response.redirect_chain[-1][0] == revision.get_absolute_url()
    assert (revision.status, revision.revision) == ("draft", 2)
    assert revision.diary_number == original.diary_number == "KS/2017:359"
    assert list(revision.promises.values_list("text", "responsible")) == list(
        original.promises.values_list("text", "responsible")
    )
    original.refresh_from_db()
    assert original.status == "signed"


@pytest.mark.django_db
def test_signing_the_revision_supersedes_the_original_which_still_verifies(
    client, awaiting, people
):
    coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    revision = signing.revise(document=awaiting, user=coordinator)
    Promise.objects.filter(pledge=revision, position=3).update(text="Nytt tredje löfte")
    signing.send_for_signing(
        document=revision, user=coordinator, signatories=[police_chief.person, chair.person]
    )

    sign_in_register(revision, police_chief, chair)

    awaiting.refresh_from_db()
    assert (awaiting.status, revision.status) == ("superseded", "signed")
    assert signing.content_hash(awaiting) == HASH_2019
    assert [s.content_hash for s in awaiting.signatures.all()] == [HASH_2019, HASH_2019]
    client.force_login(coordinator)
    page = client.get(awaiting.get_absolute_url()).text
    assert "Ersatt" in page and "Upplevda otrygghetsfaktorer" in page
    code = awaiting.signatures.first().verification_code
    assert "Innehållet är oförändrat" in client.get(reverse("verify"), {"kod": code}).text


@pytest.mark.django_db
def test_the_verification_page_shows_what_was_signed_and_by_whom(client, awaiting, people):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    code = awaiting.signatures.get(person=chair.person).verification_code

    response = client.get(reverse("verify"), {"kod": code})

    assert response.status_code == 200
    assert TITLE_2019 in response.text
    assert "Hanna Sjögren" in response.text and "Cecilia W Burenby" in response.text
    assert "Innehållet är oförändrat" in response.text
    assert "Polisen utför fotpatrullering i området" in response.text


@pytest.mark.django_db
def test_a_code_typed_in_lower_case_with_spaces_is_found(client, awaiting, people):
    _coordinator, police_chief, _chair = people
    sign_in_register(awaiting, police_chief)
    code = awaiting.signatures.get(person=police_chief.person).verification_code

    response = client.get(reverse("verify"), {"kod": f" {code[:5].lower()} {code[5:]} "})

    assert response.status_code == 200
    assert TITLE_2019 in response.text


@pytest.mark.django_db
def test_a_made_up_code_is_not_found(client, awaiting, people):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)

    response = client.get(reverse("verify"), {"kod": "ABCDEFGHIJ"})

    assert response.status_code == 404
    assert "Ingen underskrift har den kontrollkoden" in response.text
    assert TITLE_2019 not in response.text


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL's trigger refuses the change itself"
)
def test_the_verification_page_warns_when_the_signed_text_was_changed_in_the_database(
    client, awaiting, people
):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief, chair)
    code = awaiting.signatures.first().verification_code
    promise = awaiting.promises.first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE pledges_promise SET text = 'Ändrat' WHERE id = %s", [promise.pk])

    response = client.get(reverse("verify"), {"kod": code})

    assert "Varning: innehållet stämmer inte längre med det som skrevs under." in response.text
    assert "Innehållet är oförändrat" not in response.text


@pytest.mark.django_db
def test_a_pledge_awaiting_signatures_cannot_change_between_two_signatures(
    client, awaiting, people
):
    _coordinator, police_chief, chair = people
    sign_in_register(awaiting, police_chief)
    promise = awaiting.promises.first()
    promise.text = "Ändrat efter polisens underskrift"
    with pytest.raises(FrozenDocument, match="väntar på underskrifter"):
        promise.save()

    sign_in_register(awaiting, chair)

    awaiting.refresh_from_db()
    assert awaiting.status == "signed"
    assert [s.content_hash for s in awaiting.signatures.all()] == [HASH_2019, HASH_2019]
    code = awaiting.signatures.get(person=police_chief.person).verification_code
    assert "Innehållet är oförändrat" in client.get(reverse("verify"), {"kod": code}).text


@pytest.mark.django_db
def test_the_canonical_content_is_the_same_bytes_every_time(draft):
    first = signing.canonical_content(draft)
    again = signing.canonical_content(Pledge.objects.get(pk=draft.pk))

    assert first == again == canonical_json(CONTENT_2019)
    assert signing.content_hash(draft) == HASH_2019
    assert signing.content_hash(Pledge.objects.get(pk=draft.pk)) == HASH_2019


@pytest.mark.django_db
def test_the_signed_seed_pledge_has_the_content_and_hash_of_the_seed(mjolby):
    pledge = Pledge.objects.get(status="signed")

    assert json.loads(signing.canonical_content(pledge)) == PLEDGE_2018
    assert signing.content_hash(pledge) == PLEDGE_2018_HASH


@pytest.mark.django_db
def test_the_canonical_content_changes_when_a_promise_changes_on_a_draft(draft):
    before = signing.canonical_content(draft)
    promise = draft.promises.order_by("position").last()
    promise.text = "Kommunen ser över belysningen vid resecentrum"
    promise.save()

    after = signing.canonical_content(draft)

    assert after != before
    assert "Kommunen ser över belysningen vid resecentrum" in after.decode()


@pytest.mark.django_db
def test_the_canonical_content_holds_the_promises_in_order(draft):
    content = json.loads(signing.canonical_content(draft))

    assert content == CONTENT_2019
    assert content["title"] == TITLE_2019
    assert [p["text"] for p in content["promises"]] == [
        "Polisen utför fotpatrullering i området",
        "Genomföra trygghetsvandringar med representanter från kommun, polis och andra berörda",
        "Upplevda otrygghetsfaktorer skall ses över och vid behov åtgärdas av kommunen",
    ]


@pytest.mark.django_db
def test_paper_signatures_on_a_draft_make_it_signed(draft, coordinator):
    signing.record_paper_signatures(
        document=draft,
        user=coordinator,
        signed_on=date(2018, 12, 20),
        place="Mjölby",
        signers=[
            ("Hanna Sjögren", "Lokalpolisområdeschef"),
            ("Cecilia W Burenby", "Kommunstyrelsens ordförande"),
        ],
    )

    draft.refresh_from_db()
    assert draft.status == "signed"
    assert list(
        draft.signatures.order_by("position").values_list("name", "method", "signed_on", "place")
    ) == [
        ("Hanna Sjögren", "paper", date(2018, 12, 20), "Mjölby"),
        ("Cecilia W Burenby", "paper", date(2018, 12, 20), "Mjölby"),
    ]
