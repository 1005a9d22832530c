"""'Ladda ner PDF' for everyone who may read the document, and a council case's package."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from ..council.access import get_case_for_user
from ..kinds import by_slug, by_slug_or_404
from ..models import CoverMemo
from .archive import ArchiveMismatch, intact, pdf_bytes
from .archive import signed_paper as signed_paper_of
from .filing import Filed, file_name, filed, package_name, zip_of
from .process import answers_too_slow

PDF = "application/pdf"


def file_response(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # Never None for an attachment (only an inline response without a file name has none).
    disposition = cast(str, content_disposition_header(as_attachment=True, filename=name))
    response["Content-Disposition"] = disposition
    return response


def readable(request: HttpRequest, kind: str, pk: int):
    """The document, case or memo, if the user may read it (404 otherwise)."""
    if (document_kind := by_slug(kind)) is not None:
        document, _access = document_kind.get_for_user(request.user, pk)
        return document
    case, _access = get_case_for_user(request.user, pk)
    if kind == "arende":
        return case
    if kind == "missiv":
        memo = CoverMemo.objects.filter(case=case).select_related("case").first()
        if memo is not None:
            return memo
    raise Http404


def refused_archive(request: HttpRequest, error: ArchiveMismatch) -> HttpResponse:
    """The archived PDF was changed after it was stored (logged in archive.py): say so
    rather than hand it out."""
    return render(request, "pdf/tampered.html", {"document": error.document}, status=409)


@login_required
def signed_paper(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The scan of the paper a document was signed on, while it matches its SHA-256."""
    document, _access = by_slug_or_404(kind).get_for_user(request.user, pk)
    paper = signed_paper_of(document)
    if paper is None or paper.pdf is None:
        raise Http404
    if not intact(paper):
        return render(request, "pdf/tampered.html", {"document": document}, status=409)
    name = paper.file_name or f"{file_name(document)[:-4]} papper.pdf"
    return file_response(bytes(paper.pdf), name, PDF)


@login_required
@answers_too_slow
def download(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = readable(request, kind, pk)
    try:
        content = pdf_bytes(obj)
    except ArchiveMismatch as error:
        return refused_archive(request, error)
    return file_response(content, file_name(obj), PDF)


def case_package_files(case) -> list[Filed]:
    """The extract, the cover memo and every register document the case decides on."""
    printed = [case]
    memo = CoverMemo.objects.filter(case=case).select_related("case__municipality").first()
    if memo is not None:
        printed.append(memo)
    for line in case.decision_basis.order_by("position"):
        if line.document is not None:
            printed.append(line.document)
    return [filed(obj, pdf_bytes(obj)) for obj in printed]


@login_required
@answers_too_slow
def case_package(request: HttpRequest, pk: int) -> HttpResponse:
    case, _access = get_case_for_user(request.user, pk)
    name = package_name(case)
    try:
        files = case_package_files(case)
    except ArchiveMismatch as error:
        return refused_archive(request, error)
    return file_response(zip_of(files), name, "application/zip")
