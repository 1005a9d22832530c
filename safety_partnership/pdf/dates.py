"""The date a printed document carries: its own, never the day its data was loaded or last
touched. The PDF header and metadata use it (and a file name or ZIP entry may)."""

from datetime import date

from django.utils import timezone

from ..council.models import CouncilCase, CoverMemo, MinutesParagraph
from ..models import DocumentStatus

DRAFT_STATES = (DocumentStatus.DRAFT, DocumentStatus.AWAITING_SIGNATURES)


def is_draft(obj) -> bool:
    """A document still being written or signed: printed as "Utkast" with the export date."""
    return getattr(obj, "status", None) in DRAFT_STATES


def signing_date(document) -> date | None:
    """The day of the last signature: made in the register (signed_at) or on paper (signed_on)."""
    days = [
        timezone.localdate(s.signed_at) if s.signed_at else s.signed_on
        for s in document.signatures.all()
    ]
    return max((d for d in days if d), default=None)


def document_date(obj) -> date | None:
    """A memo's date; a minutes paragraph's meeting date (a case: its latest one); a draft's
    export date (today); a signed document's signing date. None when nothing says: no date
    is invented."""
    if isinstance(obj, CoverMemo):
        return obj.date
    if isinstance(obj, MinutesParagraph):
        return obj.meeting_date
    if isinstance(obj, CouncilCase):
        meetings = obj.paragraphs.exclude(meeting_date=None).order_by("-meeting_date")
        return meetings.values_list("meeting_date", flat=True).first()
    if is_draft(obj):
        return timezone.localdate()
    return signing_date(obj)
