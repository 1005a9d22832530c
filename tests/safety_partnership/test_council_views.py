"""Council cases: the protocol extract, the cover memo, editing them and who may do what."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan
from pledges.models import Pledge
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
        "recipients": "\n".join(recipients_of(paragraph)) if paragraph.pk else "",
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
    ]


def register_state() -> list[int]:
    """How many rows and history records the council tables hold."""
    models = [CouncilCase, DecisionBasis, MinutesParagraph, CoverMemo, Recipient, Signature]
    return [m.objects.count() for m in models] + [m.history.count() for m in models]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Reading ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_case_page_reads_like_the_protocol_extract_of_paragraph_6(mjolby, coordinator, client):
    client.force_login(coordinator)

    page = text_of(client.get(case_359().get_absolute_url()))

    assert "§ 6" in page
    assert "Dnr KS/2017:359" in page
    assert "Kommunstyrelsens arbetsutskott" in page
    assert "Arbetsutskottets förslag till kommunstyrelsen" in page
    assert "Beslutet skickas till" in page
    assert in_order(page, SEED_RECIPIENTS)
    assert "Handläggare Roger Max, tfn 0142-852 36" in page


@pytest.mark.django_db
def test_the_decision_basis_links_to_the_agreement_the_plan_and_the_pledge(
    mjolby, coordinator, client
):
    client.force_login(coordinator)

    html = client.get(case_359().get_absolute_url()).content.decode()

    for line in DecisionBasis.objects.filter(case=case_359()).order_by("position"):
        assert f'<a href="{line.document.get_absolute_url()}">{line.title}</a>' in html
    assert '<a href="/overenskommelser/1/">Samverkansöverenskommelse för' in html
    assert '<a href="/handlingsplaner/1/">Förslag till handlingsplan för 2018-2020</a>' in html
    assert '<a href="/medborgarloften/1/">Förslag till medborgarlöften 2018</a>' in html


@pytest.mark.django_db
def test_paragraph_41_records_that_the_information_was_noted(mjolby, police_chief, client):
    client.force_login(police_chief)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")

    page = text_of(client.get(case.get_absolute_url()))

    assert "§ 41" in page
    assert "Dnr KS/2017:350" in page
    assert "Information Josefine Arvidsson, kommunpolisen informerar" in page
    assert "tackar för informationen som noteras till protokollet" in page
    assert "Beslutet skickas till Akten" in page
    assert "datum ej angivet" in page


@pytest.mark.django_db
def test_the_cover_memo_shows_its_date_signers_and_recipients(
    mjolby, coordinator, police_chief, client
):
    memo_url = reverse("council:memo", args=[case_359().pk])
    client.force_login(coordinator)
    coordinators_page = text_of(client.get(memo_url))
    client.force_login(police_chief)

    page = text_of(client.get(memo_url))

    assert "19 december 2017" in page
    assert "KS/2017:359" in page
    assert "Kommunstyrelsens förvaltnings förslag till beslut" in page
    # The memo's own three recipients, the whole list: not § 6's Kommunstyrelsen and Akten.
    recipients = " ".join(SEED_RECIPIENTS[1:4])
    assert f"Beslutet skickas till {recipients} Kommunstyrelsens förvaltning" in page
    assert in_order(page, ["Carina Brofeldt Bitr. Kommunchef", "Roger Max Säkerhetssamordnare"])
    assert "Handläggare Roger Max, tfn 0142-852 36" in page
    assert "Ändra missivet" in coordinators_page  # who may edit it is offered the button
    assert "Ändra missivet" not in page


@pytest.mark.django_db
def test_a_case_without_a_memo_says_so_and_offers_the_coordinator_to_write_one(
    mjolby, coordinator, police_chief, client
):
    url = reverse("council:memo", args=[CouncilCase.objects.get(diary_number="KS/2017:350").pk])
    client.force_login(police_chief)
    assert "har inget missiv ännu" in text_of(client.get(url))
    assert "Skriv missiv" not in text_of(client.get(url))

    client.force_login(coordinator)
    assert "Skriv missiv" in text_of(client.get(url))


@pytest.mark.django_db
def test_pages_take_the_same_number_of_queries_however_many_rows(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()
    urls = [u for u in read_urls(case)]
    before = [queries_for(client, url) for url in urls]

    extra = MinutesParagraph.objects.create(case=case, body="ks", number=12, outcome="decision")
    for position, name in enumerate(["Akten", "Polisen", "Revisionen"], 1):
        Recipient.objects.create(paragraph=extra, position=position, name=name)
        Recipient.objects.create(memo=case.cover_memo, position=position + 3, name=name)
    DecisionBasis.objects.create(
        case=case, position=4, title="Protokoll", document=Pledge.objects.get(pk=1)
    )
    DecisionBasis.objects.create(
        case=case, position=5, title="Yttrande", document=ActionPlan.objects.get(pk=1)
    )
    urls[2] = as_of_url(case)

    assert [queries_for(client, url) for url in urls] == before


# Who may do what -------------------------------------------------------------


@pytest.mark.django_db
def test_the_police_chief_reads_the_case_but_every_write_is_refused(
    mjolby, coordinator, police_chief, client
):
    case, state = case_359(), register_state()
    client.force_login(coordinator)
    coordinators_page = text_of(client.get(case.get_absolute_url()))
    client.force_login(police_chief)

    for url in read_urls(case):
        assert client.get(url).status_code == 200, url
    for url in write_urls(case, paragraph_6()):
        assert client.get(url).status_code == 403, url
        assert client.post(url, case_data(case)).status_code == 403, url

    assert register_state() == state
    page = text_of(client.get(case.get_absolute_url()))
    assert "Ändra ärendet" in coordinators_page and "Ta bort § 6" in coordinators_page
    assert "Dnr KS/2017:359" in page
    assert "Ändra ärendet" not in page and "Ta bort § 6" not in page


@pytest.mark.django_db
def test_another_municipalitys_coordinator_learns_nothing_of_the_case(
    mjolby, other_coordinator, client
):
    client.force_login(other_coordinator)
    case, state = case_359(), register_state()

    for url in read_urls(case) + write_urls(case, paragraph_6()):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url

    assert register_state() == state


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(mjolby, client):
    case = case_359()

    for url in read_urls(case) + write_urls(case, paragraph_6()):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


# The case ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_coordinator_registers_a_case_with_its_decision_basis(mjolby, coordinator, client):
    client.force_login(coordinator)
    lines = [
        {"title": "Förslag till handlingsplan för 2021-2023", "document": "handlingsplan:1"},
        {"title": "Tjänsteskrivelse", "document": ""},
        {"title": "", "document": ""},
    ]
    data = case_data(
        diary_number="KS/2020:12", title="Ny handlingsplan", case_officer=1, lines=lines
    )

    response = client.post(reverse("council:create", args=[mjolby.municipality_id]), data)

    case = CouncilCase.objects.get(diary_number="KS/2020:12")
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert [(b.position, b.title, b.document) for b in case.decision_basis.all()] == [
        (1, "Förslag till handlingsplan för 2021-2023", ActionPlan.objects.get(pk=1)),
        (2, "Tjänsteskrivelse", None),
    ]
    page = text_of(client.get(case.get_absolute_url()))
    assert "Ärendet är registrerat." in page and "Ta bort ärendet" in page


@pytest.mark.django_db
def test_a_duplicate_diary_number_is_refused_beside_the_field(mjolby, coordinator, client):
    client.force_login(coordinator)
    count = CouncilCase.objects.count()
    data = case_data(diary_number="KS/2017:359", title="Dubblett")

    response = client.post(reverse("council:create", args=[mjolby.municipality_id]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["diary_number"] == [
        "Diarienumret finns redan hos kommunen."
    ]
    assert 'class="form__error" id="id_diary_number_error"' in response.content.decode()
    assert CouncilCase.objects.count() == count


@pytest.mark.django_db
def test_decision_basis_lines_are_removed_and_renumbered_when_the_case_is_saved(
    mjolby, coordinator, client
):
    client.force_login(coordinator)
    case = case_359()
    data = case_data(case)
    data["underlag-0-DELETE"] = "on"
    data["underlag-2-document"] = ""
    removed = "Samverkansöverenskommelse för trygghetsskapande"
    assert removed in text_of(client.get(case.get_absolute_url()))

    client.post(reverse("council:edit", args=[case.pk]), data)

    lines = case.decision_basis.order_by("position")
    assert [(b.position, b.title, document_value(b)) for b in lines] == [
        (1, "Förslag till handlingsplan för 2018-2020", "handlingsplan:1"),
        (2, "Förslag till medborgarlöften 2018", ""),
    ]
    page = text_of(client.get(case.get_absolute_url()))
    titles = [line.title for line in lines]
    assert in_order(page, ["Beslutsunderlag", *titles, "Arbetsutskottets förslag"])
    assert removed not in page


@pytest.mark.django_db
def test_a_stale_version_gives_the_conflict_message_and_does_not_overwrite(
    mjolby, coordinator, client
):
    client.force_login(coordinator)
    case = case_359()
    opened = case_data(case, title="Min rubrik")
    case.title = "Någon annans rubrik"
    case.save()

    response = client.post(reverse("council:edit", args=[case.pk]), opened)

    assert response.status_code == 200
    assert "sedan du öppnade sidan. Det du skrev är inte sparat." in text_of(response)
    assert CouncilCase.objects.get(pk=case.pk).title == "Någon annans rubrik"
    assert 'value="Min rubrik"' in response.content.decode()


@pytest.mark.django_db
def test_a_text_of_10001_characters_is_refused_with_a_swedish_error(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()

    response = client.post(
        reverse("council:edit", args=[case.pk]), case_data(case, summary="x" * 10_001)
    )

    assert response.status_code == 200
    assert "10000 tecken" in " ".join(response.context["form"].errors["summary"])
    assert "10000 tecken" in text_of(response)
    assert CouncilCase.objects.get(pk=case.pk).summary == case.summary


@pytest.mark.django_db
def test_a_script_in_a_title_is_shown_as_text(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()
    client.post(
        reverse("council:edit", args=[case.pk]), case_data(case, title="<script>alert(1)</script>")
    )

    html = client.get(case.get_absolute_url()).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


@pytest.mark.django_db
def test_a_case_with_paragraphs_cannot_be_deleted_but_an_empty_one_can(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()

    response = client.post(reverse("council:delete", args=[case.pk]), follow=True)
    assert "kan inte tas bort så länge det har protokollsparagrafer" in text_of(response)
    assert CouncilCase.objects.filter(pk=case.pk).exists()

    empty = CouncilCase.objects.create(
        municipality=case.municipality, diary_number="KS/2019:1", title="Tomt"
    )
    response = client.post(reverse("council:delete", args=[empty.pk]))
    assert response["Location"] == mjolby.get_absolute_url()
    assert not CouncilCase.objects.filter(pk=empty.pk).exists()


# Minutes paragraphs ------------------------------------------------------------


@pytest.mark.django_db
def test_editing_recipients_reorders_adds_and_removes_rows(mjolby, coordinator, client):
    client.force_login(coordinator)
    paragraph = paragraph_6()
    akten = paragraph.recipients.get(name="Akten")
    lines = f"Akten\nKommunstyrelsen\n\n{SEED_RECIPIENTS[1]}\n  Kommunpolisen  \n"

    response = client.post(
        reverse("council:paragraph_edit", args=[paragraph.pk]),
        paragraph_data(paragraph, recipients=lines),
    )

    assert response.status_code == 302
    assert recipients_of(paragraph) == ["Akten", *SEED_RECIPIENTS[:2], "Kommunpolisen"]
    assert paragraph.recipients.get(name="Akten").pk == akten.pk
    assert not Recipient.objects.filter(name__startswith="Ordf.", paragraph=paragraph).exists()


@pytest.mark.django_db
def test_the_history_shows_the_recipient_change_with_the_editors_name(mjolby, coordinator, client):
    client.force_login(coordinator)
    paragraph = paragraph_6()
    lines = "\n".join(SEED_RECIPIENTS[:4] + ["Kommunpolisen"])
    client.post(
        reverse("council:paragraph_edit", args=[paragraph.pk]),
        paragraph_data(paragraph, recipients=lines),
    )

    page = text_of(client.get(reverse("council:history", args=[paragraph.case_id])))

    assert (
        "Roger Max · Ändrad: Mottagare i § 6: Kommunpolisen Mottagare Akten → Kommunpolisen" in page
    )
    assert "Systemet · Skapad: Mottagare i § 6: Akten" in page


def new_paragraph_data(case, **fields) -> dict:
    paragraph = MinutesParagraph(case=case, body="ks", number=3, outcome="decision")
    return paragraph_data(paragraph, version="", meeting_date="2018-01-15", **fields)


@pytest.mark.django_db
def test_a_new_paragraph_is_shown_after_the_earlier_meetings(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    data = new_paragraph_data(case, decision="Planen antas.", recipients="Polisen\nAkten")

    response = client.post(reverse("council:paragraph_create", args=[case.pk]), data, follow=True)

    page = text_of(response)
    assert "§ 3 är registrerad." in page
    first = "utskott · sammanträde datum ej angivet § 41"
    assert in_order(page, [first, "Kommunstyrelsen · sammanträde 15 januari 2018 § 3"])
    assert "Beslut Planen antas. Beslutet skickas till Polisen Akten" in page


@pytest.mark.django_db
def test_deleting_a_paragraph_deletes_its_recipients(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    data = new_paragraph_data(case, recipients="Polisen\nAkten")
    client.post(reverse("council:paragraph_create", args=[case.pk]), data)
    added = case.paragraphs.get(number=3)

    response = client.post(reverse("council:paragraph_delete", args=[added.pk]), follow=True)

    assert "§ 3 kommunstyrelsen är borttagen." in text_of(response)
    assert list(case.paragraphs.values_list("number", flat=True)) == [41]
    assert not Recipient.objects.filter(name="Polisen").exists()


@pytest.mark.django_db
def test_a_paragraph_number_already_in_the_meetings_minutes_is_refused(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()
    MinutesParagraph.objects.create(
        case=case, body="ks", number=5, outcome="decision", meeting_date=date(2018, 1, 15)
    )
    data = new_paragraph_data(case, number=5)

    response = client.post(reverse("council:paragraph_create", args=[case.pk]), data)

    assert "Paragrafen finns redan i det sammanträdets protokoll." in text_of(response)
    assert case.paragraphs.count() == 2


# The cover memo ----------------------------------------------------------------


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
            "recipients": "\n".join(r.name for r in memo.recipients.order_by("position")),
            "signers": "\n".join(str(s) for s in memo.signatures.order_by("position")),
        }
    return {**data, **fields}


@pytest.mark.django_db
def test_the_coordinator_writes_a_memo_with_signers_in_order(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:350")
    signers = "Carina Brofeldt, Bitr. kommunchef\nRoger Max, Säkerhetssamordnare"
    data = memo_data(proposal="Informationen noteras.", recipients="Akten", signers=signers)

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
def test_changing_the_memos_signers_and_recipients_keeps_the_lines_that_stay(
    mjolby, coordinator, client
):
    client.force_login(coordinator)
    memo = case_359().cover_memo
    roger = memo.signatures.get(name="Roger Max")
    signers = "Roger Max, Säkerhetssamordnare\nCecilia W Burenby, Kommunstyrelsens ordförande"
    data = memo_data(memo, date="2017-12-20", signers=signers, recipients="Akten")

    client.post(reverse("council:memo_edit", args=[memo.case_id]), data)

    assert [str(s) for s in memo.signatures.order_by("position")] == signers.split("\n")
    assert memo.signatures.get(position=1).pk == roger.pk
    assert list(memo.recipients.values_list("name", flat=True)) == ["Akten"]
    assert CoverMemo.objects.get(pk=memo.pk).date == date(2017, 12, 20)


@pytest.mark.django_db
def test_a_stale_memo_is_not_overwritten(mjolby, coordinator, client):
    client.force_login(coordinator)
    memo = case_359().cover_memo
    opened = memo_data(memo, recipients="Akten")
    memo.addressee = "Kommunfullmäktige"
    memo.save()

    response = client.post(reverse("council:memo_edit", args=[memo.case_id]), opened)

    assert "Det du skrev är inte sparat." in text_of(response)
    assert memo.recipients.count() == 3
    assert CoverMemo.objects.get(pk=memo.pk).addressee == "Kommunfullmäktige"


# History -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_case_can_be_read_as_it_was_before_a_change(mjolby, coordinator, client):
    client.force_login(coordinator)
    case = case_359()
    before = timezone.now()
    client.post(
        reverse("council:paragraph_edit", args=[paragraph_6().pk]),
        paragraph_data(paragraph_6(), number=7, recipients="Akten"),
        follow=True,
    )
    client.post(
        reverse("council:edit", args=[case.pk]), case_data(case, title="Ny rubrik"), follow=True
    )

    response = client.get(as_of_url(case, before))
    now = text_of(client.get(case.get_absolute_url()))

    page = text_of(response)
    # The case as it is shows the changes and the controls the case as it was lacks.
    assert "Ny rubrik" in now and "Ändra § 7" in now
    assert "Ändra ärendet" in now and "Ta bort § 7" in now
    assert "Så här såg dokumentet ut" in page
    assert "Handlingsplan och medborgarlöfte i enlighet med" in page and "Ny rubrik" not in page
    assert "§ 6" in page and "§ 7" not in page
    assert in_order(page, SEED_RECIPIENTS)
    assert "Ändra ärendet" not in page and "Ta bort § 6" not in page
