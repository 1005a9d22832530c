"""axe-core finds no serious or critical WCAG problem on the pages people use most."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from actionplans.models import ActionPlan
from pledges.models import Pledge
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def serious_violations(page) -> list[str]:
    results = Axe().run(page, options={**WCAG_AA, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def pages_to_check() -> list[str]:
    plan = ActionPlan.objects.get()
    pledge = Pledge.objects.get()
    return [
        "/",
        plan.get_absolute_url(),
        f"/handlingsplaner/{plan.pk}/historik/",
        pledge.get_absolute_url(),
        f"/medborgarloften/{pledge.pk}/historik/",
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


def test_the_signing_and_verification_pages_have_no_serious_accessibility_violations(new_page):
    page = new_page()
    log_in(page, "samordnare")
    page.goto(Pledge.objects.get().get_absolute_url())
    page.get_by_role("link", name="Nytt medborgarlöfte för 2019 utifrån 2018").click()
    page.get_by_role("button", name="Skapa utkast").click()
    page.get_by_role("link", name="Skicka för underskrift").click()
    page.get_by_role("button", name="Skicka för underskrift").wait_for()
    assert serious_violations(page) == []

    visitor = new_page()
    visitor.goto("/verifiera/?kod=ABCDEFGHIJ")
    visitor.get_by_text("Ingen underskrift har den kontrollkoden").wait_for()
    assert serious_violations(visitor) == []
