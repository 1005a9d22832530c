"""A fourth kind of document, registered by a test-only app (tests/extra_kind), is signed,
listed, followed in the history, printed and guarded like the three real ones, with no
change to the register outside that app."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from safety_partnership import kinds
from safety_partnership.concurrency import latest_version
from safety_partnership.models import FrozenDocument
from safety_partnership.signing import services as signing
from tests.extra_kind.models import Observation, SafetyWalkReport

PASSWORD = "secret-pass-1"


@pytest.fixture
def report(mjolby):
    report = SafetyWalkReport.objects.create(
        partnership=mjolby,
        title="Trygghetsvandring Järnvägsgatan 2018",
        period_start=date(2018, 4, 12),
        period_end=date(2018, 12, 31),
        route="Resecentrum – Järnvägsgatan – Stationsparken",
    )
    Observation.objects.create(report=report, position=1, text="Trasig belysning vid cykelstället")
    return report


def test_the_kind_is_in_the_registry():
    kind = kinds.by_slug("trygghetsvandring")
    assert kind is not None and kind.model is SafetyWalkReport
    assert [k.slug for k in kinds.all_kinds()][-1] == "trygghetsvandring"


@pytest.mark.django_db
def test_the_dashboard_lists_it_and_its_changes(client, coordinator, report):
    client.force_login(coordinator)

    page = client.get("/").text

    assert "Trygghetsvandringsrapporter" in page
    assert f'href="/trygghetsvandringar/{report.pk}/"' in page
    assert "En iakttagelse skapad" in page
    assert "Utkast att arbeta vidare med: Trygghetsvandring Järnvägsgatan 2018" in page


@pytest.mark.django_db
def test_both_parties_sign_it_in_the_register_and_anyone_can_verify_it(
    client, coordinator, police_chief, chair, report
):
    client.force_login(coordinator)
    response = client.post(
        f"/underskrift/trygghetsvandring/{report.pk}/skicka/",
        {"signatories": [police_chief.person.pk, chair.person.pk]},
    )
    assert response.status_code == 302
    for signatory in (police_chief, chair):
        client.force_login(signatory)
        sign_page = f"/underskrift/trygghetsvandring/{report.pk}/skriv-under/"
        assert "Trasig belysning vid cykelstället" in client.get(sign_page).text
        client.post(sign_page, {"password": PASSWORD})

    report.refresh_from_db()
    assert report.status == "signed"
    code = report.signatures.get(person=chair.person).verification_code
    client.logout()
    verified = client.get(reverse("verify"), {"kod": code}).text
    assert "Trygghetsvandring Järnvägsgatan 2018" in verified
    assert "Innehållet är oförändrat" in verified
    assert "Trasig belysning vid cykelstället" in verified


@pytest.mark.django_db
def test_its_history_and_its_state_at_a_moment_are_shown(client, coordinator, report):
    client.force_login(coordinator)
    created = report.history.earliest().history_date
    Observation.objects.filter(report=report).delete()

    history = client.get(f"/trygghetsvandringar/{report.pk}/historik/").text
    then = client.get(
        f"/trygghetsvandringar/{report.pk}/som-den-var/", {"tid": created.isoformat()}
    ).text

    assert "Trygghetsvandringsrapporten" in history
    assert "Iakttagelse: Trasig belysning vid cykelstället" in history
    assert "En iakttagelse borttagen: Iakttagelse: Trasig belysning" in history
    assert "Resecentrum – Järnvägsgatan – Stationsparken" in then


@pytest.mark.django_db
def test_it_is_printed_as_a_pdf_with_a_swedish_name(client, staff, report):
    client.force_login(staff)

    response = client.get(f"/pdf/trygghetsvandring/{report.pk}/")

    assert response["Content-Type"] == "application/pdf"
    assert "Trygghetsvandringsrapport" in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Trygghetsvandring Järnvägsgatan 2018" in " ".join(text.split())
    assert "UTKAST" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "/trygghetsvandringar/{pk}/",
        "/trygghetsvandringar/{pk}/historik/",
        "/pdf/trygghetsvandring/{pk}/",
        "/underskrift/trygghetsvandring/{pk}/skicka/",
    ],
)
def test_another_municipality_does_not_learn_it_exists(client, other_coordinator, report, address):
    client.force_login(other_coordinator)

    assert client.get(address.format(pk=report.pk)).status_code == 404


@pytest.mark.django_db
def test_a_reader_may_not_send_it_for_signing(client, police_chief, report):
    client.force_login(police_chief)

    response = client.post(
        f"/underskrift/trygghetsvandring/{report.pk}/skicka/",
        {"signatories": [police_chief.person.pk]},
    )

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "draft" and not report.signatures.exists()


@pytest.mark.django_db
def test_once_signed_its_rows_are_frozen(report, police_chief, chair):
    signatories = [police_chief.person, chair.person]
    signing.send_for_signing(document=report, user=None, signatories=signatories)
    signing.sign(document=report, user=police_chief, password=PASSWORD)
    signing.sign(document=report, user=chair, password=PASSWORD)

    observation = report.observations.get()
    observation.text = "Ändrat i efterhand"
    with pytest.raises(FrozenDocument):
        observation.save()
    assert report.observations.get().text == "Trasig belysning vid cykelstället"


@pytest.mark.django_db
def test_the_coordinator_creates_and_edits_it_on_the_shared_form_pages(client, coordinator, mjolby):
    client.force_login(coordinator)
    new = f"/trygghetsvandringar/ny/{mjolby.pk}/"

    page = client.get(new).text
    response = client.post(
        new,
        {
            "title": "Trygghetsvandring Mantorp",
            "period_start": "2019-05-02",
            "period_end": "2019-12-31",
            "route": "Torget",
        },
    )

    assert "Ny trygghetsvandringsrapport" in page and "Rapporten från en trygghetsvandring" in page
    report = SafetyWalkReport.objects.get(title="Trygghetsvandring Mantorp")
    assert response["Location"] == f"/trygghetsvandringar/{report.pk}/"
    edit = f"/trygghetsvandringar/{report.pk}/andra/"
    data = {
        "title": "Trygghetsvandring Mantorp centrum",
        "period_start": "2019-05-02",
        "period_end": "2019-12-31",
        "route": "Torget",
        "version": latest_version(report),
    }
    client.post(edit, data)
    report.refresh_from_db()
    assert report.title == "Trygghetsvandring Mantorp centrum"
