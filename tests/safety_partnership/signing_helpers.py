"""Shared by the test_signing_* modules, on two-party signing of a citizen pledge.

The coordinator sends a draft to the police area chief and the KS chair; each signs
with their password, or sends it back with a comment; the last signature makes it
signed and frozen. A signed pledge is revised, not changed, and every signature can be
checked by anyone on the verification page, exactly, also after a later revision.
The fixtures (`people`, `draft`, `awaiting`) are in this folder's conftest.py.
"""

from datetime import date

from django.urls import reverse

from pledges.models import Pledge
from safety_partnership.models import Person, Signature
from safety_partnership.signing import services as signing
from tests.seed_content import PLEDGE_2019_DRAFT_FORM_3, PLEDGE_2019_DRAFT_FORM_3_HASH

KIND = "medborgarlofte"
PASSWORD = "secret-pass-1"
TITLE_2019 = "Medborgarlöfte i Mjölby Kommun 2019"
# What the 2019 draft says and the SHA-256 the signatories sign (content form 3).
CONTENT_2019 = PLEDGE_2019_DRAFT_FORM_3
HASH_2019 = PLEDGE_2019_DRAFT_FORM_3_HASH


def url(action: str, document) -> str:
    return reverse(f"signing:{action}", args=[KIND, document.pk])


def signature_rows(document) -> list[tuple]:
    return list(
        Signature.objects.filter(object_id=document.pk, content_type__model="pledge")
        .order_by("position")
        .values_list("name", "signed_at", "content_hash", "verification_code")
    )


def state(document) -> tuple:
    """What a refused signing step must leave as it was: status, signatures, history."""
    document.refresh_from_db()
    return (
        document.status,
        signature_rows(document),
        Pledge.history.filter(id=document.pk).count(),
        Signature.history.count(),
    )


def sign_in_register(document, *users) -> None:
    for user in users:
        signing.sign(document=document, user=user, password=PASSWORD)
    document.refresh_from_db()


def both_parties() -> list[Person]:
    """Mjölby's signatories: the police area chief and the KS chair."""
    return [Person.objects.get(name="Hanna Sjögren"), Person.objects.get(name="Cecilia W Burenby")]


def sign_on_paper(document, user=None, **changes) -> None:
    """Record the draft as signed on paper by both parties, its scan kept in the diary."""
    values = {
        "signed_on": date(2021, 1, 15),
        "place": "Mjölby",
        "signatories": both_parties(),
        "scan": None,
        "scan_missing_reason": "Papperet finns i kommunens diarium.",
        **changes,
    }
    signing.record_paper_signatures(document=document, user=user, **values)
