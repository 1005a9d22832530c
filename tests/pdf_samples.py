"""PDFs of every shape the register prints, for the tests and for pdfa-check in .ci/run:
a stress plan (words no column is wide enough for), a draft, a sealed archive copy, an annual
follow-up finalised and as a draft, a tertial report with its chart (reports made for it and
rolled back), the public PDFs of a pledge with its report and of a plan, and,
from the command line, every document of the demo register as `export_pdf --all` writes it.

    python -m tests.pdf_samples OUT_DIR    (on a fresh database: migrates and loads the demo)
"""

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import patch

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

COMPOUND = "Trygghetsskapandesamverkansöverenskommelseuppföljningsgruppsmöten"
UNBROKEN = "X" * 200
PARTY = "Samhällsbyggnadsförvaltningen och Kultur- och fritidsförvaltningen"
WRITTEN = datetime(2031, 12, 17, 9, 30, tzinfo=UTC)
# When the sample year-end report of the 2034 pledge is written and finalised.
REPORTED = datetime(2035, 1, 15, 9, 30, tzinfo=UTC)


def frozen_clock(moment: datetime):
    """Django's clock stopped at moment, for the register and django-simple-history alike."""
    return patch("django.utils.timezone.now", return_value=moment)


def stress_plan_pdf() -> bytes:
    """A draft copy of the seed's plan with a focus area no column is wide enough for."""
    from actionplans.models import ActionPlan, FocusArea, Measure
    from safety_partnership.pdf.archive import pdf_bytes
    from safety_partnership.services import copy_document

    with frozen_clock(WRITTEN):
        plan = copy_document(
            original=ActionPlan.objects.filter(status="signed").earliest("pk"),
            diary_number="KS/2017:359",
            title=f"Handlingsplan för {COMPOUND} och {COMPOUND} 2031–2033",
        )
        last = plan.focus_areas.order_by("-position").first()
        area = FocusArea.objects.create(
            plan=plan,
            position=last.position + 1,
            title=f"{COMPOUND} i grannsamverkansområden",
            problem=f"{COMPOUND} {COMPOUND}",
            cause_analysis=UNBROKEN,
            effect_goal=f"Fler {COMPOUND}.",
            sub_goal=f"Fler grannsamverkansområden. {COMPOUND}",
        )
        for position, party in enumerate(["Samhällsbyggnadsförvaltningen", PARTY]):
            Measure.objects.create(
                focus_area=area,
                position=position,
                description=f"{COMPOUND} {UNBROKEN}",
                responsible="other",
                other_parties=party,
            )
        return pdf_bytes(plan)


def draft_pledge_pdf() -> bytes:
    """A draft copy of the seed's pledge, printed as "Utkast", in the shapes other
    partnerships write: joint goals, another actor's promise, points and a targets table."""
    from pledges.models import Pledge, Promise, PromisePoint, Target
    from safety_partnership.pdf.archive import pdf_bytes
    from safety_partnership.services import copy_document

    signed = Pledge.objects.filter(status="signed").earliest("pk")
    draft = copy_document(
        original=signed,
        title="Medborgarlöfte 2031",
        period_start=datetime(2031, 1, 1).date(),
        period_end=datetime(2031, 12, 31).date(),
    )
    Pledge.objects.filter(pk=draft.pk).update(joint_goals="Färre skadegörelsebrott\nÖkad trygghet")
    draft.refresh_from_db()
    promise = Promise.objects.create(
        pledge=draft,
        position=4,
        text="Ser över belysningen",
        responsible="other",
        other_parties="Mjölbostäder",
    )
    PromisePoint.objects.create(promise=promise, position=1, text="Vid Järnvägsgatan")
    Target.objects.create(
        pledge=draft,
        position=1,
        indicator="Anmälda skadegörelsebrott",
        unit="antal",
        baseline_value=120,
        baseline_date=datetime(2030, 12, 31).date(),
        target_value=90,
        target_date=datetime(2031, 12, 31).date(),
        source="Polisens statistik",
    )
    return pdf_bytes(draft)


def annual_follow_up_pdfs() -> dict[str, bytes]:
    """The seed plan's annual follow-up of 2018, finalised, with texts no cell is wide enough
    for, signed in the register by the police area chief and not yet by the chair (lines to
    sign on paper); and that of 2019 as a draft ("Utkast – ej fastställd", the day of
    printing)."""
    from actionplans.models import ActionPlan
    from followup.annual_pdf import annual_pdf
    from followup.models import AnnualFollowUp, AreaAssessment, EffectAssessment, ReportSignature
    from followup.signing import content_hash
    from safety_partnership.models import Partnership, Person

    plan = ActionPlan.objects.filter(status="signed").earliest("pk")
    coordinator = Person.objects.filter(role="coordinator").earliest("pk")
    choices = list(EffectAssessment)
    for year in (2018, 2019):
        annual = AnnualFollowUp.objects.create(
            plan=plan,
            year=year,
            revision_proposal=f"Nytt fokusområde: {COMPOUND}.\n{UNBROKEN}",
            changed_by=coordinator,
        )
        for number, area in enumerate(plan.focus_areas.order_by("position")):
            AreaAssessment.objects.create(
                annual=annual,
                focus_area=area,
                summary=f"{COMPOUND} i {area.title}. " * 3,
                assessment=choices[number % len(choices)],
                motivation=f"Hälften av åtgärderna är genomförda. {UNBROKEN[:80]}",
            )
    AnnualFollowUp.objects.filter(plan=plan, year=2018).update(
        finalised_on=datetime(2018, 10, 2).date(), finalised_by=coordinator
    )
    # The partnership signs its follow-up reports; the chief has signed this one.
    Partnership.objects.filter(pk=plan.partnership_id).update(signs_followup_reports=True)
    finalised = AnnualFollowUp.objects.get(plan=plan, year=2018)
    chief = Person.objects.get(role="police_signatory", police_area=plan.partnership.police_area)
    ReportSignature.objects.create(
        report=finalised,
        person=chief,
        name=chief.name,
        title=chief.title,
        signed_at=datetime(2018, 10, 5, 9, tzinfo=UTC),
        content_hash=content_hash(finalised),
    )
    with frozen_clock(WRITTEN):
        return {
            "Prov årsuppföljning.pdf": annual_pdf(plan, 2018),
            "Prov årsuppföljning utkast.pdf": annual_pdf(plan, 2019),
        }


def tertial_report_sample_pdf() -> bytes:
    """The seed plan's tertial report T2 2018, compiled, with a correction: the reports are
    made for the print and rolled back, so the register keeps none of them."""
    from django.db import transaction

    from actionplans.models import ActionPlan, Measure
    from followup.models import MeasureReport, TertialCompilation
    from followup.pdf import tertial_report_pdf
    from followup.tertials import Tertial
    from safety_partnership.models import Person

    reported = datetime(2018, 8, 20, 9, 0, tzinfo=UTC)
    with transaction.atomic():
        plan = ActionPlan.objects.filter(status="signed").earliest("pk")
        person = Person.objects.filter(municipality=plan.partnership.municipality).earliest("pk")
        statuses = ["done", "ongoing", "not_started", "stopped"]
        measures = list(Measure.objects.filter(focus_area__plan=plan).order_by("pk"))
        for i, measure in enumerate(measures):
            MeasureReport.objects.create(
                measure=measure,
                year=2018,
                tertial=2,
                party="municipality",
                status=statuses[i % len(statuses)],
                comment=f"{COMPOUND} {PARTY}" if i == 1 else "",
                indicator_value=12.5 if i % 5 == 0 else None,
                reported_by=person,
                reported_at=reported,
            )
        compiled = datetime(2018, 9, 3, 9, 0, tzinfo=UTC)
        TertialCompilation.objects.create(
            plan=plan, year=2018, tertial=2, compiled_by=person, compiled_at=compiled
        )
        first = MeasureReport.objects.filter(measure=measures[0]).get()
        MeasureReport.objects.create(
            measure=measures[0],
            year=2018,
            tertial=2,
            party="municipality",
            status="stopped",
            comment="Rättelse efter sammanställningen",
            corrects=first,
            reported_by=person,
            reported_at=compiled + timedelta(days=7),
        )
        pdf = tertial_report_pdf(plan, Tertial(2018, 2))
        transaction.set_rollback(True)
    return pdf


def pledge_report_pdf() -> bytes:
    """The seed pledge's year-end report, finalised, with a measured value of a target: on a
    signed copy of the pledge for 2034 that has a target (the seed's pledge has none)."""
    from pledges.models import Pledge, PledgeReport, PromiseReport, Target, TargetReport
    from pledges.reports import report_html, sheet
    from safety_partnership.models import Person
    from safety_partnership.pdf.base import render_pdf
    from safety_partnership.services import copy_document
    from safety_partnership.signing.services import Scan, record_paper_signatures

    signed = Pledge.objects.filter(status="signed").earliest("pk")
    chief = Person.objects.get(name="Hanna Sjögren")
    chair = Person.objects.get(name="Cecilia W Burenby")
    coordinator = Person.objects.get(name="Roger Max")
    with frozen_clock(REPORTED):
        pledge = copy_document(
            original=signed,
            title="Medborgarlöfte i Mjölby Kommun 2034",
            diary_number="KS/2033:359",
            period_start=datetime(2034, 1, 1).date(),
            period_end=datetime(2034, 12, 31).date(),
        )
        Target.objects.create(
            pledge=pledge,
            position=1,
            indicator="Anmälda skadegörelsebrott vid resecentrum per år",
            unit="antal",
            baseline_value=120,
            baseline_date=datetime(2033, 12, 31).date(),
            target_value=90,
            target_date=datetime(2034, 12, 31).date(),
        )
        record_paper_signatures(
            document=pledge,
            user=None,
            signed_on=datetime(2034, 1, 20).date(),
            place="Mjölby",
            signatories=[chief, chair],
            scan=Scan(pdf=b"%PDF-1.4 scanned", file_name="underskrifter.pdf"),
        )
        report = PledgeReport.objects.create(pledge=pledge, kind=2, written_by=coordinator)
        statuses = ["done", "ongoing", "stopped"]
        for promise, status in zip(pledge.promises.order_by("position"), statuses, strict=False):
            PromiseReport.objects.create(
                report=report,
                promise=promise,
                status=status,
                done=f"{COMPOUND}: så här gick det under året, kvartal för kvartal.",
                citizen_text="Vi har gjort det vi lovade. Tack till alla som hörde av sig!",
            )
        TargetReport.objects.create(
            report=report,
            target=pledge.targets.get(),
            measured_value=95,
            measured_on=datetime(2034, 11, 30).date(),
        )
        report.finalised_on, report.finalised_by = REPORTED.date(), coordinator
        report.save()
    return render_pdf(report_html(sheet(pledge, 2)))


def public_pdfs() -> dict[str, bytes]:
    """The public PDFs (public/pdf.py) of Mjölby's signed plan and of its latest signed pledge
    (after pledge_report_pdf, the 2034 copy with its finalised year-end report)."""
    from actionplans.models import ActionPlan
    from pledges.models import Pledge
    from public import pdf, selection
    from safety_partnership.models import Municipality

    mjolby = Municipality.objects.get(code="0586")
    address = "https://trygghetsregistret.example/kommuner/0586-mjolby-kommun/"
    pledge = Pledge.objects.filter(status="signed").latest("period_start")
    plan = ActionPlan.objects.filter(status="signed").earliest("pk")
    return {
        "Prov offentligt medborgarlöfte.pdf": pdf.pledge_pdf(
            mjolby, selection.public_pledge(pledge), address
        ),
        "Prov offentlig handlingsplan.pdf": pdf.plan_pdf(
            mjolby, selection.public_plan(plan), address
        ),
    }


def make_key_and_certificate(folder: Path, name: str, passphrase: str = "") -> tuple[str, str]:
    """A self-signed RSA-2048 seal certificate and its PEM key, valid for a day either way."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Testkommun"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    cert_file, key_file = folder / f"{name}.crt.pem", folder / f"{name}.key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    )
    return str(cert_file), str(key_file)


def sealed_pdf(folder: Path, pdf: bytes) -> bytes:
    """The PDF with the register's seal, made with a throwaway certificate in folder."""
    from django.test import override_settings

    from safety_partnership.pdf.seal import seal

    cert_file, key_file = make_key_and_certificate(folder, "Trygghetsregistret test")
    with override_settings(SEAL_CERT_FILE=cert_file, SEAL_KEY_FILE=key_file):
        return seal(pdf)


def write_samples(out: Path) -> list[Path]:
    """Every document of the register, then a draft, a stress plan and a sealed copy."""
    from django.core.management import call_command

    from pledges.models import Pledge
    from safety_partnership.pdf.archive import pdf_bytes

    out.mkdir(parents=True, exist_ok=True)
    call_command("export_pdf", all=True, out=str(out))
    samples = {
        "Prov utkast.pdf": draft_pledge_pdf(),
        "Prov stress.pdf": stress_plan_pdf(),
        "Prov årsrapport.pdf": pledge_report_pdf(),
        "Prov förseglad.pdf": sealed_pdf(out, pdf_bytes(Pledge.objects.earliest("pk"))),
        **annual_follow_up_pdfs(),
        "Prov tertialrapport.pdf": tertial_report_sample_pdf(),
        **public_pdfs(),
    }
    for name, pdf in samples.items():
        (out / name).write_bytes(pdf)
    for key_file in out.glob("*.pem"):
        key_file.unlink()
    return sorted(out.glob("*.pdf"))


if __name__ == "__main__":
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    for path in write_samples(Path(sys.argv[1])):
        print(path)
