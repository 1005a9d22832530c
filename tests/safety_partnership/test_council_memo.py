"""Writing and changing a council case's cover memo: its signers in order, the lines that
stay, and a stale memo that is not overwritten. Its recipients: test_council_recipients.py.
"""

from datetime import date

import pytest
from django.urls import reverse

from safety_partnership.concurrency import latest_version
from safety_partnership.models import CouncilCase, CoverMemo
from tests.safety_partnership.council_helpers import case_359, text_of


def memo_data(memo: CoverMemo | None = None, **fields) -> dict:
    data = {"date": "2018-01-10", "addressee": "Kommunstyrelsen", "proposal": ""}
    if memo is not None:
        data = {
            "version": latest_version(memo),
            "date": memo.date,
            "addressee": memo.addressee,
            "department": memo.department,
            "proposal_heading": memo.proposal_heading,
            "proposal": memo.proposal,
            "signers": "\n".join(str(s) for s in memo.signatures.order_by("position")),
        }
    return {**data, **fields}


@pytest.mark.django_db
def test_the_coordinator_writes_a_memo_with_signers_in_order(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    signers = "Carina Brofeldt, Bitr. kommunchef\nRoger Max, Säkerhetssamordnare"
    data = memo_data(proposal="Informationen noteras.", signers=signers)

    client.post(reverse("council:memo_edit", args=[case.pk]), data)

    signatures = list(case.cover_memo.signatures.order_by("position"))
    assert [(s.position, s.name, s.title, s.method) for s in signatures] == [
        (1, "Carina Brofeldt", "Bitr. kommunchef", "paper"),
        (2, "Roger Max", "Säkerhetssamordnare", "paper"),
    ]
    assert signatures[1].person.phone == "0142-852 36"
    page = text_of(client.get(reverse("council:memo", args=[case.pk])))
    assert "10 januari 2018" in page and "Förslag till beslut Informationen noteras." in page


@pytest.mark.django_db
def test_changing_the_memos_signers_keeps_the_lines_that_stay(mjolby, coordinator, client):
    client.force_login(coordinator)
    memo = case_359().cover_memo
    roger = memo.signatures.get(name="Roger Max")
    signers = "Roger Max, Säkerhetssamordnare\nCecilia W Burenby, Kommunstyrelsens ordförande"
    data = memo_data(memo, date="2017-12-20", signers=signers)

    client.post(reverse("council:memo_edit", args=[memo.case_id]), data)

    assert [str(s) for s in memo.signatures.order_by("position")] == signers.split("\n")
    assert memo.signatures.get(position=1).pk == roger.pk
    assert memo.recipients.count() == 3  # recipients are rows of their own, not in this form
    assert CoverMemo.objects.get(pk=memo.pk).date == date(2017, 12, 20)


@pytest.mark.django_db
def test_a_stale_memo_is_not_overwritten(mjolby, coordinator, client):
    client.force_login(coordinator)
    memo = case_359().cover_memo
    opened = memo_data(memo, signers="Roger Max, Säkerhetssamordnare")
    memo.addressee = "Kommunfullmäktige"
    memo.save()

    response = client.post(reverse("council:memo_edit", args=[memo.case_id]), opened)

    assert "Det du skrev är inte sparat." in text_of(response)
    assert memo.signatures.count() == 2
    assert CoverMemo.objects.get(pk=memo.pk).addressee == "Kommunfullmäktige"
