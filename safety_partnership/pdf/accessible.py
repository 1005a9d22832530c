"""What WeasyPrint's tagged PDF/A-3a lacks for PDF/UA-1, added as it writes the file.

WeasyPrint (70) tags headings, paragraphs, lists and tables, but leaves out three things a
screen reader and a PDF/UA validator need:
- the PDF/UA identification (pdfuaid:part 1) and the language (dc:language) in the XMP;
- a /Scope on each table header (TH): column or row, as the HTML's scope says;
- an /IDTree in the structure tree root, without which the table cells' /Headers (the
  IDs of their headers, which WeasyPrint does write) lead nowhere.
`finish` is WeasyPrint's finisher hook: it runs on the PDF objects before they are written.
"""

from collections.abc import Iterator

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

PDFUA_XMP = (
    '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
    ' pdfuaid:part="1"/>'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language></rdf:Description>"
    # PDF/A admits only the XMP schemas it predefines, or those the file declares: pdfuaid.
    '<rdf:Description rdf:about=""'
    ' xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
    ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"'
    ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    "<pdfaProperty:name>part</pdfaProperty:name>"
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property>"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
)
# The HTML scope of a header cell, as PDF names it; without one, a header in the table's
# head is a column's, elsewhere a row's.
SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}


def finish(document, pdf: pydyf.PDF) -> None:
    lang = document.metadata.lang or "sv"
    add_to_xmp(pdf, PDFUA_XMP.format(lang=lang).encode())
    for page in document.pages:
        for cell, in_head in header_cells(page._page_box):
            attributes = cell.mark.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            default = "/Column" if in_head else "/Row"
            attributes["Scope"] = SCOPES.get(cell.element.get("scope", ""), default)
    add_id_tree(pdf)


def add_to_xmp(pdf: pydyf.PDF, descriptions: bytes) -> None:
    """Put rdf:Descriptions into the XMP metadata's rdf:RDF."""
    metadata = pdf.objects[number_of(pdf.catalog["Metadata"])]
    xmp = b"".join(part if isinstance(part, bytes) else part.encode() for part in metadata.stream)
    metadata.stream = [xmp.replace(b"</rdf:RDF>", descriptions + b"</rdf:RDF>", 1)]


def header_cells(box, in_head: bool = False) -> Iterator[tuple]:
    """(cell, in the table's head) for each tagged TH box under box."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if isinstance(box, boxes.MarginBox):
        return
    if isinstance(box, boxes.TableRowGroupBox):
        in_head = box.is_header
    if box.element_tag == "th" and getattr(box, "mark", None) is not None:
        yield box, in_head
    for child in getattr(box, "children", ()):
        yield from header_cells(child, in_head)


def add_id_tree(pdf: pydyf.PDF) -> None:
    """Every structure element with an /ID, in a name tree the /Headers are looked up in."""
    named = sorted(
        (obj["ID"].string, obj.reference)
        for obj in pdf.objects
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem" and "ID" in obj
    )
    if not named:
        return
    names = pydyf.Array()
    for key, reference in named:
        names.extend([pydyf.String(key), reference])
    root = pdf.objects[number_of(pdf.catalog["StructTreeRoot"])]
    root["IDTree"] = pydyf.Dictionary({"Names": names})


def number_of(reference) -> int:
    """The object number of a reference as pydyf writes it: b"12 0 R"."""
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    return int(text.split()[0])
