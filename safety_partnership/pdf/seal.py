"""The register's electronic seal on the archived PDF of a signed document.

The signatures in the register say who signed; the PDF that is kept says what they signed.
A PAdES seal (an organisation's signature, made with pyHanko) on those bytes lets anyone who
later gets the file check, with an ordinary PDF reader, that it is the register's copy and
unchanged. The seal is optional: it needs a certificate and its key, which an installation may
not have. Both are PEM files named by the settings SEAL_CERT_FILE and SEAL_KEY_FILE (with
SEAL_KEY_PASSPHRASE if the key is encrypted); without them the PDF is kept unsealed.

The seal is added as an incremental update with an invisible signature field, so the original
bytes stay a prefix of the sealed file and the document stays PDF/A: the output intent and the
XMP metadata are kept (the /Info producer is set to what pyHanko writes into the XMP, as PDF/A
wants them equal), the widget has a zero-size rectangle, the print flag and an empty appearance
stream. pdfa-check --flavour 3b passes on a sealed PDF. A seal
carries the time it was made, so sealing the same PDF twice gives different bytes; it is made
once, when the signed document is archived. This module imports pyHanko, so it is imported
only when a seal is configured (archive.py).
"""

from io import BytesIO
from pathlib import Path
from urllib.parse import urlparse

from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_der_private_key,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR, XmpArray, XmpStructure, XmpUri
from pyhanko.sign import fields, signers

FIELD_NAME = "Forsegling"
REASON = "Arkivexemplar från trygghetsregistret"


def _setting(name: str) -> str:
    return (getattr(settings, name, "") or "").strip()


def _signer() -> signers.SimpleSigner:
    cert_file, key_file = _setting("SEAL_CERT_FILE"), _setting("SEAL_KEY_FILE")
    for setting, path in (("SEAL_CERT_FILE", cert_file), ("SEAL_KEY_FILE", key_file)):
        if not path:
            raise ImproperlyConfigured(
                f"Förseglingen kräver både SEAL_CERT_FILE och SEAL_KEY_FILE; {setting} saknas. "
                f"(The seal needs both SEAL_CERT_FILE and SEAL_KEY_FILE; {setting} is not set.)"
            )
        if not Path(path).is_file():
            raise ImproperlyConfigured(
                f"{setting}: filen {path} finns inte. ({setting}: no such file: {path})"
            )
    passphrase = _setting("SEAL_KEY_PASSPHRASE")
    signer = signers.SimpleSigner.load(
        key_file, cert_file, key_passphrase=passphrase.encode() if passphrase else None
    )
    if signer is None:  # pyHanko logs the cause and returns None
        raise ImproperlyConfigured(
            f"Förseglingens certifikat ({cert_file}) eller nyckel ({key_file}) kunde inte läsas "
            "som PEM, eller lösenfrasen SEAL_KEY_PASSPHRASE är fel. "
            "(The seal certificate or key could not be read as PEM, or the passphrase is wrong.)"
        )
    key_public = (
        load_der_private_key(signer.signing_key.dump(), password=None)
        .public_key()
        .public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    )
    if key_public != signer.signing_cert.public_key.dump():
        raise ImproperlyConfigured(
            f"Nyckeln {key_file} hör inte till certifikatet {cert_file}. "
            f"(The key {key_file} does not belong to the certificate {cert_file}.)"
        )
    return signer


def _match_producers(writer: IncrementalPdfFileWriter) -> None:
    """pyHanko adds itself to the /Info /Producer ("WeasyPrint …; pyHanko …") but writes only
    itself to the XMP pdf:Producer. PDF/A wants the two equal, so /Info gets the XMP value."""
    try:
        info_ref = writer.trailer.raw_get("/Info")
    except KeyError:
        return
    info_ref.get_object()["/Producer"] = generic.TextStringObject(VENDOR)
    writer.mark_update(info_ref)


def _add_invisible_field(writer: IncrementalPdfFileWriter) -> None:
    """An empty signature field whose widget is a zero-size box off the page with the print
    flag set (PDF/A forbids hidden annotations), an empty appearance stream (PDF/A-1 checkers
    want one on every widget, PDF/A-2 and -3 accept one that holds only /N) and, for PDF/UA,
    a Form element in the structure tree."""
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            FIELD_NAME,
            readable_field_name="Elektronisk försegling",
            invis_sig_settings=fields.InvisSigSettings(
                set_print_flag=True, set_hidden_flag=False, box_out_of_bounds=True
            ),
        ),
    )
    [(_name, _value, field_ref)] = fields.enumerate_sig_fields(writer, with_name=FIELD_NAME)
    empty = generic.StreamObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
            generic.pdf_name("/BBox"): generic.ArrayObject([generic.NumberObject(0)] * 4),
        },
        stream_data=b"",
    )
    field_ref.get_object()["/AP"] = generic.DictionaryObject(
        {generic.pdf_name("/N"): writer.add_object(empty)}
    )
    _tag_as_form(writer, field_ref)


def _tag_as_form(writer: IncrementalPdfFileWriter, field_ref) -> None:
    """PDF/UA: every widget is tagged. The seal's goes into the structure tree as a Form
    element of the document, linked both ways through the parent tree."""
    widget = field_ref.get_object()
    tree_root = writer.root["/StructTreeRoot"]
    parent_tree_ref = tree_root.raw_get("/ParentTree")
    numbers = parent_tree_ref.get_object()["/Nums"]
    key = max(int(numbers[i]) for i in range(0, len(numbers), 2)) + 1
    document_ref = tree_root["/K"].raw_get(0)
    form = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/StructElem"),
            generic.pdf_name("/S"): generic.pdf_name("/Form"),
            generic.pdf_name("/P"): document_ref,
            generic.pdf_name("/Alt"): generic.TextStringObject("Elektronisk försegling"),
            generic.pdf_name("/K"): generic.DictionaryObject(
                {
                    generic.pdf_name("/Type"): generic.pdf_name("/OBJR"),
                    generic.pdf_name("/Obj"): field_ref,
                    generic.pdf_name("/Pg"): widget.raw_get("/P"),
                }
            ),
        }
    )
    form_ref = writer.add_object(form)
    document_ref.get_object()["/K"].append(form_ref)
    writer.mark_update(document_ref)
    numbers.extend([generic.NumberObject(key), form_ref])
    writer.mark_update(parent_tree_ref)
    widget["/StructParent"] = generic.NumberObject(key)
    writer.mark_update(field_ref)


def _keep_xmp_text(writer: IncrementalPdfFileWriter) -> None:
    """pyHanko reads any http(s) text in the XMP as a URI and writes it back as an rdf:resource;
    PDF/A wants the extension schema's pdfaSchema:namespaceURI (accessible.py) as text."""

    def as_text(value) -> None:
        inner = value.value
        if isinstance(inner, XmpUri):
            value.value = inner.value
        elif isinstance(inner, XmpStructure):
            for _name, field in inner:
                as_text(field)
        elif isinstance(inner, XmpArray):
            for entry in inner.entries:
                as_text(entry)

    for root in writer.root["/Metadata"].xmp:
        for _name, field in root:
            as_text(field)


def seal(pdf: bytes) -> bytes:
    """The PDF with the register's seal appended (see archive.seal_if_configured)."""
    signer = _signer()
    if signer.signing_cert is None:  # loaded with the key in _signer(), so never
        raise ImproperlyConfigured("The seal has no certificate.")
    subject = signer.signing_cert.subject.native
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=REASON,
        location=urlparse(getattr(settings, "SITE_URL", "")).hostname or None,
        name=subject.get("organization_name") or subject.get("common_name"),
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    _match_producers(writer)
    _keep_xmp_text(writer)
    _add_invisible_field(writer)
    output = signers.sign_pdf(writer, metadata, signer=signer, existing_fields_only=True)
    return output.getvalue()
