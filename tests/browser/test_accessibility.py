"""axe-core finds no serious or critical WCAG problem on the pages people use most.

The signing pages are checked at each step of the signing flow, in test_signing.py.
"""

import re

import pytest

from actionplans.models import ActionPlan
from pledges.models import Pledge
from safety_partnership.models import Partnership
from tests.browser.conftest import axe_violations, log_in, serious_violations

pytestmark = pytest.mark.browser


def pages_to_check() -> list[str]:
    plan = ActionPlan.objects.get()
    pledge = Pledge.objects.get()
    return [
        "/",
        Partnership.objects.get().get_absolute_url(),  # with the law's checklist
        plan.get_absolute_url(),
        f"/handlingsplaner/{plan.pk}/historik/",
        pledge.get_absolute_url(),
        f"/medborgarloften/{pledge.pk}/historik/",
        "/sok/?q=trygghetsvandringar",  # hits of several kinds, each with its snippet
        "/sok/?q=",  # the message for an empty search
    ]


@pytest.mark.parametrize("username", ["samordnare", "polischef"])
def test_the_main_pages_have_no_serious_accessibility_violations(new_page, username):
    page = new_page()
    log_in(page, username)

    found = {}
    for url in pages_to_check():
        response = page.goto(url)
        assert response.status == 200, url
        if problems := serious_violations(page):
            found[url] = problems

    assert found == {}


def test_a_plan_in_edit_mode_has_no_serious_accessibility_violations(new_page):
    page = new_page()
    log_in(page, "samordnare")
    page.goto(ActionPlan.objects.get().get_absolute_url())
    page.get_by_role("link", name="Ny handlingsplan utifrån 2018–2020").click()
    page.get_by_role("button", name="Skapa utkast").click()
    page.get_by_role("link", name="Lägg till åtgärd i Trafikmiljön").click()
    page.get_by_label("Åtgärd", exact=True).wait_for()

    assert serious_violations(page) == []


def test_the_registrar_adjusts_minutes_on_accessible_pages(new_page):
    from safety_partnership.models import CouncilCase

    page = new_page()
    log_in(page, "registrator")
    page.goto(CouncilCase.objects.get(diary_number="KS/2017:359").get_absolute_url())
    page.get_by_role("link", name="Registrera justering av § 6").click()
    page.get_by_label("Sammanträdesdatum").wait_for()
    form_problems = serious_violations(page)
    page.get_by_label("Sammanträdesdatum").fill("2017-12-19")
    page.get_by_label("Plats").fill("Stadshuset, Mjölby")
    page.get_by_label("Justerare").fill("Mats Gerdau\nAnna Berg")
    page.get_by_label("Justeringsdatum").fill("2017-12-21")
    page.get_by_role("button", name="Registrera justeringen").click()

    page.get_by_text("Justerat 21 december 2017 av Mats Gerdau, Anna Berg.").wait_for()
    assert form_problems == []
    assert serious_violations(page) == []
    assert page.get_by_role("link", name="Ändra § 6").count() == 0


def test_a_draft_pledge_with_points_and_targets_in_edit_mode_has_no_serious_violations(
    new_page,
):
    page = new_page()
    log_in(page, "samordnare")
    page.goto(Pledge.objects.get().get_absolute_url())
    page.get_by_role("link", name="Nytt medborgarlöfte för 2019 utifrån 2018").click()
    page.get_by_role("button", name="Skapa utkast").click()
    page.get_by_role("link", name="Lägg till mätbart mål").click()
    page.get_by_label("Indikator").fill("Anmälda skadegörelsebrott")
    page.get_by_label("Målvärde").fill("90,5")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("cell", name="90,5").wait_for()
    page.get_by_role("link", name="Lägg till punkt under löftet ”Polisen utför").click()
    page.get_by_label("Punkt").fill("Fredag och lördag kväll")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Fredag och lördag kväll").wait_for()

    assert serious_violations(page) == []
    page.get_by_role("link", name="Ändra mätbart mål 1").click()
    page.get_by_label("Indikator").wait_for()
    assert serious_violations(page) == []


def all_violations(page) -> list[str]:
    """Every WCAG 2.1 AA violation axe finds, whatever its impact: the new pages have none."""
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in axe_violations(page)]


def test_the_new_pages_have_no_accessibility_violations(new_page):
    from django.contrib.contenttypes.models import ContentType

    from actionplans.models import ActionPlan, Measure
    from agreements.models import Agreement
    from public.models import InternalMark
    from safety_partnership.services import copy_document

    draft = copy_document(original=ActionPlan.objects.get(), title="Handlingsplan för 2031-2033")
    signed, pledge = ActionPlan.objects.get(status="signed"), Pledge.objects.get()
    agreement = Agreement.objects.get()
    InternalMark.objects.create(
        content_type=ContentType.objects.get_for_model(Measure),
        object_id=Measure.objects.filter(focus_area__plan=signed).earliest("pk").pk,
    )
    found = {}
    for username, urls in (
        (
            "admin",
            [
                "/installningar/",
                "/installningar/personer/ny/",
                "/installningar/kommuner/ny/",
                "/installningar/samverkan/ny/",
                "/accounts/reset/MQ/fel-token/",
            ],
        ),
        (
            "samordnare",
            [
                "/utbyte/importera/",
                f"/handlingsplaner/{draft.pk}/importera-atgarder/",
                draft.get_absolute_url(),  # its texts naming 2018 are marked for review
                f"/handlingsplaner/{draft.pk}/historik/",  # with its filters
                "/sok/?q=trygghet",
                f"/uppfoljning/handlingsplan/{signed.pk}/2018-T2/",
                f"/uppfoljning/handlingsplan/{signed.pk}/",  # the overview, with its chart
                f"/uppfoljning/handlingsplan/{signed.pk}/ar/2018/",  # the annual follow-up
                f"/medborgarloften/{pledge.pk}/rapporter/halvarsrapport/skriv/",
                f"/medborgarloften/{pledge.pk}/rapporter/halvarsrapport/",
                f"/overenskommelser/{agreement.pk}/ledningsmoten/nytt/",
                "/",  # what is hers to do first
                signed.get_absolute_url(),  # a measure marked internal, with its toggle
            ],
        ),
        # The public pages, without logging in.
        (
            None,
            [
                "/kommuner/",
                "/kommuner/0586-mjolby-kommun/",
                f"/kommuner/0586/medborgarloften/{pledge.pk}/",
                f"/kommuner/0586-mjolby-kommun/handlingsplaner/{signed.pk}/",
                "/kommuner/sok/?q=trygghetsvandringar",
                "/kommuner/teman/",
                "/kommuner/teman/trafik/",
                "/oppna-data/",
            ],
        ),
    ):
        page = new_page()
        if username:
            log_in(page, username)
        for url in urls:
            page.goto(url, wait_until="networkidle")
            if problems := all_violations(page):
                found[url] = problems

    assert found == {}


def test_signing_a_kept_report_is_accessible(new_page):
    """The police chief signs the finalised annual follow-up with her password; axe finds
    nothing on the page before or after."""
    from datetime import date

    from followup.models import AnnualFollowUp
    from safety_partnership.models import Partnership, Person

    Partnership.objects.update(signs_followup_reports=True)
    plan, roger = ActionPlan.objects.get(status="signed"), Person.objects.get(name="Roger Max")
    annual = AnnualFollowUp.objects.create(plan=plan, year=2018, changed_by=roger)
    annual.finalised_on, annual.finalised_by = date(2018, 10, 2), roger
    annual.save()
    page = new_page()
    log_in(page, "polischef")
    page.goto(f"/uppfoljning/handlingsplan/{plan.pk}/ar/2018/")

    before = all_violations(page)
    page.get_by_label("Ditt lösenord").fill("mjolby-demo")
    page.get_by_role("button", name="Skriv under rapporten").click()
    page.get_by_text("Du har skrivit under rapporten.").wait_for()

    assert before == []
    assert all_violations(page) == []


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours as the browser computes them ("rgb(0, 90, 156)")."""

    def luminance(css: str) -> float:
        channels = [int(value) / 255 for value in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_public_headers_links_are_legible_and_a_letter_lists_its_municipalities(new_page):
    """axe leaves text in the colour of its background undecided (it may be hidden on
    purpose): the public header's links were the accent on the accent."""
    page = new_page()
    page.goto("/kommuner/")
    background = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")

    links = page.locator(".site-header nav a").all()
    assert [link.inner_text() for link in links] == ["Sök", "Teman"]
    for link in links:
        assert contrast(link.evaluate("e => getComputedStyle(e).color"), background) >= 4.5
    letters = page.get_by_role("navigation", name="Kommuner A–Ö")
    letters.get_by_role("link", name="M").click()
    page.get_by_role("heading", name="Kommuner på M").wait_for()
    assert page.get_by_role("link", name="Mjölby kommun").is_visible()
