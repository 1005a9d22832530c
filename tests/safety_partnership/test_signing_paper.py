"""A document signed on paper: only a draft, by the partnership's own signatories chosen from
its people (one for each party, or a recorded reason), with the scan of the paper kept and
its SHA-256, or the reason it is missing. Replays the forged "Mallory, Forger" signature and
the read access once gained by naming an outsider as a paper signer.
"""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans.models import ActionPlan
from safety_partnership.models import ArchivedPdf, Person, Signature
from safety_partnership.pdf.archive import pdf_bytes
from safety_partnership.pdf.models import SignedPaper
from safety_partnership.signing import services as signing
from tests.safety_partnership.frozen_helpers import register_state
from tests.safety_partnership.signing_helpers import both_parties

SCAN = b"%PDF-1.4\n% the signed paper, scanned\n%%EOF\n"


def paper_url(document) -> str:
    return reverse("signing:paper", args=["handlingsplan", document.pk])


def paper_form(**changes) -> dict:
    hanna, cecilia = both_parties()
    return {
        "signatories": [hanna.pk, cecilia.pk],
        "signed_on": "2021-01-20",
        "place": "Mjölby",
        "scan": SimpleUploadedFile("underskrifter.pdf", SCAN, "application/pdf"),
        **changes,
    }


@pytest.mark.django_db
def test_a_draft_signed_on_paper_is_frozen_archived_and_keeps_its_scan(
    client, coordinator, draft_plan
):
    client.force_login(coordinator)
    offered = client.get(paper_url(draft_plan)).text
    assert "Hanna Sjögren, Lokalpolisområdeschef (Lokalpolisområde Motala)" in offered

    response = client.post(paper_url(draft_plan), paper_form(), follow=True)

    draft_plan.refresh_from_db()
    assert draft_plan.status == "signed"
    assert [(s.name, s.person.name, s.method) for s in draft_plan.signatures.all()] == [
        ("Hanna Sjögren", "Hanna Sjögren", "paper"),
        ("Cecilia W Burenby", "Cecilia W Burenby", "paper"),
    ]
    paper = SignedPaper.objects.get(object_id=draft_plan.pk, content_type__model="actionplan")
    assert paper.sha256 == hashlib.sha256(SCAN).hexdigest()
    assert "Det undertecknade papperet (PDF)" in response.text and paper.sha256 in response.text
    download = client.get(reverse("pdf:signed_paper", args=["handlingsplan", draft_plan.pk]))
    assert download.content == SCAN
    assert pdf_bytes(draft_plan).startswith(b"%PDF")  # archived when first asked for
    assert ArchivedPdf.objects.filter(object_id=draft_plan.pk).exists()


@pytest.mark.django_db
def test_without_a_scan_the_reason_is_required_and_shown(client, coordinator, draft_plan):
    client.force_login(coordinator)
    before = register_state()

    missing = client.post(paper_url(draft_plan), paper_form(scan=""))
    assert "Bifoga det undertecknade papperet inskannat som PDF" in missing.text
    assert register_state() == before

    not_a_pdf = client.post(
        paper_url(draft_plan), paper_form(scan=SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff"))
    )
    assert "Filen är ingen PDF." in not_a_pdf.text
    assert register_state() == before

    reason = "Originalet finns i kommunens diarium, KS/2021:12."
    page = client.post(
        paper_url(draft_plan), paper_form(scan="", scan_missing_reason=reason), follow=True
    )
    assert f"Det undertecknade papperet är inte inskannat: {reason}" in page.text


@pytest.mark.django_db
def test_free_text_signers_are_not_taken(client, coordinator, draft_plan):
    """The forgery that froze a plan: signers="Mallory, Forger" posted as the only signer."""
    client.force_login(coordinator)
    before = register_state()

    response = client.post(
        paper_url(draft_plan),
        {"signed_on": "2021-01-20", "signers": "Mallory, Forger", "scan_missing_reason": "x"},
    )

    assert "Välj dem som har skrivit under papperet." in response.text
    assert register_state() == before
    assert ActionPlan.objects.get(pk=draft_plan.pk).status == "draft"


@pytest.mark.django_db
def test_a_document_awaiting_signatures_is_not_signed_on_paper(
    client, coordinator, police_chief, draft_plan
):
    """The plan awaited the chief and the chair; a paper form froze it and deleted their
    pending signatures. Now it must be recalled first: refused, and nothing changes."""
    signing.send_for_signing(document=draft_plan, user=coordinator, signatories=both_parties())
    client.force_login(coordinator)
    before = register_state()
    pending = list(Signature.objects.filter(object_id=draft_plan.pk).values_list("pk", flat=True))

    page = client.get(paper_url(draft_plan))
    posted = client.post(paper_url(draft_plan), paper_form())

    assert page.status_code == posted.status_code == 403
    assert "Ta tillbaka det till utkast först." in posted.text
    assert register_state() == before
    assert list(Signature.objects.filter(object_id=draft_plan.pk).values_list("pk", flat=True))
    assert pending == list(
        Signature.objects.filter(object_id=draft_plan.pk).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_both_parties_sign_or_the_coordinator_says_why_not(client, coordinator, draft_plan):
    client.force_login(coordinator)
    hanna, _cecilia = both_parties()
    before = register_state()

    one_party = client.post(paper_url(draft_plan), paper_form(signatories=[hanna.pk]))

    assert "ingen undertecknar för kommunen" in one_party.text
    assert register_state() == before
    reason = "Kommunstyrelsens ordförande är jävig; beslutet fattades av KS 2021-01-18 § 4."
    signed = client.post(
        paper_url(draft_plan),
        paper_form(signatories=[hanna.pk], override_reason=reason),
        follow=True,
    )
    assert ActionPlan.objects.get(pk=draft_plan.pk).status == "signed"
    assert "Undertecknas inte av både kommunen och polisen." in signed.text
    assert reason in signed.text


@pytest.mark.django_db
def test_people_of_other_partnerships_cannot_be_named_as_signers(
    client, coordinator, other_coordinator, other_area, draft_plan
):
    """Naming another municipality's coordinator or another area's police chief as a paper
    signer once gave them the document; now they are not among those who can be chosen."""
    client.force_login(coordinator)
    outsiders = [other_coordinator.person, other_area.person]
    before = register_state()

    response = client.post(
        paper_url(draft_plan),
        paper_form(signatories=[*[p.pk for p in both_parties()], *[p.pk for p in outsiders]]),
    )

    assert "Välj ett giltigt alternativ." in response.text
    assert register_state() == before
    for outsider in (other_coordinator, other_area):
        client.force_login(outsider)
        assert client.get(draft_plan.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_signature_row_gives_no_reading_to_someone_outside_the_partnership(
    client, other_coordinator, draft_plan
):
    """Even a signature row that names an outsider (made in the database by hand, say) opens
    nothing to them: reading by signature is only for the partnership's own organisations."""
    outsider: Person = other_coordinator.person
    Signature.objects.create(
        document=draft_plan, position=1, person=outsider, name=outsider.name, method="paper"
    )
    assert not outsider.belongs_to(draft_plan.partnership)

    client.force_login(other_coordinator)
    for url in [draft_plan.get_absolute_url(), draft_plan.history_url, draft_plan.pdf_url]:
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_a_tampered_scan_is_not_handed_out(client, coordinator, draft_plan, caplog, monkeypatch):
    client.force_login(coordinator)
    client.post(paper_url(draft_plan), paper_form())
    kept = SignedPaper.objects.get(object_id=draft_plan.pk, content_type__model="actionplan")
    # The bytes as someone with access to the database might have swapped them.
    kept.pdf = b"%PDF-1.4 forged"
    monkeypatch.setattr("safety_partnership.pdf.views.signed_paper_of", lambda document: kept)

    response = client.get(reverse("pdf:signed_paper", args=["handlingsplan", draft_plan.pk]))

    assert response.status_code == 409
    assert "Filen stämmer inte med sin kontrollsumma" in response.text
    assert "Undertecknat papper för actionplan" in caplog.text
    assert "stämmer inte med sin kontrollsumma" in caplog.text
