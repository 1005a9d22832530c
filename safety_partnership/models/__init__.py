"""What all three documents share: the parties, the people, signatures and council cases."""

from .archive import ArchivedPdf
from .council import (
    Body,
    CouncilCase,
    CoverMemo,
    DecisionBasis,
    MinutesParagraph,
    Outcome,
    Recipient,
)
from .documents import (
    FROZEN,
    Document,
    DocumentRow,
    DocumentStatus,
    FrozenDocument,
    Responsibility,
    ResponsibleParty,
    Signature,
    SignatureMethod,
)
from .parties import Municipality, Partnership, Person, PoliceArea, PoliceRegion, Role
from .signing import SigningEvent

__all__ = [
    "ArchivedPdf",
    "Body",
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
    "SigningEvent",
]
