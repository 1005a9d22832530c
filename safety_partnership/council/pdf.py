"""The council's PDFs: the protocol extract of a case and its cover memo."""

from typing import Any

from django.template.loader import render_to_string

from ..pdf.dates import document_date
from .minutes import decision_basis, paragraphs_of
from .models import CouncilCase, CoverMemo


def case_context(case: CouncilCase, memo: CoverMemo | None = None) -> dict[str, Any]:
    municipality = case.municipality
    basis = decision_basis(case)
    context: dict[str, Any] = {
        "case": case,
        "memo": memo,
        "basis": basis,
        "pdf": {
            "title": f"{'Missiv' if memo else 'Protokollsutdrag'}: {case.title}",
            "author": str(municipality),
            "organisations": str(municipality),
            "subject": f"Dnr {case.diary_number}",
            "keywords": "ärende, protokollsutdrag, missiv",
            "diary_number": case.diary_number,
            # An extract's pages each carry their paragraph's meeting date (case.html).
            "date": document_date(memo or case),
            "draft": False,
        },
    }
    if memo:
        context["recipients"] = list(memo.recipients.order_by("position"))
        context["signatures"] = list(memo.signatures.order_by("position"))
    else:
        # Each with the case text it was adjusted with (minutes.py).
        context["rows"] = paragraphs_of(case, basis)
    return context


def case_html(case: CouncilCase) -> str:
    return render_to_string("pdf/case.html", case_context(case))


def memo_html(memo: CoverMemo) -> str:
    return render_to_string("pdf/memo.html", case_context(memo.case, memo))
