"""Names and packages an archive can file: every PDF named by municipality, kind, period
and diary number, unique in the register; a case's ZIP dated by its documents, with a
contents list."""

import csv
import hashlib
import io
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from pledges.models import Pledge
from safety_partnership.management.commands.export_pdf import printable_models
from safety_partnership.models import (
    CouncilCase,
    CoverMemo,
    DecisionBasis,
    Municipality,
    Partnership,
    PoliceArea,
)
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from tests.safety_partnership.signing_helpers import sign_in_register

NO_DATE = date(1980, 1, 1)  # what has no date of its own: a draft, a case never met on


@pytest.mark.django_db
def test_export_all_gives_every_document_of_the_register_a_name_of_its_own(
    coordinator, other_coordinator, mjolby, tmp_path
):
    pledge = Pledge.objects.get()
    revision = signing.revise(document=pledge, user=coordinator)
    # A second partnership in Mjölby with a pledge of the same period and diary number.
    area = PoliceArea.objects.create(name="Lokalpolisområde Boxholm", region="ost")
    second = Partnership.objects.create(municipality=mjolby.municipality, police_area=area)
    twin = copy_document(original=pledge, partnership_id=second.pk, diary_number="KS/2017:359")
    boxholm = Municipality.objects.get(name="Boxholms kommun")
    copy_document(
        original=pledge,
        partnership_id=Partnership.objects.get(municipality=boxholm).pk,
        diary_number="KS/2017:359",
    )
    CouncilCase.objects.create(municipality=boxholm, diary_number="KS/2017:359", title="Löfte")
    # Another spelling of a diary number already taken: the same name once on a disk.
    lookalike = CouncilCase.objects.create(
        municipality=mjolby.municipality, diary_number="ks-2017-359", title="Samma nummer"
    )

    call_command("export_pdf", all=True, out=str(tmp_path))

    written = {p.name for p in tmp_path.iterdir()}
    assert len(written) == sum(model.objects.count() for model in printable_models().values())
    assert {
        "Mjölby kommun Medborgarlöfte 2018 KS-2017-359.pdf",
        f"Mjölby kommun Medborgarlöfte 2018 KS-2017-359 rev {revision.revision}.pdf",
        f"Mjölby kommun Medborgarlöfte 2018 KS-2017-359 id {twin.pk}.pdf",
        "Boxholms kommun Medborgarlöfte 2018 KS-2017-359.pdf",
        "Mjölby kommun Protokollsutdrag KS-2017-359.pdf",
        f"Mjölby kommun Protokollsutdrag ks-2017-359 id {lookalike.pk}.pdf",
        "Boxholms kommun Protokollsutdrag KS-2017-359.pdf",
        "Mjölby kommun Missiv 2017-12-19 KS-2017-359.pdf",
        "Mjölby kommun Samverkansöverenskommelse 2015–2018 2016-4.pdf",
    } <= written
    assert all(name.startswith(("Mjölby kommun ", "Boxholms kommun ")) for name in written)


@pytest.mark.django_db
def test_a_twin_of_the_same_kind_period_and_municipality_downloads_with_its_id(
    client, staff, mjolby
):
    pledge = Pledge.objects.get()
    area = PoliceArea.objects.create(name="Lokalpolisområde Boxholm", region="ost")
    second = Partnership.objects.create(municipality=mjolby.municipality, police_area=area)
    twin = copy_document(original=pledge, partnership_id=second.pk, diary_number="KS/2017:359")
    client.force_login(staff)

    first = client.get(reverse("pdf:download", args=["medborgarlofte", pledge.pk]))
    second_download = client.get(reverse("pdf:download", args=["medborgarlofte", twin.pk]))

    name = "Mj%C3%B6lby%20kommun%20Medborgarl%C3%B6fte%202018%20KS-2017-359"
    assert first["Content-Disposition"].endswith(f"{name}.pdf")
    assert second_download["Content-Disposition"].endswith(f"{name}%20id%20{twin.pk}.pdf")


@pytest.fixture
def package(client, staff, people, draft, mjolby):
    """Case 359's ZIP, its paragraph met on 4 December 2017 and a pledge signed in the
    register today added to its decision basis."""
    _coordinator, police_chief, chair = people
    signing.send_for_signing(
        document=draft, user=people[0], signatories=[police_chief.person, chair.person]
    )
    sign_in_register(draft, police_chief, chair)
    case = CouncilCase.objects.get(diary_number="KS/2017:359")
    paragraph = case.paragraphs.get()
    paragraph.meeting_date = date(2017, 12, 4)
    paragraph.save()
    DecisionBasis.objects.create(case=case, position=4, title="Medborgarlöfte 2019", document=draft)
    client.force_login(staff)
    response = client.get(reverse("pdf:case_package", args=[case.pk]))
    assert response.status_code == 200
    again = client.get(reverse("pdf:case_package", args=[case.pk]))
    assert again.content == response.content  # the same files give the same bytes
    return zipfile.ZipFile(io.BytesIO(response.content))


@pytest.mark.django_db
def test_each_entry_of_the_case_zip_carries_its_documents_date(package, draft):
    dates = {info.filename: date(*info.date_time[:3]) for info in package.infolist()}

    assert dates == {
        "Innehåll.csv": timezone.localdate(),
        "Mjölby kommun Protokollsutdrag KS-2017-359.pdf": date(2017, 12, 4),
        "Mjölby kommun Missiv 2017-12-19 KS-2017-359.pdf": CoverMemo.objects.get().date,
        "Mjölby kommun Samverkansöverenskommelse 2015–2018 2016-4.pdf": max(
            s.signed_on for s in Agreement.objects.get().signatures.all()
        ),
        # Signed on paper without a date in the seed.
        "Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf": NO_DATE,
        "Mjölby kommun Medborgarlöfte 2018 KS-2017-359.pdf": NO_DATE,
        "Mjölby kommun Medborgarlöfte 2019.pdf": max(s.signed_on for s in draft.signatures.all()),
    }
    assert dates["Mjölby kommun Medborgarlöfte 2019.pdf"] == timezone.localdate()
    assert all(info.external_attr >> 16 == 0o644 for info in package.infolist())


@pytest.mark.django_db
def test_the_case_zip_lists_its_files_with_title_status_and_sha256(package):
    text = package.read("Innehåll.csv").decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))

    assert header == ["Fil", "Titel", "Status", "SHA-256"]
    assert [row[0] for row in rows] == package.namelist()[1:]
    assert all(hashlib.sha256(package.read(name)).hexdigest() == sha for name, *_, sha in rows)
    statuses = {name: (title, status) for name, title, status, _sha in rows}
    assert statuses["Mjölby kommun Handlingsplan 2018–2020 KS-2017-359.pdf"] == (
        "Handlingsplan för 2018-2020",
        "Undertecknad",
    )
    assert statuses["Mjölby kommun Protokollsutdrag KS-2017-359.pdf"][1] == "Förslag till beslut"
    assert statuses["Mjölby kommun Missiv 2017-12-19 KS-2017-359.pdf"][1] == "Undertecknat"
