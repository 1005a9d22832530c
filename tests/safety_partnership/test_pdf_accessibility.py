"""Every PDF the register prints is PDF/UA-1 as well as PDF/A-3a: checked here with pikepdf,
so that it holds where ../shared/tools/pdfa-check does not exist (.ci/run runs that too).

What a screen reader and a PDF/UA validator need: the PDF/UA identification and the language
in the XMP (pdfuaid declared as a PDF/A extension schema, as text), a header cell's /Scope and
cells whose /Headers resolve through the /IDTree, lists tagged as lists, headings from H1
without skipped levels, and a seal whose widget is tagged as a Form.
"""

import io
from unittest.mock import patch
from xml.etree import ElementTree

import pikepdf
import pytest
from django.db import transaction

from actionplans.models import ActionPlan
from agreements.models import Agreement
from pledges.models import Pledge
from safety_partnership.models import CouncilCase, CoverMemo
from safety_partnership.pdf.archive import pdf_bytes
from safety_partnership.pdf.fetcher import RefusedURL, RegisterURLFetcher
from tests.pdf_samples import (
    draft_pledge_pdf,
    pledge_report_pdf,
    public_pdfs,
    sealed_pdf,
    stress_plan_pdf,
    tertial_report_sample_pdf,
)

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"


def elements(pdf: pikepdf.Pdf):
    """(element, its structure type, its parent's type) for every structure element."""

    def walk(element, parent_type):
        kids = element.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid, str(kid.S), parent_type
                yield from walk(kid, str(kid.S))

    yield from walk(pdf.Root.StructTreeRoot, "/StructTreeRoot")


def extension_schemas(xmp: bytes) -> set[str]:
    """The namespace URIs the XMP declares as PDF/A extension schemas, written as text (an
    element's or an attribute's), as PDF/A wants them; not as an rdf:resource."""
    uri = f"{{{NS['pdfaSchema']}}}namespaceURI"
    found = set()
    for schemas in ElementTree.fromstring(xmp).iter(f"{{{NS['pdfaExtension']}}}schemas"):
        for element in schemas.iter():
            found.update(u for u in (element.get(uri), element.findtext(uri)) if u)
    return found


def id_tree(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Dictionary]:
    names = pdf.Root.StructTreeRoot.get("/IDTree", pikepdf.Dictionary()).get("/Names", [])
    return {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}


def problems(data: bytes) -> list[str]:
    """What keeps the PDF from PDF/UA-1 (and PDF/A-3a) among the properties checked here."""
    found = []
    pdf = pikepdf.open(io.BytesIO(data))
    with pdf.open_metadata() as xmp:
        if xmp.get("pdfuaid:part") != "1":
            found.append(f"pdfuaid:part is {xmp.get('pdfuaid:part')!r}")
        if "sv" not in (xmp.get("dc:language") or []):
            found.append(f"dc:language is {xmp.get('dc:language')!r}")
        if (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) != ("3", "A"):
            found.append("not PDF/A-3a")
    if PDFUAID not in extension_schemas(pdf.Root.Metadata.read_bytes()):
        found.append("pdfuaid is not declared as a PDF/A extension schema (with a text URI)")
    ids = id_tree(pdf)
    headings = []
    for element, kind, parent in elements(pdf):
        attributes = element.get("/A", pikepdf.Dictionary())
        if kind == "/TH" and str(attributes.get("/Scope")) not in ("/Column", "/Row"):
            found.append(f"TH without /Scope: {attributes!r}")
        if kind == "/TD":
            for header in attributes.get("/Headers", []):
                if str(header) not in ids or str(ids[str(header)].S) != "/TH":
                    found.append(f"TD header {header} does not resolve to a TH")
        if parent == "/L" and kind not in ("/L", "/LI", "/Caption"):
            found.append(f"{kind} in a list")
        if parent == "/LI" and kind not in ("/Lbl", "/LBody"):
            found.append(f"{kind} in a list item")
        if kind in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6"):
            headings.append(int(kind[2]))
    if headings[:1] != [1]:
        found.append(f"the first heading is not H1: {headings[:3]}")
    found += [
        f"H{a} followed by H{b}" for a, b in zip(headings, headings[1:], strict=False) if b > a + 1
    ]
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") == "/Widget":
                found += widget_problems(pdf, annotation, number)
    return found


def widget_problems(pdf: pikepdf.Pdf, widget, page_number: int) -> list[str]:
    """A widget (the seal's) is the object of a Form element, found through the parent tree."""
    key = widget.get("/StructParent")
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    form = parents.get(int(key)) if key is not None else None
    if form is None or form.get("/S") != "/Form" or form.K.Obj.objgen != widget.objgen:
        return [f"page {page_number}: a widget outside a Form tag"]
    return []


@pytest.fixture(scope="module")
def printing(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every kind of PDF, printed once for the module: each kind of document of the seed
    (signed, from the archive), a case's protocol extract and its memo, a draft, a stress
    plan, a sealed copy and a tertial report with its chart; and what WeasyPrint was
    refused while printing them (the URL fetcher: pdf/fetcher.py)."""
    refused: list[str] = []
    fetch = RegisterURLFetcher.fetch

    def recording(self, url, headers=None):
        try:
            return fetch(self, url, headers)
        except RefusedURL:
            refused.append(url)
            raise

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        patch.object(RegisterURLFetcher, "fetch", recording),
    ):
        pledge = pdf_bytes(Pledge.objects.earliest("pk"))
        printed = {
            "agreement": pdf_bytes(Agreement.objects.earliest("pk")),
            "plan": pdf_bytes(ActionPlan.objects.earliest("pk")),
            "pledge": pledge,
            "extract": pdf_bytes(CouncilCase.objects.get(diary_number="KS/2017:359")),
            "memo": pdf_bytes(CoverMemo.objects.get()),
            "draft": draft_pledge_pdf(),
            "stress": stress_plan_pdf(),
            "sealed": sealed_pdf(tmp_path_factory.mktemp("seal"), pledge),
            "tertial": tertial_report_sample_pdf(),
        }
        pledge_report_pdf()  # a finalised report for the public pledge to show
        public = public_pdfs()
        printed["public pledge"] = public["Prov offentligt medborgarlöfte.pdf"]
        printed["public plan"] = public["Prov offentlig handlingsplan.pdf"]
        transaction.set_rollback(True)  # the draft and the stress plan are not kept
    return printed, refused


@pytest.fixture(scope="module")
def printed(printing):
    return printing[0]


@pytest.mark.django_db
def test_every_pdf_loads_only_what_the_fetcher_serves(printing):
    """Nothing the register's own PDFs name is refused: the fetcher lets all they need by."""
    assert printing[1] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "agreement",
        "plan",
        "pledge",
        "extract",
        "memo",
        "draft",
        "stress",
        "sealed",
        "tertial",
        "public pledge",
        "public plan",
    ],
)
def test_every_pdf_is_pdf_ua(printed, name):
    assert problems(printed[name]) == []


@pytest.mark.django_db
def test_the_plans_headers_have_a_scope_and_its_cells_find_them(printed):
    pdf = pikepdf.open(io.BytesIO(printed["plan"]))
    ids = id_tree(pdf)

    scopes = [str(e.A.Scope) for e, kind, _ in elements(pdf) if kind == "/TH"]
    cells = [e for e, kind, _ in elements(pdf) if kind == "/TD" and len(e.A.get("/Headers", []))]
    named = {str(h) for c in cells for h in c.A.Headers}

    assert scopes.count("/Column") >= 6  # Problembild … Ansvar, on every page
    assert cells and named <= set(ids)
    assert {str(ids[name].S) for name in named} == {"/TH"}


@pytest.mark.django_db
def test_lists_are_tagged_as_lists(printed):
    pdf = pikepdf.open(io.BytesIO(printed["pledge"]))

    items = [e for e, kind, parent in elements(pdf) if kind == "/LI" and parent == "/L"]
    bodies = [e for e, kind, parent in elements(pdf) if kind == "/LBody" and parent == "/LI"]

    assert len(items) >= 3 and len(bodies) == len(items)  # the three promises of 2018


def test_a_pdf_without_the_pdf_ua_identification_is_caught():
    """The check above would notice today's output of WeasyPrint alone."""
    from weasyprint import HTML

    plain = HTML(
        string='<html lang="sv"><title>T</title><h1>T</h1><dl><dt>A</dt><dd>B</dd></dl></html>'
    ).write_pdf(pdf_variant="pdf/a-3a")

    found = problems(plain)

    assert any("pdfuaid:part" in p for p in found)
    assert any("dc:language" in p for p in found)


@pytest.mark.django_db
def test_the_pledges_targets_table_has_column_headers(printed):
    """The draft sample carries a pledge's measurable targets: four headers with a scope."""
    pdf = pikepdf.open(io.BytesIO(printed["draft"]))

    scopes = [str(e.A.Scope) for e, kind, _ in elements(pdf) if kind == "/TH"]

    assert scopes.count("/Column") >= 4  # Indikator, Utgångsvärde, Målvärde, Källa


@pytest.mark.django_db
def test_the_tertial_reports_chart_is_a_figure_with_alternative_text(printed):
    """The inline SVG is tagged as a Figure whose /Alt is the chart's title."""
    pdf = pikepdf.open(io.BytesIO(printed["tertial"]))

    figures = [e for e, kind, _ in elements(pdf) if kind == "/Figure"]

    assert [str(f.get("/Alt")) for f in figures] == [
        "Åtgärder per status och fokusområde, T2 2018 (maj–augusti)"
    ]
