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
    found = {}

    def check(page, name: str) -> None:
        if problems := serious_violations(page):
            found[name] = problems

    coordinator = new_page()
    log_in(coordinator, "samordnare")
    coordinator.goto(Pledge.objects.get().get_absolute_url())
    coordinator.get_by_role("link", name="Nytt medborgarlöfte för 2019 utifrån 2018").click()
    coordinator.get_by_role("button", name="Skapa utkast").click()
    coordinator.get_by_role("link", name="Skicka för underskrift").click()
    coordinator.get_by_role("button", name="Skicka för underskrift").wait_for()
    check(coordinator, "skicka för underskrift")
    coordinator.get_by_role("button", name="Skicka för underskrift").click()
    coordinator.get_by_text("Väntar på underskrifter").first.wait_for()

    chief = new_page()
    log_in(chief, "polischef")
    chief.goto(Pledge.objects.get(title__endswith="2019").get_absolute_url())
    chief.get_by_role("link", name="Läs och skriv under").click()
    chief.get_by_label("Ditt lösenord").wait_for()
    check(chief, "skriv under")
    chief.get_by_label("Ditt lösenord").fill("fel-lösenord")
    chief.get_by_role("button", name="Skriv under", exact=True).click()
    chief.get_by_text("Lösenordet stämmer inte").wait_for()
    check(chief, "skriv under, fel lösenord")
    chief.get_by_label("Ditt lösenord").fill("mjolby-demo")
    chief.get_by_role("button", name="Skriv under", exact=True).click()
    chief.get_by_text("Du har skrivit under. Kontrollkod").wait_for()
    check(chief, "underskrivet, med kontrollkoden")
    code = chief.locator(".signature__code a").first.inner_text()

    visitor = new_page()
    visitor.goto(f"/verifiera/?kod={code}")
    visitor.get_by_text("Innehållet är oförändrat sedan underskriften.").wait_for()
    check(visitor, "verifiera, känd kod")
    visitor.goto("/verifiera/?kod=ABCDEFGHIJ")
    visitor.get_by_text("Ingen underskrift har den kontrollkoden").wait_for()
    check(visitor, "verifiera, okänd kod")

    assert found == {}
