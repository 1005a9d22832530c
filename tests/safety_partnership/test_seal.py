"""The optional PAdES seal on an archived PDF, made with a throwaway certificate.

With a certificate and key configured the PDF gets an invisible seal that pyHanko's own
validator accepts, appended as an incremental update so the PDF stays PDF/A and its text and
original bytes are untouched. Without them the PDF is left as it is; a half or broken
configuration is an ImproperlyConfigured error that names the setting.
"""

from io import BytesIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from pledges.models import Pledge
from safety_partnership.pdf.archive import seal_configured, seal_if_configured
from safety_partnership.pdf.base import render_pdf
from safety_partnership.pdf.render import html_for
from safety_partnership.pdf.seal import seal
from tests.pdf_samples import make_key_and_certificate

HTML = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Medborgarlöfte 2019</title></head>
<body><h1>Medborgarlöfte 2019</h1>
<p>Polisen och Mjölby kommun lovar att arbeta för ökad trygghet i centrala Mjölby.</p>
</body></html>"""
PASSPHRASE = "hemligt-lösen"


@pytest.fixture(scope="module")
def seal_files(tmp_path_factory):
    return make_key_and_certificate(tmp_path_factory.mktemp("seal"), "Trygghetsregistret test")


@pytest.fixture(scope="module")
def other_seal_files(tmp_path_factory):
    return make_key_and_certificate(tmp_path_factory.mktemp("other"), "Annan utfärdare")


@pytest.fixture(scope="module")
def encrypted_seal_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("encrypted")
    return make_key_and_certificate(folder, "Krypterad nyckel", PASSPHRASE)


@pytest.fixture
def configured(settings, seal_files):
    settings.SEAL_CERT_FILE, settings.SEAL_KEY_FILE = seal_files
    settings.SEAL_KEY_PASSPHRASE = ""
    return settings


@pytest.fixture(scope="module")
def pdf():
    return render_pdf(HTML)


# Sealing takes about a third of a second and the tests only read the sealed bytes,
# so the module seals once, with the configuration `configured` sets.
@pytest.fixture(scope="module")
def sealed(seal_files, pdf):
    cert_file, key_file = seal_files
    with override_settings(
        SEAL_CERT_FILE=cert_file, SEAL_KEY_FILE=key_file, SEAL_KEY_PASSPHRASE=""
    ):
        return seal(pdf)


def validate(sealed_pdf: bytes, cert_file: str):
    [signature] = PdfFileReader(BytesIO(sealed_pdf)).embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(cert_file)])
    return signature, validate_pdf_signature(signature, context)


def words(pdf_bytes: bytes) -> list[str]:
    reader = PdfReader(BytesIO(pdf_bytes))
    return " ".join(page.extract_text() for page in reader.pages).split()


def test_a_configured_seal_is_intact_valid_and_trusted(sealed, seal_files):
    signature, status = validate(sealed, seal_files[0])
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert signature.field_name == "Forsegling"
    assert signature.sig_object["/SubFilter"] == SigSeedSubFilter.PADES.value
    # What a PDF reader shows as the reason for the signature.
    assert signature.sig_object["/Reason"] == "Arkivexemplar från trygghetsregistret"
    assert signature.signer_cert.subject.native["common_name"] == "Trygghetsregistret test"


def test_the_seal_is_not_trusted_against_another_root(sealed, other_seal_files):
    _signature, status = validate(sealed, other_seal_files[0])
    assert status.intact and status.valid
    assert not status.trusted


def test_the_seal_field_is_invisible_and_printable(sealed):
    [signature] = PdfFileReader(BytesIO(sealed)).embedded_signatures
    widget = signature.sig_field
    llx, lly, urx, ury = (float(x) for x in widget["/Rect"])
    assert urx - llx == 0 and ury - lly == 0
    flags = int(widget["/F"])
    assert flags & 4, "PDF/A wants the print flag"
    assert not flags & (1 | 2 | 32 | 256), "PDF/A forbids invisible, hidden and no-view"
    appearance = widget["/AP"]
    assert list(appearance.keys()) == ["/N"]
    assert appearance["/N"].data == b""


def test_sealing_appends_to_the_original_bytes(pdf, sealed):
    assert len(sealed) > len(pdf)
    assert sealed.startswith(pdf)
    assert sealed.count(b"%%EOF") == pdf.count(b"%%EOF") + 1


def test_the_sealed_pdf_reads_back_with_the_same_words(pdf, sealed):
    assert words(sealed) == words(pdf)
    assert "Mjölby" in words(sealed)


def test_the_sealed_pdf_still_declares_pdf_a_3(sealed):
    reader = PdfReader(BytesIO(sealed))
    xmp = reader.xmp_metadata
    assert xmp.pdfaid_part == "3"
    assert xmp.pdfaid_conformance == "A"
    # PDF/A: the Info dictionary and the XMP agree, and the output intent is still there.
    assert reader.metadata["/Producer"] == xmp.pdf_producer
    assert reader.metadata["/Title"] == xmp.dc_title["x-default"] == "Medborgarlöfte 2019"
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFA1"


def test_the_seed_pledge_is_sealed_as_archived(configured, mjolby, seal_files):
    pledge = Pledge.objects.get(partnership=mjolby)
    pdf = render_pdf(html_for(pledge))
    sealed = seal(pdf)
    assert sealed.startswith(pdf)
    _signature, status = validate(sealed, seal_files[0])
    assert status.bottom_line
    assert words(sealed) == words(pdf)


def test_an_encrypted_key_is_opened_with_the_passphrase(settings, pdf, encrypted_seal_files):
    settings.SEAL_CERT_FILE, settings.SEAL_KEY_FILE = encrypted_seal_files
    settings.SEAL_KEY_PASSPHRASE = PASSPHRASE
    _signature, status = validate(seal(pdf), encrypted_seal_files[0])
    assert status.bottom_line


def test_without_a_certificate_the_pdf_is_left_as_it_is(settings, pdf):
    settings.SEAL_CERT_FILE = settings.SEAL_KEY_FILE = settings.SEAL_KEY_PASSPHRASE = ""
    assert not seal_configured()
    assert seal_if_configured(pdf) is pdf


def test_settings_without_the_seal_names_mean_no_seal(settings, pdf):
    for name in ("SEAL_CERT_FILE", "SEAL_KEY_FILE", "SEAL_KEY_PASSPHRASE"):
        if hasattr(settings, name):
            delattr(settings, name)
    assert not seal_configured()
    assert seal_if_configured(pdf) is pdf


def test_a_missing_key_file_is_a_clear_configuration_error(configured, pdf, tmp_path):
    configured.SEAL_KEY_FILE = str(tmp_path / "finns-inte.pem")
    assert seal_configured()
    with pytest.raises(ImproperlyConfigured, match=r"SEAL_KEY_FILE.*finns-inte\.pem"):
        seal(pdf)


def test_a_certificate_without_a_key_is_a_configuration_error(configured, pdf):
    configured.SEAL_KEY_FILE = ""
    assert seal_configured()
    with pytest.raises(ImproperlyConfigured, match="SEAL_KEY_FILE"):
        seal(pdf)


def test_a_key_that_is_not_pem_is_a_configuration_error(configured, pdf, tmp_path):
    garbage = tmp_path / "nyckel.pem"
    garbage.write_text("inte en nyckel")
    configured.SEAL_KEY_FILE = str(garbage)
    with pytest.raises(ImproperlyConfigured, match="kunde inte läsas"):
        seal(pdf)


def test_a_wrong_passphrase_is_a_configuration_error(settings, pdf, encrypted_seal_files):
    settings.SEAL_CERT_FILE, settings.SEAL_KEY_FILE = encrypted_seal_files
    settings.SEAL_KEY_PASSPHRASE = "fel-lösen"
    with pytest.raises(ImproperlyConfigured, match="SEAL_KEY_PASSPHRASE"):
        seal(pdf)


def test_a_key_that_does_not_belong_to_the_certificate_is_refused(
    configured, pdf, other_seal_files
):
    configured.SEAL_KEY_FILE = other_seal_files[1]
    with pytest.raises(ImproperlyConfigured, match="hör inte till certifikatet"):
        seal(pdf)


@pytest.mark.django_db
def test_the_archived_pdf_of_a_signed_document_is_sealed_when_configured(
    mjolby, settings, seal_files
):
    from safety_partnership.pdf.archive import pdf_bytes

    settings.SEAL_CERT_FILE, settings.SEAL_KEY_FILE = seal_files

    archived = pdf_bytes(Pledge.objects.get())

    assert len(PdfFileReader(BytesIO(archived)).embedded_signatures) == 1
