"""Two-party sign-off in a real browser, from the coordinator's draft to the verification page,
with axe-core run on every signing page on the way (no serious or critical WCAG problem)."""

import re

import pytest
from playwright.sync_api import expect

from pledges.models import Pledge
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.browser


def open_pledge_2019(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Medborgarlöfte i Mjölby Kommun 2019").first.click()


def sign_as(page, username: str, password: str = "mjolby-demo") -> None:
    log_in(page, username)
    expect(page.get_by_text("Väntar på din underskrift")).to_be_visible()
    open_pledge_2019(page)
    page.get_by_role("link", name="Läs och skriv under").click()
    page.get_by_label("Ditt lösenord").fill(password)
    page.get_by_role("button", name="Skriv under", exact=True).click()


def test_the_pledge_is_sent_signed_by_both_parties_and_verifiable_on_accessible_pages(new_page):
    inaccessible = {}

    def check(page, name: str) -> None:
        if problems := serious_violations(page):
            inaccessible[name] = problems

    coordinator = new_page()
    log_in(coordinator, "samordnare")
    coordinator.get_by_role("link", name="Medborgarlöfte i Mjölby Kommun 2018").first.click()
    coordinator.get_by_role("link", name="Nytt medborgarlöfte för 2019 utifrån 2018").click()
    coordinator.get_by_role("button", name=re.compile("Skapa")).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(
        "Medborgarlöfte i Mjölby Kommun 2019"
    )
    coordinator.get_by_role("link", name="Skicka för underskrift").click()
    expect(coordinator.get_by_label(re.compile("Hanna Sjögren"))).to_be_checked()
    expect(coordinator.get_by_label(re.compile("Cecilia W Burenby"))).to_be_checked()
    check(coordinator, "skicka för underskrift")
    coordinator.get_by_label("Meddelande till dem som ska skriva under").fill("Inför KS i januari.")
    coordinator.get_by_role("button", name="Skicka för underskrift").click()
    expect(coordinator.get_by_text("Väntar på underskrifter").first).to_be_visible()

    chief = new_page()
    sign_as(chief, "polischef", password="fel-lösenord")
    # The refused form opens on its error summary; the error stays beside the field too.
    summary = chief.get_by_role("group", name="Formuläret kunde inte sparas")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Lösenordet stämmer inte")
    expect(chief.locator("#id_password_error")).to_contain_text("Lösenordet stämmer inte")
    expect(chief.get_by_text("Inför KS i januari.")).to_be_visible()
    expect(chief.get_by_text("Polisen utför fotpatrullering i området")).to_be_visible()
    check(chief, "skriv under, fel lösenord")
    assert (
        Pledge.objects.get(title__endswith="2019")
        .signatures.filter(signed_at__isnull=False)
        .count()
        == 0
    )
    chief.get_by_label("Ditt lösenord").fill("mjolby-demo")
    chief.get_by_role("button", name="Skriv under", exact=True).click()
    expect(chief.get_by_text(re.compile("Du har skrivit under. Kontrollkod"))).to_be_visible()
    check(chief, "underskrivet, med kontrollkoden")

    chair = new_page()
    sign_as(chair, "ordforande")
    expect(chair.locator(".status").first).to_have_text("Undertecknad")

    open_pledge_2019(coordinator)
    expect(coordinator.get_by_role("link", name="Ändra uppgifter")).to_have_count(0)
    expect(coordinator.get_by_role("link", name=re.compile("Nytt löfte|Ändra"))).to_have_count(0)
    expect(coordinator.get_by_role("button", name="Revidera")).to_be_visible()

    coordinator.get_by_role("link", name="Historik").click()
    expect(coordinator.get_by_text("Underskrift av Hanna Sjögren").first).to_be_visible()
    expect(coordinator.get_by_text("Underskrift av Cecilia W Burenby").first).to_be_visible()

    open_pledge_2019(coordinator)
    code = coordinator.locator(".signature__code a").first.inner_text()
    visitor = new_page()
    visitor.goto(f"/verifiera/?kod={code}")
    expect(visitor.get_by_text("Innehållet är oförändrat sedan underskriften.")).to_be_visible()
    expect(visitor.get_by_text("Hanna Sjögren, Lokalpolisområdeschef")).to_be_visible()
    expect(
        visitor.get_by_text(f"Kontrollkoden {code} hör till den här underskriften.")
    ).to_be_visible()
    expect(visitor.get_by_text("Cecilia W Burenby, Kommunstyrelsens ordförande")).to_be_visible()
    expect(visitor.get_by_text("(Ansvar: Kommunen och polisen)").first).to_be_visible()
    check(visitor, "verifiera, känd kod")
    visitor.goto("/verifiera/?kod=ABCDEFGHIJ")
    expect(visitor.get_by_text("Ingen underskrift har den kontrollkoden")).to_be_visible()
    check(visitor, "verifiera, okänd kod")

    assert inaccessible == {}
