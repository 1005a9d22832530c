"""A second municipality set up from nothing to a signed pledge, in the register's own pages
(never /admin/): the superuser adds the municipality, its partnership and its people; they
choose their own passwords through the invitation; the pledge is written, sent and signed."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from pledges.models import Pledge
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.browser
PASSWORD = "Motala-trygg-2027"


def add_person(page, name: str, role: str, email: str) -> None:
    page.get_by_role("link", name="Ny person").click()
    page.get_by_label("Namn").fill(name)
    page.get_by_label("Roll i registret").select_option(label=role)
    page.get_by_label("Kommun", exact=True).select_option(label="Motala kommun")
    page.get_by_label("E-post").fill(email)
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name=f"Bjud in {name}").click()
    expect(page.get_by_text(f"En inbjudan är skickad till {email}.")).to_be_visible()


def accept_invitation(page, email: str) -> None:
    """Follow the link of the invitation sent to email, choose a password, log in."""
    body = next(m.body for m in mail.outbox if email in m.to)
    link = re.search(r"https?://\S+(/accounts/reset/\S+)", body).group(1)
    page.goto(link)
    page.get_by_label("Nytt lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Bekräfta nytt lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Spara lösenordet").click()
    expect(page.get_by_role("heading", name="Lösenordet är sparat")).to_be_visible()
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_a_second_municipality_from_nothing_to_a_signed_pledge(new_page):
    inaccessible = {}
    visited = []

    def check(page, name: str) -> None:
        visited.append(page.url)
        if problems := serious_violations(page):
            inaccessible[name] = problems

    admin = new_page()
    log_in(admin, "admin")
    admin.get_by_role("link", name="Inställningar").click()
    check(admin, "inställningar")
    admin.get_by_role("link", name="Ny kommun").click()
    admin.get_by_label("Namn").fill("Motala kommun")
    admin.get_by_label("Kommunkod").fill("0583")
    check(admin, "ny kommun")
    admin.get_by_role("button", name="Spara").click()
    admin.get_by_role("link", name="Ny samverkan").click()
    admin.get_by_label("Kommun").select_option(label="Motala kommun")
    admin.get_by_label("Lokalpolisområde").select_option(label="Lokalpolisområde Motala")
    admin.get_by_role("button", name="Spara").click()
    add_person(admin, "Maria Lind", "Säkerhetssamordnare", "maria.lind@motala.se")
    check(admin, "ny person")
    add_person(admin, "Kent Ek", "Undertecknar för kommunen", "kent.ek@motala.se")
    check(admin, "personer och inbjudningar")

    coordinator = new_page()
    accept_invitation(coordinator, "maria.lind@motala.se")
    coordinator.get_by_role("link", name="Motala kommun och Lokalpolisområde Motala").first.click()
    coordinator.get_by_role("link", name="Nytt medborgarlöfte").first.click()
    coordinator.get_by_label("Rubrik").fill("Medborgarlöfte Motala 2027")
    coordinator.get_by_label("Gäller från").fill("2027-01-01")
    coordinator.get_by_label("Gäller till").fill("2027-12-31")
    coordinator.get_by_role("button", name=re.compile("Spara|Skapa")).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Medborgarlöfte Motala 2027")
    coordinator.get_by_role("link", name="Lägg till löfte").click()
    coordinator.get_by_label("Löfte", exact=True).fill(
        "Polisen och kommunen håller trygghetsvandringar i Motala centrum."
    )
    coordinator.get_by_label("Ansvar", exact=True).select_option(index=1)
    coordinator.get_by_role("button", name="Spara").click()
    expect(coordinator.get_by_text("trygghetsvandringar i Motala centrum")).to_be_visible()
    coordinator.get_by_role("link", name="Skicka för underskrift").click()
    expect(coordinator.get_by_label(re.compile("Hanna Sjögren"))).to_be_checked()
    expect(coordinator.get_by_label(re.compile("Kent Ek"))).to_be_checked()
    coordinator.get_by_role("button", name="Skicka för underskrift").click()
    expect(coordinator.get_by_text("Väntar på underskrifter").first).to_be_visible()

    for page, login in ((new_page(), "polischef"), (new_page(), "kent.ek@motala.se")):
        if login == "polischef":
            log_in(page, login)
        else:
            accept_invitation(page, login)
        page.get_by_role("link", name="Medborgarlöfte Motala 2027").first.click()
        page.get_by_role("link", name="Läs och skriv under").click()
        page.get_by_label("Ditt lösenord").fill("mjolby-demo" if login == "polischef" else PASSWORD)
        page.get_by_role("button", name="Skriv under", exact=True).click()
        expect(page.get_by_text(re.compile("Du har skrivit under"))).to_be_visible()

    pledge = Pledge.objects.get(title="Medborgarlöfte Motala 2027")
    assert pledge.status == "signed"
    assert pledge.partnership.municipality.name == "Motala kommun"
    assert not any("/admin/" in url for url in visited)
    assert inaccessible == {}
