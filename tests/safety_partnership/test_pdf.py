"""Minutes-ready PDFs, read back with pypdf: the right words, pages, metadata and bytes."""

import io
import re
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from actionplans.models import ActionPlan
from agreements.models import Agreement
from pledges.models import Pledge
from safety_partnership.models import ArchivedPdf, CouncilCase
from safety_partnership.pdf.archive import pdf_bytes
from safety_partnership.pdf.base import render_pdf
from safety_partnership.pdf.render import html_for
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from tests.pdf_samples import frozen_clock

FOCUS_AREAS = [
    "Trafikmiljön",
    "Otrygghetsfaktorer i boendemiljön",
    "Ordningsstörningar",
    "Tillgreppsbrott",
    "Våldsbejakande extremism",
    "Droger, ANDT",
]
PROMISES = [
    "Polisen utför fotpatrullering i området",
    "Genomföra trygghetsvandringar med representanter",
    "Upplevda otrygghetsfaktorer skall ses över",
]


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pages_text(reader: PdfReader) -> list[str]:
    """Each page's words; a word hyphenated at a line's end (U+2010, which WeasyPrint adds
    and no one types) is read whole."""
    texts = [re.sub("\u2010\\s+", "", page.extract_text()) for page in reader.pages]
    return [" ".join(text.split()) for text in texts]


def in_order(text: str, words: list[str]) -> bool:
    """Each of words appears in text after the one before it."""
    position = 0
    for word in words:
        position = text.find(word, position)
        if position == -1:
            return False
        position += len(word)
    return True


@pytest.mark.django_db
def test_the_pledge_is_one_page_with_its_promises_and_signatures(mjolby):
    reader = read(pdf_bytes(Pledge.objects.get()))

    (text,) = pages_text(reader)
    assert in_order(
        text,
        [
            "Medborgarlöfte i Mjölby Kommun 2018",
            "Lägesbild",
            *PROMISES,
            "Resultatet kommer att följas upp",
            "Hanna Sjögren",
            "Lokalpolisområdeschef",
            "Cecilia W Burenby",
            "Kommunstyrelsens ordförande",
        ],
    )
    assert "Järnvägsgatan" in text and "Sida 1 av 1" in text
    assert "UTKAST" not in text


@pytest.mark.django_db
def test_the_plan_is_landscape_with_its_table_header_on_every_page(mjolby):
    reader = read(pdf_bytes(ActionPlan.objects.get()))
    texts = pages_text(reader)

    assert len(reader.pages) >= 2
    assert all(p.mediabox.width > p.mediabox.height for p in reader.pages)
    assert all("Problembild" in t and "Åtgärder" in t and "Ansvar" in t for t in texts)
    assert in_order(" ".join(texts), FOCUS_AREAS)
    assert "Arbeta operativt och preventivt" in texts[-1] and "Kommunen (ANDT samordn)" in texts[-1]
    assert [f"Sida {n} av {len(texts)}" in t for n, t in enumerate(texts, 1)] == [True] * len(texts)
    assert all("KS/2017:359" in t and "Mjölby kommun" in t for t in texts)


@pytest.mark.django_db
def test_the_metadata_says_what_the_pdf_is_and_it_is_pdf_a(mjolby):
    reader = read(pdf_bytes(Pledge.objects.get()))

    meta = reader.metadata
    assert meta.title == "Medborgarlöfte i Mjölby Kommun 2018"
    assert meta.author == "Mjölby kommun och Lokalpolisområde Motala"
    assert meta.subject == "Medborgarlöfte 2018"
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part[^0-9]*3", xmp)
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged, for screen readers


@pytest.mark.django_db
def test_the_font_shipped_with_the_project_is_embedded(mjolby):
    reader = read(pdf_bytes(Pledge.objects.get()))

    fonts = {
        font.get_object()["/BaseFont"]: font.get_object()["/FontDescriptor"]
        for font in reader.pages[0]["/Resources"]["/Font"].values()
        if "/FontDescriptor" in font.get_object()
    } or {
        descendant["/BaseFont"]: descendant["/FontDescriptor"]
        for font in reader.pages[0]["/Resources"]["/Font"].values()
        for descendant in [d.get_object() for d in font.get_object().get("/DescendantFonts", [])]
    }
    # "Register Sans" is the @font-face name of the DejaVu files in safety_partnership/pdf/fonts.
    assert fonts and all("Register-Sans" in name for name in fonts)
    assert all("/FontFile2" in descriptor.get_object() for descriptor in fonts.values())


@pytest.mark.django_db
def test_the_same_document_gives_the_same_bytes_whenever_it_is_rendered(mjolby):
    written = datetime(2021, 3, 15, 9, 30, tzinfo=UTC)  # 10.30 in Mjölby
    with frozen_clock(written):
        signed = ActionPlan.objects.get()
        plan = copy_document(
            original=signed,
            title="Handlingsplan för 2021-2023",
            period_start=date(2021, 1, 1),
            period_end=date(2023, 12, 31),
            agreement=signed.agreement,
        )

    # A draft carries the day it is exported (pdf/dates.py): the same bytes all that day.
    with frozen_clock(datetime(2021, 3, 16, 7, 0, tzinfo=UTC)):
        morning = pdf_bytes(plan)
    with frozen_clock(datetime(2021, 3, 16, 21, 5, 7, tzinfo=UTC)):
        evening = pdf_bytes(plan)
    # A signed document carries its own date, whenever it is rendered.
    with frozen_clock(datetime(2022, 11, 2, 14, 5, 7, tzinfo=UTC)):
        signed_then = render_pdf(html_for(signed))
    signed_now = render_pdf(html_for(signed))

    assert morning == evening
    assert signed_then == signed_now
    reader = read(morning)
    assert all("Utkast 16 mars 2021" in text for text in pages_text(reader))
    assert reader.metadata.creation_date == datetime(2021, 3, 16)
    assert reader.metadata.modification_date == datetime(2021, 3, 16)


@pytest.mark.django_db
def test_a_draft_is_marked_on_every_page_and_a_signed_plan_is_not(draft_plan):
    draft_texts = pages_text(read(pdf_bytes(draft_plan)))
    signed_texts = pages_text(read(pdf_bytes(ActionPlan.objects.get(status="signed"))))

    assert all("UTKAST" in t for t in draft_texts)
    assert not any("UTKAST" in t for t in signed_texts)


@pytest.mark.django_db
def test_a_long_focus_area_breaks_across_pages_without_losing_text(draft_plan):
    area = draft_plan.focus_areas.get(title="Tillgreppsbrott")
    words = [f"ord{n}" for n in range(1, 11)]
    area.problem = " ".join(f"{area.problem} {word}" for word in words)
    area.cause_analysis = area.cause_analysis * 10
    area.save()

    texts = pages_text(read(pdf_bytes(draft_plan)))

    joined = " ".join(texts)
    assert len(texts) > 3
    assert in_order(joined, words)
    assert joined.count("omkringresande") == 10  # a page may break between two words
    assert in_order(joined, ["Tillgreppsbrott", "Våldsbejakande extremism", "Droger, ANDT"])


@pytest.mark.django_db
def test_the_council_extract_and_memo_carry_the_case(mjolby):
    case = CouncilCase.objects.get(diary_number="KS/2017:359")
    extract = " ".join(pages_text(read(pdf_bytes(case))))
    memo = " ".join(pages_text(read(pdf_bytes(case.cover_memo))))

    assert in_order(
        extract,
        [
            "Protokollsutdrag",
            "Kommunstyrelsens arbetsutskott",
            "§ 6",
            "Dnr KS/2017:359",
            "Bakgrund",
            "Sammanfattning",
            "Beslutsunderlag",
            "Arbetsutskottets förslag till kommunstyrelsen",
            "Beslutet skickas till",
            "Kommunstyrelsen",
            "Polismyndigheten, Lokalpolisområde Motala",
            "Akten",
            "Utdragsbestyrkande",
        ],
    )
    assert in_order(
        memo,
        [
            "Missiv",
            "19 december 2017",
            "KS/2017:359",
            "Roger Max",
            "0142-852 36",
            "Carina Brofeldt",
            "Bitr. Kommunchef",
        ],
    )


def sign_pledge_in_the_register(pledge, people):
    signing.send_for_signing(
        document=pledge, user=people[0], signatories=[p.person for p in people]
    )
    for user in people:
        signing.sign(document=pledge, user=user, password="secret-pass-1")


@pytest.fixture
def signed_2019(mjolby, coordinator, police_chief, chair, django_capture_on_commit_callbacks):
    pledge = copy_document(
        original=Pledge.objects.get(),
        title="Medborgarlöfte i Mjölby Kommun 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )
    # The archive task runs once the last signature has committed.
    with django_capture_on_commit_callbacks(execute=True):
        sign_pledge_in_the_register(pledge, [police_chief, chair])
    pledge.refresh_from_db()
    return pledge


@pytest.mark.django_db
def test_signing_stores_the_pdf_once_and_it_stays_byte_identical(signed_2019, coordinator):
    archived = ArchivedPdf.objects.get(object_id=signed_2019.pk, content_type__model="pledge")
    text = " ".join(pages_text(read(bytes(archived.pdf))))
    assert "Kontrollkod" in text and "/verifiera/" in text and "UTKAST" not in text

    revision = signing.revise(document=signed_2019, user=coordinator)
    promise = revision.promises.first()
    promise.text = "Polisen patrullerar till fots varje helg"
    promise.save()

    assert pdf_bytes(signed_2019) == bytes(archived.pdf)
    assert "Polisen patrullerar" not in " ".join(pages_text(read(pdf_bytes(signed_2019))))
    assert "Polisen patrullerar" in " ".join(pages_text(read(pdf_bytes(revision))))


@pytest.mark.django_db
def test_anyone_who_may_read_downloads_the_pdf_with_a_swedish_name(client, staff, mjolby):
    plan = ActionPlan.objects.get()
    client.force_login(staff)

    page = client.get(plan.get_absolute_url()).text
    response = client.get(reverse("pdf:download", args=["handlingsplan", plan.pk]))

    assert "Ladda ner PDF" in page
    assert response["Content-Type"] == "application/pdf"
    assert (
        "Mj%C3%B6lby%20kommun%20Handlingsplan%202018%E2%80%932020%20KS-2017-359.pdf"
        in response["Content-Disposition"]
    )
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_another_municipality_cannot_download(client, other_coordinator, mjolby):
    client.force_login(other_coordinator)

    for kind, pk in [("handlingsplan", 1), ("medborgarlofte", 1), ("arende", 1), ("missiv", 1)]:
        assert client.get(reverse("pdf:download", args=[kind, pk])).status_code == 404
    assert client.get(reverse("pdf:case_package", args=[1])).status_code == 404


@pytest.mark.django_db
def test_the_case_package_holds_the_extract_the_memo_and_the_documents(client, staff, mjolby):
    client.force_login(staff)
    case = CouncilCase.objects.get(diary_number="KS/2017:359")

    response = client.get(reverse("pdf:case_package", args=[case.pk]))

    assert "Mj%C3%B6lby%20kommun%20%C3%84rende%20KS-2017-359.zip" in response["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == [
        "Innehåll.csv",
        "Mjölby kommun Protokollsutdrag KS-2017-359.pdf",
        "Mjölby kommun Missiv 2017-12-19 KS-2017-359.pdf",
        "Mjölby kommun Samverkansöverenskommelse 2015–2018 2016-4.pdf",
        "Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf",
        "Mjölby kommun Medborgarlöfte 2018 KS-2017-359.pdf",
    ]


@pytest.mark.django_db
def test_the_export_command_writes_one_document_or_all(mjolby, tmp_path):
    call_command(
        "export_pdf", "agreement", str(Agreement.objects.get().pk), out=str(tmp_path / "avtal.pdf")
    )
    call_command("export_pdf", all=True, out=str(tmp_path / "alla"))

    agreement_text = " ".join(pages_text(read((tmp_path / "avtal.pdf").read_bytes())))
    assert "Samverkansöverenskommelse för trygghetsskapande" in agreement_text
    assert "Tf lokalpolisområdeschef" in agreement_text and "17 december 2015" in agreement_text
    written = sorted(p.name for p in (tmp_path / "alla").iterdir())
    assert "Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf" in written
    assert "Mjölby kommun Protokollsutdrag KS-2017-350.pdf" in written
    assert len(written) == 6
