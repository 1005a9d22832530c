"""What is signed: a pledge's canonical content and its hash, the same bytes every time and
as the seed says, and paper signatures recorded on a draft.
"""

import json
from datetime import date

import pytest

from pledges.models import Pledge
from safety_partnership.signing import services as signing
from tests.safety_partnership.signing_helpers import (
    CONTENT_2019,
    HASH_2019,
    TITLE_2019,
    sign_on_paper,
)
from tests.seed_content import (
    PLEDGE_2018,
    PLEDGE_2018_FORM_2,
    PLEDGE_2018_FORM_2_HASH,
    PLEDGE_2018_FORM_3,
    PLEDGE_2018_FORM_3_HASH,
    PLEDGE_2018_HASH,
    canonical_json,
)


@pytest.mark.django_db
def test_the_canonical_content_is_the_same_bytes_every_time(draft):
    first = signing.canonical_content(draft)
    again = signing.canonical_content(Pledge.objects.get(pk=draft.pk))

    assert first == again == canonical_json(CONTENT_2019)
    assert signing.content_hash(draft) == HASH_2019
    assert signing.content_hash(Pledge.objects.get(pk=draft.pk)) == HASH_2019


@pytest.mark.django_db
def test_the_signed_seed_pledge_has_the_content_and_hash_of_the_seed(mjolby):
    pledge = Pledge.objects.get(status="signed")

    assert json.loads(signing.canonical_content(pledge)) == PLEDGE_2018_FORM_3
    assert signing.content_hash(pledge) == PLEDGE_2018_FORM_3_HASH
    # Content form 2 leaves out what form 3 added (goals, points, targets): as signed then.
    assert json.loads(signing.canonical_content(pledge, form=2)) == PLEDGE_2018_FORM_2
    assert signing.content_hash(pledge, form=2) == PLEDGE_2018_FORM_2_HASH
    # Content form 1, in which signatures made before the dialogues were signed hashed it.
    assert json.loads(signing.canonical_content(pledge, form=1)) == PLEDGE_2018
    assert signing.content_hash(pledge, form=1) == PLEDGE_2018_HASH


@pytest.mark.django_db
def test_the_canonical_content_changes_when_a_promise_changes_on_a_draft(draft):
    before = signing.canonical_content(draft)
    promise = draft.promises.order_by("position").last()
    promise.text = "Kommunen ser över belysningen vid resecentrum"
    promise.save()

    after = signing.canonical_content(draft)

    assert after != before
    assert "Kommunen ser över belysningen vid resecentrum" in after.decode()


@pytest.mark.django_db
def test_the_canonical_content_holds_the_promises_in_order(draft):
    content = json.loads(signing.canonical_content(draft))

    assert content == CONTENT_2019
    assert content["title"] == TITLE_2019
    assert [p["text"] for p in content["promises"]] == [
        "Polisen utför fotpatrullering i området",
        "Genomföra trygghetsvandringar med representanter från kommun, polis och andra berörda",
        "Upplevda otrygghetsfaktorer skall ses över och vid behov åtgärdas av kommunen",
    ]


@pytest.mark.django_db
def test_paper_signatures_on_a_draft_make_it_signed(draft, coordinator):
    sign_on_paper(draft, coordinator, signed_on=date(2018, 12, 20))

    draft.refresh_from_db()
    assert draft.status == "signed"
    assert list(
        draft.signatures.order_by("position").values_list("name", "method", "signed_on", "place")
    ) == [
        ("Hanna Sjögren", "paper", date(2018, 12, 20), "Mjölby"),
        ("Cecilia W Burenby", "paper", date(2018, 12, 20), "Mjölby"),
    ]
