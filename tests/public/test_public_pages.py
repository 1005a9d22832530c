"""The public pages under /kommuner/: signed documents only, nothing internal, no session."""

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from actionplans.models import ActionPlan, FocusArea, Measure
from followup.models import AnnualFollowUp, AreaAssessment, MeasureReport
from pledges.models import Pledge, PledgeReport, Promise, PromiseReport, ReportKind
from public.models import InternalMark
from safety_partnership.models import Partnership, Person, PoliceArea, Role
from safety_partnership.signing.services import Scan, record_paper_signatures, send_for_signing
from tests.conftest import make_municipality, make_user

MJOLBY = "/kommuner/0586-mjolby-kommun/"
INTERNAL_LABEL = "Intern – visas inte offentligt"
MARK = "HEMLIGT7f3a"  # written into every internal field, with the field's name after it


def marker(field: str) -> str:
    return f"{MARK}-{field}"


def public_client() -> Client:
    return Client()


def sign_on_paper(document, signatories, day=date(2025, 1, 20)):
    record_paper_signatures(
        document=document,
        user=None,
        signed_on=day,
        place="Teststad",
        signatories=signatories,
        scan=Scan(pdf=b"%PDF-1.4 scanned", file_name="underskrifter.pdf"),
    )
    document.refresh_from_db()


def pdf_text(content: bytes) -> str:
    """A PDF's words and its metadata (title, subject, keywords …)."""
    reader = PdfReader(io.BytesIO(content))
    words = [page.extract_text() for page in reader.pages]
    return "\n".join(words + [str(value) for value in (reader.metadata or {}).values()])


def crawl(client: Client, start: str = "/kommuner/") -> dict[str, str]:
    """Every public page reachable from /kommuner/, the public PDFs too: {address: its HTML
    source, or a PDF's text and metadata}."""
    pages: dict[str, str] = {}
    todo = [start]
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"] == "application/pdf":
            pages[url] = pdf_text(response.content)
            continue
        pages[url] = response.content.decode()
        todo += re.findall(r'href="(/kommuner/[^"#]*)"', pages[url])
    return pages


@pytest.fixture
def marked(mjolby):
    """A municipality with a signed plan and pledge, and a marker in every internal field."""
    municipality = make_municipality("Markeringe kommun", "9901")
    area = PoliceArea.objects.create(name="Lokalpolisområde Markering", region="syd")
    partnership = Partnership.objects.create(municipality=municipality, police_area=area)
    chief = Person.objects.create(
        name="Polly Chef",
        title="Lokalpolisområdeschef",
        role=Role.POLICE_SIGNATORY,
        police_area=area,
        email="hemligt7f3a-chief@polisen.se",
        phone=marker("chief-phone"),
    )
    chair = Person.objects.create(
        name="Kim Ordförande",
        title="Kommunstyrelsens ordförande",
        role=Role.MUNICIPAL_SIGNATORY,
        municipality=municipality,
        email="hemligt7f3a-chair@kommun.se",
        phone=marker("chair-phone"),
    )
    coordinator = Person.objects.create(
        name=marker("coordinator-name"),
        role=Role.COORDINATOR,
        municipality=municipality,
        email="hemligt7f3a-coordinator@kommun.se",
    )
    Person.objects.create(name=marker("staff-name"), role=Role.STAFF, municipality=municipality)

    plan = ActionPlan.objects.create(
        partnership=partnership,
        title="Handlingsplan 2025–2027",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
    )
    focus = FocusArea.objects.create(
        plan=plan, position=1, title="Trafiken", problem="Buskörning", effect_goal="Färre olyckor"
    )
    shown = Measure.objects.create(
        focus_area=focus, position=1, description="Fotpatrullering", responsible="police"
    )
    hidden = Measure.objects.create(
        focus_area=focus, position=2, description=marker("measure"), responsible="police"
    )
    sign_on_paper(plan, [chief, chair])

    pledge = Pledge.objects.create(
        partnership=partnership,
        title="Medborgarlöfte 2025",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        situation="Skadegörelse vid stationen",
    )
    promise = Promise.objects.create(
        pledge=pledge, position=1, text="Vi patrullerar", responsible="police"
    )
    sign_on_paper(pledge, [chief, chair])
    report = PledgeReport.objects.create(
        pledge=pledge, kind=ReportKind.YEAR_END, written_by=coordinator
    )
    PromiseReport.objects.create(
        report=report,
        promise=promise,
        status="done",
        done=marker("promise-done"),
        citizen_text="Polisen har patrullerat varje fredag.",
    )
    report.finalised_on, report.finalised_by = date(2026, 1, 15), coordinator
    report.save()

    MeasureReport.objects.create(
        measure=shown,
        year=2025,
        tertial=1,
        party="police",
        status="ongoing",
        comment=marker("tertial-comment"),
        reported_by=chief,
    )
    annual = AnnualFollowUp.objects.create(
        plan=plan, year=2025, revision_proposal=marker("revision-proposal")
    )
    AreaAssessment.objects.create(
        annual=annual,
        focus_area=focus,
        summary=marker("area-summary"),
        motivation=marker("area-motivation"),
    )

    # Not signed: a draft plan and a pledge awaiting signatures.
    draft = ActionPlan.objects.create(
        partnership=partnership,
        title=marker("draft-title"),
        introduction=marker("draft-introduction"),
        period_start=date(2028, 1, 1),
        period_end=date(2030, 12, 31),
    )
    draft_area = FocusArea.objects.create(plan=draft, position=1, title=marker("draft-area"))
    Measure.objects.create(
        focus_area=draft_area,
        position=1,
        description=marker("draft-measure"),
        responsible="police",
    )
    awaiting = Pledge.objects.create(
        partnership=partnership,
        title=marker("awaiting-title"),
        situation=marker("awaiting-situation"),
        period_start=date(2030, 1, 1),
        period_end=date(2030, 12, 31),
    )
    Promise.objects.create(
        pledge=awaiting, position=1, text=marker("awaiting-promise"), responsible="police"
    )
    send_for_signing(document=awaiting, user=None, signatories=[chief, chair])
    return {
        "plan": plan,
        "hidden": hidden,
        "shown": shown,
        "coordinator": make_user("markeringe", coordinator),
        "chief": make_user("polly", chief),
        "pledge": pledge,
        "draft": draft,
        "awaiting": awaiting,
    }


@pytest.mark.django_db
def test_the_list_names_the_municipalities_with_signed_documents_and_their_police(marked):
    make_municipality("Tomma kommun", "9902")  # nothing signed: not listed

    html = public_client().get("/kommuner/").content.decode()

    assert "Markeringe kommun" in html and "Mjölby kommun" in html
    assert "Lokalpolisområde Motala, Region Öst" in html
    assert "Tomma kommun" not in html
    assert html.index("Markeringe kommun") < html.index("Mjölby kommun")  # alphabetical


@pytest.mark.django_db
def test_a_municipality_with_two_police_areas_is_listed_once_with_both(mjolby):
    # Its second partnership has nothing signed yet: the municipality is listed for the
    # first, and the list names the police of both, as its page does.
    area = PoliceArea.objects.create(name="Lokalpolisområde Linköping", region="ost")
    Partnership.objects.create(municipality=mjolby.municipality, police_area=area)

    html = public_client().get("/kommuner/").content.decode()

    assert names_listed(html) == ["Mjölby kommun"]
    assert (
        'Mjölby kommun</a><span class="note"> – Lokalpolisområde Linköping, Region Öst'
        " – Lokalpolisområde Motala, Region Öst</span>"
    ) in html


@pytest.mark.django_db
def test_the_municipality_page_shows_the_signed_pledge_plan_and_signatories(mjolby):
    response = public_client().get(MJOLBY)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Polisen utför fotpatrullering i området" in html  # a promise
    assert "Trafikmiljön" in html and "Se över vegetation" in html  # a focus area, a measure
    assert "Hanna Sjögren, Lokalpolisområdeschef" in html  # who signed
    assert "Logga ut" not in html and "csrfmiddlewaretoken" not in html
    assert '<html lang="sv">' in html
    assert 'href="/static/css/public.css"' in html  # with its print rules


@pytest.mark.django_db
def test_a_code_alone_is_sent_to_the_page_with_the_name(mjolby):
    response = public_client().get("/kommuner/0586/")

    assert response.status_code == 301
    assert response.headers["Location"] == MJOLBY


@pytest.mark.django_db
def test_the_pages_set_no_cookie_and_may_be_cached_by_anyone(marked):
    client = public_client()
    pages = crawl(client)
    assert len(pages) >= 4  # the list, two municipalities, an earlier pledge

    for url in pages:
        response = client.get(url)
        assert "Set-Cookie" not in response.headers, url
        assert "Cookie" not in response.headers.get("Vary", ""), url
        assert response.headers["Cache-Control"] == "public, max-age=300", url


@pytest.mark.django_db
def test_a_signed_in_user_sees_exactly_what_everyone_sees(marked):
    signed_in = Client()
    signed_in.force_login(marked["coordinator"])

    for url, html in crawl(public_client()).items():
        response = signed_in.get(url)
        pdf = response["Content-Type"] == "application/pdf"
        assert (pdf_text(response.content) if pdf else response.content.decode()) == html, url
        assert not response.cookies, url


@pytest.mark.django_db
def test_drafts_and_documents_awaiting_signatures_are_not_there(marked):
    client = public_client()
    slug = "/kommuner/9901-markeringe-kommun/"

    assert client.get(f"{slug}medborgarloften/{marked['awaiting'].pk}/").status_code == 404
    assert client.get(f"{slug}medborgarloften/{marked['pledge'].pk}/").status_code == 200
    # Another municipality's pledge is not this one's.
    mjolby_pledge = Pledge.objects.get(partnership__municipality__code="0586")
    assert client.get(f"{slug}medborgarloften/{mjolby_pledge.pk}/").status_code == 404
    assert client.get("/kommuner/9999-ingen/").status_code == 404


@pytest.mark.django_db
def test_the_pledge_in_effect_is_current_and_the_earlier_one_is_linked(marked, mjolby):
    partnership = marked["pledge"].partnership
    chief, chair = (Person.objects.get(name=n) for n in ("Polly Chef", "Kim Ordförande"))
    today = date.today()
    current = Pledge.objects.create(
        partnership=partnership,
        title="Medborgarlöftet som gäller nu",
        period_start=date(today.year, 1, 1),
        period_end=date(today.year, 12, 31),
    )
    Promise.objects.create(pledge=current, position=1, text="Vi lyssnar", responsible="joint")
    sign_on_paper(current, [chief, chair], day=date(today.year, 1, 10))

    html = public_client().get("/kommuner/9901-markeringe-kommun/").content.decode()

    assert "Medborgarlöftet som gäller nu" in html and "Vi lyssnar" in html
    assert "Det gäller inte längre" not in html.split('id="handlingsplan"')[0]
    earlier = html.split("Tidigare medborgarlöften")[1]
    assert f'/medborgarloften/{marked["pledge"].pk}/">Medborgarlöfte 2025</a>' in earlier
    pledge_page = public_client().get(
        f"/kommuner/9901-markeringe-kommun/medborgarloften/{marked['pledge'].pk}/"
    )
    assert "Polisen har patrullerat varje fredag." in pledge_page.content.decode()


@pytest.mark.django_db
def test_nothing_internal_reaches_any_public_page(marked):
    coordinator = Client()
    coordinator.force_login(marked["coordinator"])
    hidden = marked["hidden"]
    # The coordinator marks the measure internal (police intelligence) on the plan's page.
    response = coordinator.post(f"/intern-markering/atgard/{hidden.pk}/", {"internal": "1"})
    assert response.status_code == 302

    pages = crawl(public_client())

    leaks = {url: re.findall(rf"{MARK}[\w-]*", html, re.I) for url, html in pages.items()}
    assert {url: found for url, found in leaks.items() if found} == {}
    assert "@" not in "".join(pages.values())  # no e-mail address at all
    municipality_page = pages["/kommuner/9901-markeringe-kommun/"]
    assert "Fotpatrullering" in municipality_page  # the measure that is not internal
    assert "Polly Chef, Lokalpolisområdeschef" in municipality_page  # a signatory
    # What is public of the report: its text for citizens and the promise's status.
    assert "Polisen har patrullerat varje fredag." in "".join(pages.values())


@pytest.mark.django_db
def test_the_coordinator_marks_a_measure_internal_and_public_again(marked):
    coordinator = Client()
    coordinator.force_login(marked["coordinator"])
    plan, hidden = marked["plan"], marked["hidden"]
    page = "/kommuner/9901-markeringe-kommun/"

    assert marker("measure") in public_client().get(page).content.decode()
    response = coordinator.post(
        f"/intern-markering/atgard/{hidden.pk}/", {"internal": "1"}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{plan.get_absolute_url()}#atgard-{hidden.pk}"
    assert "markerad som intern" in html
    assert INTERNAL_LABEL in html and "Visa offentligt" in html
    assert marker("measure") not in public_client().get(page).content.decode()
    mark = InternalMark.objects.get()
    assert mark.marked_by == marked["coordinator"].person

    coordinator.post(f"/intern-markering/atgard/{hidden.pk}/", {"internal": "0"})

    assert not InternalMark.objects.exists()
    assert InternalMark.history.count() == 2  # set and lifted, both kept
    assert marker("measure") in public_client().get(page).content.decode()
    assert INTERNAL_LABEL not in coordinator.get(plan.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_coordinator_marks_a_tertial_comment_internal(marked):
    coordinator = Client()
    coordinator.force_login(marked["coordinator"])
    report = MeasureReport.objects.get(measure=marked["shown"])
    tertial_page = f"/uppfoljning/handlingsplan/{marked['plan'].pk}/2025-T1/"
    assert INTERNAL_LABEL not in coordinator.get(tertial_page).content.decode()

    response = coordinator.post(
        f"/intern-markering/tertialkommentar/{report.pk}/", {"internal": "1"}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"{tertial_page}#atgard-{marked['shown'].pk}"
    assert INTERNAL_LABEL in response.content.decode()
    assert InternalMark.objects.get().field == "comment"


@pytest.mark.django_db
def test_the_coordinator_marks_what_was_done_of_a_promise_internal(marked):
    coordinator = Client()
    coordinator.force_login(marked["coordinator"])
    row = PromiseReport.objects.get(report__pledge=marked["pledge"])
    report_page = f"/medborgarloften/{marked['pledge'].pk}/rapporter/arsrapport/"
    assert INTERNAL_LABEL not in coordinator.get(report_page).content.decode()

    response = coordinator.post(
        f"/intern-markering/loftesrapport/{row.pk}/", {"internal": "1"}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"{report_page}#lofte-{row.promise_id}"
    assert INTERNAL_LABEL in response.content.decode()
    assert InternalMark.objects.get().field == "done"


@pytest.mark.django_db
def test_the_coordinator_marks_a_focus_areas_annual_notes_internal(marked):
    coordinator = Client()
    coordinator.force_login(marked["coordinator"])
    notes = AreaAssessment.objects.get(annual__plan=marked["plan"])
    annual_page = f"/uppfoljning/handlingsplan/{marked['plan'].pk}/ar/2025/"

    response = coordinator.post(
        f"/intern-markering/arsuppfoljning/{notes.pk}/", {"internal": "1"}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"{annual_page}#omrade-{notes.focus_area_id}"
    assert INTERNAL_LABEL in response.content.decode()
    assert InternalMark.objects.get().row == notes


@pytest.mark.django_db
def test_only_the_partnerships_editors_mark_and_bad_input_changes_nothing(marked):
    chief = Client()
    chief.force_login(marked["chief"])
    hidden = marked["hidden"]

    assert (
        chief.post(f"/intern-markering/atgard/{hidden.pk}/", {"internal": "1"}).status_code == 403
    )
    assert public_client().post(f"/intern-markering/atgard/{hidden.pk}/").status_code == 302
    coordinator = Client()
    coordinator.force_login(marked["coordinator"])
    response = coordinator.post(
        f"/intern-markering/atgard/{hidden.pk}/", {"internal": "kanske"}, follow=True
    )
    assert "Ange om uppgiften ska vara intern eller offentlig." in response.content.decode()
    assert coordinator.post(f"/intern-markering/okand/{hidden.pk}/").status_code == 404
    # Mjölby's measures are not hers.
    theirs = Measure.objects.filter(focus_area__plan__partnership__municipality__code="0586")
    response = coordinator.post(f"/intern-markering/atgard/{theirs[0].pk}/", {"internal": "1"})
    assert response.status_code == 404
    assert not InternalMark.objects.exists()


def queries(url: str) -> int:
    client = public_client()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_pages_ask_a_fixed_number_of_queries_however_many_municipalities(mjolby, marked):
    """One municipality with documents (Mjölby) or three; more pledges and reports."""
    plan = ActionPlan.objects.filter(partnership__municipality__code="0586").first()
    urls = ("/kommuner/", MJOLBY, f"{MJOLBY}handlingsplaner/{plan.pk}/")
    for url in urls:
        queries(url)  # content types cached
    before = {url: queries(url) for url in urls}
    for name, code in (("Andra kommun", "9903"), ("Tredje kommun", "9904")):
        other = Partnership.objects.create(
            municipality=make_municipality(name, code), police_area=mjolby.police_area
        )
        plan = ActionPlan.objects.create(
            partnership=other,
            title="Plan",
            period_start=date(2025, 1, 1),
            period_end=date(2026, 12, 31),
        )
        FocusArea.objects.create(plan=plan, position=1, title="Trygghet")
        plan.status = "signed"  # as a plan signed on paper and registered as such
        plan.save()

    after = {url: queries(url) for url in urls}

    assert after == before


@pytest.mark.django_db
def test_a_superseded_pledge_is_an_earlier_one_and_says_so(marked):
    Pledge.objects.filter(pk=marked["pledge"].pk).update(status="superseded")
    slug = "/kommuner/9901-markeringe-kommun/"

    html = public_client().get(slug).content.decode()
    pledge_page = public_client().get(f"{slug}medborgarloften/{marked['pledge'].pk}/")

    assert "Inget undertecknat medborgarlöfte gäller." in html
    assert 'Medborgarlöfte 2025</a> <span class="note">(2025, ersatt av en revision)' in html
    assert "Ersatt av en revision" in pledge_page.content.decode()


@pytest.mark.django_db
def test_the_municipality_page_shows_the_laws_checklist_without_naming_staff(mjolby):
    html = public_client().get(MJOLBY).content.decode()
    duties = html[html.index("Kommunens brottsförebyggande ansvar") :]

    assert "Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete" in duties
    for duty in ("Lägesbild beslutad", "Åtgärdsplan beslutad", "Samordningsfunktion"):
        assert duty in duties
    assert "Kommunen har en säkerhetssamordnare." in duties
    assert "Roger Max" not in html  # the coordinator is staff, not a signatory
    assert "<a " not in duties.split("</section>")[0]  # no links into the register


def signed_plan_in(
    name: str,
    code: str,
    police_area: PoliceArea,
    first_year: int = 2025,
    title: str = "Plan",
    areas: tuple[str, ...] = (),
) -> ActionPlan:
    """A municipality with a plan of two years and these focus areas, signed (as on paper
    and registered as such)."""
    partnership = Partnership.objects.create(
        municipality=make_municipality(name, code), police_area=police_area
    )
    plan = ActionPlan.objects.create(
        partnership=partnership,
        title=title,
        period_start=date(first_year, 1, 1),
        period_end=date(first_year + 1, 12, 31),
    )
    for position, area in enumerate(areas, 1):
        FocusArea.objects.create(plan=plan, position=position, title=area)
    plan.status = "signed"
    plan.save()
    return plan


def names_listed(html: str) -> list[str]:
    return re.findall(r'<li><a href="/kommuner/[^"]+">([^<]+)</a>', html)


@pytest.mark.django_db
def test_the_list_is_searched_by_name_in_any_case_also_for_a_ring_and_dots(mjolby):
    signed_plan_in("Örebro kommun", "1880", mjolby.police_area)
    signed_plan_in("Åre kommun", "2321", mjolby.police_area)
    client = public_client()

    html = client.get("/kommuner/").content.decode()
    assert '<label for="id_kommun">Sök kommun</label>' in html
    assert 'id="id_kommun" name="q"' in html
    assert client.get("/kommuner/", {"q": "ÖREBRO"}).content.decode().count("Örebro kommun") >= 1
    assert names_listed(client.get("/kommuner/", {"q": "örebro"}).content.decode()) == [
        "Örebro kommun"
    ]
    assert names_listed(client.get("/kommuner/", {"q": "åRE"}).content.decode()) == ["Åre kommun"]
    assert names_listed(client.get("/kommuner/", {"q": " mjÖlby "}).content.decode()) == [
        "Mjölby kommun"
    ]
    assert names_listed(client.get("/kommuner/", {"q": "ore"}).content.decode()) == []
    nothing = client.get("/kommuner/", {"q": "Atlantis"})
    assert "Ingen kommun med ”Atlantis” i namnet" in nothing.content.decode()
    assert nothing.headers["Cache-Control"] == "public, max-age=300"
    assert not nothing.cookies


@pytest.mark.django_db
def test_a_letter_shows_fifty_a_page_and_a_bad_page_number_the_first_or_last(mjolby):
    for number in range(54):
        signed_plan_in(f"Kommun {number:02}", f"7{number:03}", mjolby.police_area)
    client = public_client()

    first = client.get("/kommuner/").content.decode()
    assert len(names_listed(first)) == 50
    assert "Sida 1 av 2" in first
    assert '<nav class="public-pages" aria-label="Sidor med kommuner">' in first
    assert '<a href="?sida=2" rel="next">Nästa sida</a>' in first
    assert "Föregående sida" not in first
    second = client.get("/kommuner/", {"sida": "2"}).content.decode()
    assert names_listed(second) == [f"Kommun {n}" for n in range(50, 54)]  # all on K
    assert "Sida 2 av 2" in second
    assert '<a href="?sida=1" rel="prev">Föregående sida</a>' in second
    assert client.get("/kommuner/", {"sida": "x"}).content.decode() == first
    assert client.get("/kommuner/", {"sida": "99"}).content.decode() == second
    # The name filter is kept from page to page.
    filtered = client.get("/kommuner/", {"q": "kommun 5", "sida": "1"}).content.decode()
    assert names_listed(filtered) == [f"Kommun {n}" for n in range(50, 54)]
    assert "Sida 1 av" not in filtered


def letters_listed(html: str) -> list[str]:
    return re.findall(r'<li><a href="\?bokstav=[^"]+"(?: aria-current="page")?>(.)</a>', html)


@pytest.mark.django_db
def test_the_list_is_a_to_oe_one_letter_at_a_time_in_swedish_order(mjolby):
    for name, code in [
        ("Örebro kommun", "1880"),
        ("Älmhult kommun", "0765"),
        ("Åre kommun", "2321"),
        ("Håbo kommun", "0305"),
        ("Habo kommun", "0643"),
        ("Ale kommun", "1440"),
    ]:
        signed_plan_in(name, code, mjolby.police_area)
    client = public_client()

    first = client.get("/kommuner/").content.decode()
    assert '<nav class="public-letters" aria-label="Kommuner A–Ö">' in first
    assert letters_listed(first) == ["A", "H", "M", "Å", "Ä", "Ö"]
    assert '<a href="?bokstav=A" aria-current="page">A</a>' in first
    assert "<h2>Kommuner på A</h2>" in first and names_listed(first) == ["Ale kommun"]
    chosen = client.get("/kommuner/", {"bokstav": "h"}).content.decode()
    assert names_listed(chosen) == ["Habo kommun", "Håbo kommun"]
    assert '<a href="?bokstav=H" aria-current="page">H</a>' in chosen
    assert names_listed(client.get("/kommuner/", {"bokstav": "Å"}).content.decode()) == [
        "Åre kommun"
    ]
    # A letter without a municipality, or none at all, shows the first.
    assert client.get("/kommuner/", {"bokstav": "Q"}).content.decode() == first
    assert client.get("/kommuner/", {"bokstav": "<script>"}).content.decode() == first
    # A search lists every match, whatever its letter, without the letters.
    found = client.get("/kommuner/", {"q": "e"}).content.decode()
    assert names_listed(found) == ["Ale kommun", "Åre kommun", "Örebro kommun"]
    assert "public-letters" not in found
