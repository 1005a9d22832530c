"""The models of the core: the parties and people, what every document shares, signatures,
council cases and archived PDFs. The documents themselves live in their own apps."""

from ..council.models import (
    Body,
    CouncilCase,
    CoverMemo,
    DecisionBasis,
    MinutesParagraph,
    Outcome,
    Recipient,
)
from ..pdf.models import ArchivedPdf, SignedPaper
from ..signing.models import Signature, SignatureMethod, SigningEvent
from .documents import (
    CONTENT_FORM,
    FROZEN,
    Document,
    DocumentRow,
    DocumentStatus,
    FrozenDocument,
    Responsibility,
    ResponsibleParty,
)
from .parties import Municipality, Partnership, Person, PoliceArea, PoliceRegion, Role
from .review import ReviewMark

__all__ = [
    "ReviewMark",
    "ArchivedPdf",
    "Body",
    "CONTENT_FORM",
    "CouncilCase",
    "CoverMemo",
    "DecisionBasis",
    "Document",
    "DocumentRow",
    "DocumentStatus",
    "FROZEN",
    "FrozenDocument",
    "MinutesParagraph",
    "Municipality",
    "Outcome",
    "Partnership",
    "Person",
    "PoliceArea",
    "PoliceRegion",
    "Recipient",
    "Responsibility",
    "ResponsibleParty",
    "Role",
    "Signature",
    "SignatureMethod",
    "SignedPaper",
    "SigningEvent",
]
