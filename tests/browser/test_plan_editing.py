"""The coordinator's day in a real browser: copy the plan, add and move a measure, see it kept."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def start_new_plan(page) -> None:
    page.get_by_role("link", name="Handlingsplan för 2018-2020").first.click()
    page.get_by_role("link", name="Ny handlingsplan utifrån 2018–2020").click()
    page.get_by_role("button", name="Skapa utkast").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan för 2021-2023")


def tillgrepp_measures(page) -> list[str]:
    area = page.locator("tbody", has=page.get_by_text("Tillgreppsbrott", exact=True))
    return [text.split("\n")[0].strip() for text in area.locator("td.measure").all_inner_texts()]


def test_the_coordinator_adds_a_measure_moves_it_up_and_finds_it_in_the_history(new_page):
    page = new_page()
    log_in(page, "samordnare")
    start_new_plan(page)

    page.get_by_role("link", name="Lägg till åtgärd i Tillgreppsbrott").click()
    page.get_by_label("Åtgärd", exact=True).fill("Cykelmärkning vid resecentrum")
    page.get_by_label("Ansvar", exact=True).select_option(label="Kommunen och polisen")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Cykelmärkning vid resecentrum")).to_be_visible()
    assert tillgrepp_measures(page)[-1] == "Cykelmärkning vid resecentrum"

    page.get_by_role("button", name="Flytta upp åtgärd 8 i Tillgreppsbrott").click()
    expect(
        page.locator("tbody", has=page.get_by_text("Tillgreppsbrott", exact=True))
        .locator("td.measure")
        .nth(6)
    ).to_contain_text("Cykelmärkning vid resecentrum")
    assert tillgrepp_measures(page)[-2:] == [
        "Cykelmärkning vid resecentrum",
        "Informationskampanjer",
    ]

    page.get_by_role("link", name="Historik").click()
    entry = page.locator(".timeline__entry", has_text="Cykelmärkning vid resecentrum").first
    expect(entry).to_contain_text("Roger Max")
    expect(page.locator(".timeline__entry").first).to_contain_text("Ordning")


def test_editing_works_without_javascript(new_page):
    page = new_page(javascript=False)
    log_in(page, "samordnare")
    start_new_plan(page)

    page.get_by_role("link", name="Lägg till åtgärd i Droger, ANDT").click()
    page.get_by_label("Åtgärd", exact=True).fill("Föräldravandringar på helger")
    page.get_by_label("Ansvar", exact=True).select_option(label="Kommunen")
    page.get_by_role("button", name="Spara").click()

    expect(page).to_have_url(re.compile(r"/handlingsplaner/\d+/#atgard-\d+$"))
    expect(page.get_by_text("Föräldravandringar på helger")).to_be_visible()


# Links and buttons that change a draft plan, as the coordinator finds them on it.
EDIT_LINKS = ["Ändra", "Lägg till åtgärd", "Ny handlingsplan utifrån", "Ta bort"]
EDIT_BUTTONS = ["Flytta upp", "Flytta ner", "Ta bort"]


def edit_controls(page) -> dict[str, int]:
    links = {name: page.get_by_role("link", name=re.compile(name)) for name in EDIT_LINKS}
    buttons = {name: page.get_by_role("button", name=re.compile(name)) for name in EDIT_BUTTONS}
    return {
        **{f"link {name}": locator.count() for name, locator in links.items()},
        **{f"button {name}": locator.count() for name, locator in buttons.items()},
    }


def test_the_police_chief_sees_the_draft_plan_but_no_edit_controls(new_page):
    coordinator = new_page()
    log_in(coordinator, "samordnare")
    start_new_plan(coordinator)
    draft_url = coordinator.url
    offered = edit_controls(coordinator)

    page = new_page()
    log_in(page, "polischef")
    page.goto(draft_url)

    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan för 2021-2023")
    expect(page.get_by_role("columnheader", name="Åtgärder")).to_be_visible()
    expect(page.get_by_text("Tillgreppsbrott", exact=True)).to_be_visible()
    # The coordinator has every one of them on the same draft; the police chief none.
    assert [control for control, count in offered.items() if count == 0] == []
    assert edit_controls(page) == dict.fromkeys(offered, 0)
