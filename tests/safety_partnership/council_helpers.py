"""Shared by the test_council_* modules: the council cases of the Mjölby seed, the pages as a
reader sees them, what the case, paragraph and basis forms post, the addresses to read and
to write, and the state of the council tables to compare before and after.
"""

import re
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from safety_partnership.concurrency import latest_version
from safety_partnership.council.forms import document_value
from safety_partnership.models import (
    CouncilCase,
    CoverMemo,
    DecisionBasis,
    MinutesParagraph,
    Recipient,
    Signature,
)

SEED_RECIPIENTS = [
    "Kommunstyrelsen",
    "Polismyndigheten, Lokalpolisområde Motala",
    "Ordf. strategiska nätverket för trygghet och säkerhet, Ulf Johansson",
    "Säkerhetssamordnare, Roger Max",
    "Akten",
]


def case_359():
    return CouncilCase.objects.get(diary_number="KS/2017:359")


def paragraph_6():
    return MinutesParagraph.objects.get(number=6)


def text_of(response) -> str:
    """The page as a reader sees it: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def in_order(page: str, items: list[str]) -> bool:
    positions = [page.find(item) for item in items]
    return -1 not in positions and positions == sorted(positions)


def basis_data(lines: list[dict]) -> dict:
    """The decision-basis formset as the browser posts it; lines with an id come first."""
    data = {
        "underlag-TOTAL_FORMS": len(lines),
        "underlag-INITIAL_FORMS": sum(1 for line in lines if line.get("id")),
        "underlag-MIN_NUM_FORMS": 0,
        "underlag-MAX_NUM_FORMS": 1000,
    }
    for index, line in enumerate(lines):
        for name, value in line.items():
            data[f"underlag-{index}-{name}"] = value
    return data


def case_data(case: CouncilCase | None = None, **fields) -> dict:
    """The case form as opened now, with the given fields changed."""
    lines = []
    data = {"diary_number": "", "title": "", "background": "", "summary": "", "case_officer": ""}
    if case is not None:
        data = {
            "version": latest_version(case),
            "diary_number": case.diary_number,
            "title": case.title,
            "background": case.background,
            "summary": case.summary,
            "case_officer": case.case_officer_id or "",
        }
        lines = [
            {"id": line.pk, "title": line.title, "document": document_value(line)}
            for line in case.decision_basis.order_by("position")
        ]
    data.update(basis_data(fields.pop("lines", lines)))
    data.update(fields)
    return data


def paragraph_data(paragraph: MinutesParagraph, **fields) -> dict:
    data = {
        "version": latest_version(paragraph),
        "body": paragraph.body,
        "meeting_date": paragraph.meeting_date or "",
        "number": paragraph.number,
        "outcome": paragraph.outcome,
        "information": paragraph.information,
        "proposal_heading": paragraph.proposal_heading,
        "proposal": paragraph.proposal,
        "decision": paragraph.decision,
    }
    data.update(fields)
    return data


def recipients_of(paragraph) -> list[str]:
    return list(paragraph.recipients.order_by("position").values_list("name", flat=True))


def as_of_url(case, moment=None) -> str:
    tid = (moment or timezone.now()).isoformat()
    return reverse("council:as_of", args=[case.pk]) + "?" + urlencode({"tid": tid})


def read_urls(case) -> list[str]:
    return [
        reverse("council:detail", args=[case.pk]),
        reverse("council:history", args=[case.pk]),
        as_of_url(case),
        reverse("council:memo", args=[case.pk]),
    ]


def write_urls(case, paragraph) -> list[str]:
    return [
        reverse("council:create", args=[case.municipality_id]),
        reverse("council:edit", args=[case.pk]),
        reverse("council:delete", args=[case.pk]),
        reverse("council:paragraph_create", args=[case.pk]),
        reverse("council:paragraph_edit", args=[paragraph.pk]),
        reverse("council:paragraph_delete", args=[paragraph.pk]),
        reverse("council:memo_edit", args=[case.pk]),
        reverse("council:paragraph_recipient_create", args=[paragraph.pk]),
        reverse("council:memo_recipient_create", args=[case.cover_memo.pk]),
    ]


def register_state() -> list[int]:
    """How many rows and history records the council tables hold."""
    models = [CouncilCase, DecisionBasis, MinutesParagraph, CoverMemo, Recipient, Signature]
    return [m.objects.count() for m in models] + [m.history.count() for m in models]
