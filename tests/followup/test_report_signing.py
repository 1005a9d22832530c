"""Kept follow-up reports signed by the parties, where the partnership signs its reports: the
police area chief and the chair sign a finalised annual follow-up, a finalised pledge report and
a compiled tertial with their passwords, once each; nobody else signs; a signature stays."""

import hashlib
from datetime import date
from io import BytesIO

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from pypdf import PdfReader

from actionplans.models import ActionPlan
from followup.models import AnnualFollowUp, MeasureReport, ReportSignature, TertialCompilation
from followup.signing import canonical_content, content_hash, signatures_of
from pledges.models import Pledge, PledgeReport, ReportKind
from safety_partnership.models import Person
from tests.conftest import make_user
from tests.followup.helpers import compiled_first_tertial_of_2018

PASSWORD = "secret-pass-1"  # make_user's


def roger() -> Person:
    return Person.objects.get(name="Roger Max")


def plan() -> ActionPlan:
    return ActionPlan.objects.get(status="signed")


def annual_follow_up(finalised: bool = True) -> AnnualFollowUp:
    annual = AnnualFollowUp.objects.create(
        plan=plan(), year=2018, changed_by=roger(), revision_proposal="Se över trafiken."
    )
    annual.areas.create(focus_area=plan().focus_areas.earliest("position"), summary="Året")
    if finalised:
        annual.finalised_on, annual.finalised_by = date(2018, 10, 2), roger()
        annual.save()
    return annual


def pledge_report() -> PledgeReport:
    pledge = Pledge.objects.get(status="signed")
    report = PledgeReport.objects.create(
        pledge=pledge, kind=ReportKind.HALF_YEAR, written_by=roger()
    )
    report.promise_rows.create(promise=pledge.promises.earliest("pk"), status="ongoing")
    report.finalised_on, report.finalised_by = date(2018, 7, 15), roger()
    report.save()
    return report


def compiled_tertial() -> TertialCompilation:
    return compiled_first_tertial_of_2018()


def page_of(report) -> str:
    if isinstance(report, AnnualFollowUp):
        return reverse("followup:annual", args=[report.plan_id, report.year])
    if isinstance(report, PledgeReport):
        return reverse("pledges:report", args=[report.pledge_id, "halvarsrapport"])
    return reverse("followup:tertial", args=[report.plan_id, "2018-T1"])


def pdf_of(client, report) -> str:
    if isinstance(report, AnnualFollowUp):
        url = reverse("followup:annual_pdf", args=[report.plan_id, report.year])
    elif isinstance(report, PledgeReport):
        url = reverse("pledges:report_pdf", args=[report.pledge_id, "halvarsrapport"])
    else:
        url = reverse("followup:tertial_pdf", args=[report.plan_id, "2018-T1"])
    response = client.get(url)
    assert response.status_code == 200
    pages = PdfReader(BytesIO(response.content)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def sign_url(kind: str, report) -> str:
    return reverse("followup:sign_report", args=[kind, report.pk])


KIND = {
    AnnualFollowUp: "arsuppfoljning",
    PledgeReport: "loftesrapport",
    TertialCompilation: "tertial",
}


def post_sign(client, report, password=PASSWORD, follow=False):
    return client.post(sign_url(KIND[type(report)], report), {"password": password}, follow=follow)


def sign(client, report, password=PASSWORD):
    return post_sign(client, report, password, follow=True)


@pytest.fixture
def signing_partnership(mjolby):
    mjolby.signs_followup_reports = True
    mjolby.save()
    return mjolby


def state():
    return list(ReportSignature.objects.values()), ReportSignature.history.count()


@pytest.mark.django_db
def test_with_the_setting_off_nothing_is_signed(client, police_chief):
    annual = annual_follow_up()
    client.force_login(police_chief)

    page = client.get(page_of(annual))
    refused = client.post(sign_url("arsuppfoljning", annual), {"password": PASSWORD})

    assert "Underskrifter" not in page.text
    assert refused.status_code == 403
    assert not ReportSignature.objects.exists()
    assert "Undertecknad digitalt" not in pdf_of(client, annual)


@pytest.mark.django_db
@pytest.mark.parametrize("make", [annual_follow_up, pledge_report, compiled_tertial])
def test_the_chief_and_the_chair_sign_a_kept_report(
    make, client, police_chief, chair, signing_partnership
):
    report = make()
    client.force_login(police_chief)

    page = client.get(page_of(report)).text
    signed = sign(client, report)

    assert "Underskrifter" in page and "Skriv under rapporten" in page and "Ditt lösenord" in page
    assert "Du har skrivit under rapporten." in signed.text
    assert "Undertecknad av båda parter" not in signed.text
    assert "Skriv under rapporten" not in signed.text
    text = pdf_of(client, report)
    assert "Undertecknad digitalt" in text and "Hanna Sjögren" in text
    assert "Namnförtydligande" in text  # the chair has not signed: lines to sign on paper

    client.force_login(chair)
    both = sign(client, report)

    assert "Undertecknad av båda parter" in both.text
    signatures = signatures_of(report)
    assert {s.name for s in signatures} == {"Hanna Sjögren", "Cecilia W Burenby"}
    assert all(s.content_hash == content_hash(report) for s in signatures)
    assert "Namnförtydligande" not in pdf_of(client, report)


@pytest.mark.django_db
def test_the_hash_is_of_the_reports_content(client, police_chief, signing_partnership):
    annual = annual_follow_up()
    client.force_login(police_chief)
    sign(client, annual)

    signature = ReportSignature.objects.get()
    content = canonical_content(annual)
    assert signature.content_hash == hashlib.sha256(content).hexdigest()
    assert "Se över trafiken.".encode() in content  # the report's field
    assert '"summary":"Året"'.encode() in content  # its area's row
    assert signature.name == "Hanna Sjögren" and signature.person.name == "Hanna Sjögren"


@pytest.mark.django_db
def test_nobody_else_signs(client, coordinator, signing_partnership):
    annual = annual_follow_up()
    stranger = make_user("utomstaende")
    before = state()

    client.force_login(stranger)  # who may not read the plan is not told it is there
    assert post_sign(client, annual).status_code == 404
    client.force_login(coordinator)
    assert post_sign(client, annual).status_code == 403
    page = client.get(page_of(annual)).text
    assert "Underskrifter" in page and "Skriv under rapporten" not in page
    assert state() == before


@pytest.mark.django_db
def test_a_wrong_password_records_nothing(client, police_chief, signing_partnership):
    annual = annual_follow_up()
    client.force_login(police_chief)
    before = state()

    refused = sign(client, annual, password="fel")

    assert "Lösenordet stämmer inte. Ingenting är undertecknat." in refused.text
    assert state() == before


@pytest.mark.django_db
def test_an_unfinalised_report_is_not_signed(client, police_chief, signing_partnership):
    annual = annual_follow_up(finalised=False)
    client.force_login(police_chief)

    assert post_sign(client, annual).status_code == 403
    assert "Skriv under rapporten" not in client.get(page_of(annual)).text
    assert not ReportSignature.objects.exists()


@pytest.mark.django_db
def test_signing_twice_changes_nothing(client, police_chief, signing_partnership):
    annual = annual_follow_up()
    client.force_login(police_chief)
    sign(client, annual)
    before = state()

    again = sign(client, annual)

    assert "Du har redan skrivit under rapporten." in again.text
    assert state() == before


@pytest.mark.django_db
def test_an_unknown_kind_is_not_found(client, police_chief, signing_partnership):
    client.force_login(police_chief)
    assert client.post(reverse("followup:sign_report", args=["okand", 1])).status_code == 404


@pytest.mark.django_db
def test_a_signature_stays_in_python_and_in_sql(client, police_chief, signing_partnership):
    annual = annual_follow_up()
    client.force_login(police_chief)
    sign(client, annual)
    signature = ReportSignature.objects.get()
    table = ReportSignature._meta.db_table

    with pytest.raises(Exception, match="kan inte ändras"):
        signature.save()
    with pytest.raises(Exception, match="kan inte ändras"):
        signature.delete()
    for statement in (f"UPDATE {table} SET name = 'Någon annan'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError, match="signed content cannot be changed"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
    assert ReportSignature.objects.get().name == "Hanna Sjögren"


@pytest.mark.django_db
def test_an_administrator_turns_the_setting_on(client, superuser, mjolby):
    client.force_login(superuser)
    edit = reverse("setup:partnership_edit", args=[mjolby.pk])
    form = client.get(edit)

    assert "Uppföljningsrapporter undertecknas av parterna" in form.text
    assert 'id="id_signs_followup_reports_helptext"' in form.text  # its help text is read out
    client.post(
        edit,
        {
            "municipality": mjolby.municipality_id,
            "police_area": mjolby.police_area_id,
            "signs_followup_reports": "on",
            "version": form.context["form"]["version"].value(),
        },
    )

    mjolby.refresh_from_db()
    assert mjolby.signs_followup_reports


@pytest.mark.django_db
def test_a_correction_after_signing_is_said(client, police_chief, signing_partnership):
    """A compiled tertial takes corrections as new reports: the signed hash no longer matches."""
    compilation = compiled_tertial()
    client.force_login(police_chief)
    sign(client, compilation)
    earlier = MeasureReport.objects.filter(year=2018, tertial=1).earliest("pk")

    MeasureReport.objects.create(
        measure=earlier.measure,
        year=2018,
        tertial=1,
        party="municipality",
        status="done",
        reported_by=roger(),
        corrects=earlier,
    )

    assert ReportSignature.objects.get().content_hash != content_hash(compilation)
    assert "Rapporten har ändrats sedan den skrevs under" in client.get(page_of(compilation)).text
    assert "Rapporten har ändrats sedan den skrevs under" in pdf_of(client, compilation)


@pytest.mark.django_db
def test_what_awaits_a_signatorys_signature_is_first_on_her_dashboard(
    client, police_chief, coordinator, signing_partnership
):
    from django.utils import timezone

    from tests.pdf_samples import frozen_clock

    with frozen_clock(timezone.make_aware(timezone.datetime(2018, 10, 3, 9))):
        annual = annual_follow_up()
        client.force_login(police_chief)
        before = client.get("/").text
        sign(client, annual)
        after = client.get("/").text
        client.force_login(coordinator)
        coordinators = client.get("/").text

    waiting = "Väntar på din underskrift: Årsuppföljning 2018 av Handlingsplan för 2018-2020"
    mine = before[before.index("Att göra för dig") :].split("</section>")[0]
    assert waiting in mine and f'href="{page_of(annual)}"' in mine
    assert waiting not in after  # signed
    assert waiting not in coordinators  # not a signatory
