"""The date a PDF carries in its header and metadata: the document's own, never the day its
data was loaded or last touched; none when nothing says."""

import re
from datetime import UTC, date, datetime

import pytest

from actionplans.models import ActionPlan
from pledges.models import Pledge
from safety_partnership.models import ArchivedPdf, CouncilCase, MinutesParagraph
from safety_partnership.pdf.archive import pdf_bytes
from safety_partnership.signing import services as signing
from tests.safety_partnership.signing_helpers import sign_on_paper
from tests.safety_partnership.test_pdf import frozen_clock, pages_text, read

MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
A_DATE = rf"\d{{1,2}} (?:{MONTHS}) \d{{4}}"
# Later than the seed was loaded (history only moves forward); a date from the clock would show.
RENDERED = datetime(2031, 5, 6, 10, 0, tzinfo=UTC)


def header_date(text: str) -> str:
    """What a page's header prints in its date slot: "Utkast", a date, both or nothing.
    Header and footer come last in a page's text: the slot is just before "Sida N av M"."""
    # An extract's page may go on with "forts. § N" and its footer "Justerandes signatur".
    match = re.search(
        rf"((?:Utkast |Ojusterat )?(?:{A_DATE})?) ?(?:forts\. § \d+ )?"
        rf"(?:Justerandes signatur: .*? )?Sida \d+ av \d+$",
        text,
    )
    assert match, text[-200:]
    return match.group(1).strip()


def kept_pdf(document):
    kept = ArchivedPdf.objects.get(object_id=document.pk, content_type__model="pledge")
    return read(bytes(kept.pdf))


@pytest.mark.django_db
@pytest.mark.parametrize("model", [ActionPlan, Pledge])
def test_the_seeds_signed_plan_and_pledge_print_no_date_the_seed_does_not_give(mjolby, model):
    with frozen_clock(RENDERED):
        reader = read(pdf_bytes(model.objects.get()))

    texts = pages_text(reader)
    assert [header_date(t) for t in texts] == [""] * len(texts)
    assert not any(re.search(A_DATE, t) for t in texts)
    assert reader.metadata.creation_date is None and reader.metadata.modification_date is None


@pytest.mark.django_db
def test_an_extract_prints_its_paragraphs_meeting_date_or_none(mjolby):
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    with frozen_clock(RENDERED):
        undated = read(pdf_bytes(case))
    (paragraph,) = case.paragraphs.all()
    paragraph.meeting_date = date(2017, 11, 20)
    paragraph.save()
    MinutesParagraph.objects.create(
        case=case, body="ks", meeting_date=date(2017, 12, 4), number=210, outcome="proposal"
    )
    with frozen_clock(RENDERED):
        dated = read(pdf_bytes(case))

    assert [header_date(t) for t in pages_text(undated)] == ["Ojusterat"]
    assert undated.metadata.creation_date is None
    assert [header_date(t) for t in pages_text(dated)] == [
        "Ojusterat 20 november 2017",
        "Ojusterat 4 december 2017",
    ]
    assert dated.metadata.creation_date == datetime(2017, 12, 4)  # the latest meeting


@pytest.mark.django_db
def test_the_memo_prints_its_own_date(mjolby):
    memo = CouncilCase.objects.get(diary_number="KS/2017:359").cover_memo
    with frozen_clock(RENDERED):
        reader = read(pdf_bytes(memo))

    assert header_date(pages_text(reader)[0]) == "19 december 2017"
    assert reader.metadata.creation_date == datetime(2017, 12, 19)


@pytest.mark.django_db
def test_a_draft_prints_utkast_and_the_day_it_is_exported(draft_plan):
    with frozen_clock(datetime(2031, 3, 16, 23, 30, tzinfo=UTC)):  # 17 March in Mjölby
        reader = read(pdf_bytes(draft_plan))

    texts = pages_text(reader)
    assert [header_date(t) for t in texts] == ["Utkast 17 mars 2031"] * len(texts)
    assert reader.metadata.creation_date == datetime(2031, 3, 17)


@pytest.mark.django_db
def test_a_document_signed_on_paper_is_archived_with_its_signing_date(
    draft_pledge, django_capture_on_commit_callbacks
):
    with frozen_clock(RENDERED), django_capture_on_commit_callbacks(execute=True):
        sign_on_paper(draft_pledge)  # on 15 January 2021

    reader = kept_pdf(draft_pledge)
    assert header_date(pages_text(reader)[0]) == "15 januari 2021"
    assert reader.metadata.creation_date == datetime(2021, 1, 15)
    assert reader.metadata.modification_date == datetime(2021, 1, 15)


@pytest.mark.django_db
def test_a_document_signed_in_the_register_carries_the_day_of_its_last_signature(
    draft_pledge, police_chief, chair, django_capture_on_commit_callbacks
):
    with frozen_clock(datetime(2031, 6, 1, 9, 0, tzinfo=UTC)):
        signing.send_for_signing(
            document=draft_pledge,
            user=police_chief,
            signatories=[police_chief.person, chair.person],
        )
        signing.sign(document=draft_pledge, user=police_chief, password="secret-pass-1")
    with (
        frozen_clock(datetime(2031, 6, 8, 22, 30, tzinfo=UTC)),  # 9 June in Mjölby
        django_capture_on_commit_callbacks(execute=True),
    ):
        signing.sign(document=draft_pledge, user=chair, password="secret-pass-1")

    reader = kept_pdf(draft_pledge)
    assert header_date(pages_text(reader)[0]) == "9 juni 2031"
    assert reader.metadata.creation_date == datetime(2031, 6, 9)
