"""Feedback where the user is: a form that opens, a refused save and a saved row take the
view and the keyboard focus with them, with JavaScript (htmx swaps) and without (#anchor,
autofocus); text fields show their limit and count what is typed."""

import re

import pytest
from playwright.sync_api import Page, expect

from actionplans.models import ActionPlan
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.browser

# What the tests ask the browser: the focused element and whether it is in the view.
FOCUSED = """() => {
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  return {
    id: element.id,
    tag: element.tagName.toLowerCase(),
    inView: box.bottom > 0 && box.top < window.innerHeight && box.height > 0,
    top: box.top,
  };
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def draft_plan(page: Page) -> None:
    """A draft to edit: 'Ny handlingsplan utifrån 2018–2020', as the coordinator makes it."""
    log_in(page, "samordnare")
    page.goto(ActionPlan.objects.get().get_absolute_url())
    page.get_by_role("link", name="Ny handlingsplan utifrån 2018–2020").click()
    page.get_by_role("button", name="Skapa utkast").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan för 2021-2023")


def open_new_focus_area(page: Page) -> None:
    page.get_by_role("link", name="Lägg till fokusområde").click()
    expect(page.get_by_role("heading", name="Nytt fokusområde")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_new_focus_areas_form_opens_focused_in_the_view(new_page, javascript):
    page = new_page(javascript=javascript)
    draft_plan(page)

    open_new_focus_area(page)

    expect(page.get_by_label("Fokusområde", exact=True)).to_be_focused()
    here = focused(page)
    assert (here["id"], here["tag"], here["inView"]) == ("id_title", "input", True)
    if javascript:  # axe-core runs as a script on the page
        assert serious_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_refused_row_form_focuses_its_error_summary_which_links_to_the_field(
    new_page, javascript
):
    page = new_page(javascript=javascript)
    draft_plan(page)
    open_new_focus_area(page)

    page.get_by_label("Problembild", exact=True).fill("Ett problem utan rubrik")
    page.get_by_role("button", name="Spara").click()

    summary = page.get_by_role("group", name="Formuläret kunde inte sparas")
    expect(summary).to_be_focused()
    assert focused(page)["inView"]
    link = summary.get_by_role("link", name=re.compile("^Fokusområde: "))
    expect(link).to_have_attribute("href", "#id_title")
    # The field keeps its own error, and what was typed.
    expect(page.locator("#id_title_error")).to_be_visible()
    expect(page.get_by_label("Problembild", exact=True)).to_have_value("Ett problem utan rubrik")
    if javascript:
        assert serious_violations(page) == []

    link.click()
    expect(page.get_by_label("Fokusområde", exact=True)).to_be_focused()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_saved_focus_area_takes_the_view_and_the_focus(new_page, javascript):
    page = new_page(javascript=javascript)
    draft_plan(page)
    open_new_focus_area(page)

    page.get_by_label("Fokusområde", exact=True).fill("Skolans trygghet")
    page.get_by_role("button", name="Spara").click()

    row = page.locator("tbody.focus-area", has_text="Skolans trygghet")
    expect(row).to_be_focused()
    assert focused(page)["inView"]
    if not javascript:
        expect(page).to_have_url(re.compile(r"/handlingsplaner/\d+/#fokusomrade-\d+$"))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_changing_a_measure_opens_its_form_focused(new_page, javascript):
    page = new_page(javascript=javascript)
    draft_plan(page)

    page.get_by_role("link", name="Ändra åtgärd 1 i Tillgreppsbrott").click()

    field = page.get_by_label("Åtgärd", exact=True)
    expect(field).to_be_focused()
    assert focused(page)["inView"]


def test_a_text_field_shows_its_limit_and_counts_what_is_typed(new_page):
    page = new_page()
    draft_plan(page)
    open_new_focus_area(page)

    problem = page.get_by_label("Problembild", exact=True)
    expect(problem).to_have_attribute("maxlength", "10000")
    expect(page.locator("#id_problem_helptext")).to_have_text("Högst 10\xa0000 tecken.")
    counter = page.locator("#id_problem_count")
    expect(counter).to_have_text("0 av 10\xa0000 tecken")

    problem.fill("Cykelstölder")
    expect(counter).to_have_text("12 av 10\xa0000 tecken")
    expect(page.locator("#id_title_count")).to_have_text("0 av 200 tecken")


def test_without_javascript_the_limit_is_said_in_the_help_text(new_page):
    page = new_page(javascript=False)
    draft_plan(page)
    open_new_focus_area(page)

    expect(page.locator("#id_problem_helptext")).to_have_text("Högst 10\xa0000 tecken.")
    expect(page.locator("#id_problem_count")).to_have_count(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_promise_added_on_the_pledge_page_takes_the_focus(new_page, javascript):
    from pledges.models import Pledge

    page = new_page(javascript=javascript)
    log_in(page, "samordnare")
    page.goto(Pledge.objects.get().get_absolute_url())
    page.get_by_role("link", name="Nytt medborgarlöfte för 2019 utifrån 2018").click()
    page.get_by_role("button", name="Skapa utkast för 2019").click()

    page.get_by_role("link", name="Lägg till löfte").click()
    field = page.get_by_label("Löfte", exact=True)
    expect(field).to_be_focused()
    assert focused(page)["inView"]
    if javascript:
        assert serious_violations(page) == []

    field.fill("Fler trygghetsvandringar kring resecentrum")
    page.get_by_label("Ansvar", exact=True).select_option(label="Kommunen och polisen")
    page.get_by_role("button", name="Spara").click()

    promise = page.locator("li.promise", has_text="Fler trygghetsvandringar kring resecentrum")
    expect(promise).to_be_focused()
    assert focused(page)["inView"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_refused_document_form_opens_on_its_summary_under_the_stored_title(new_page, javascript):
    page = new_page(javascript=javascript)
    draft_plan(page)
    page.get_by_role("link", name="Ändra uppgifter").click()

    page.get_by_label("Rubrik", exact=True).fill("")
    page.get_by_role("button", name="Spara").click()

    summary = page.get_by_role("group", name="Formuläret kunde inte sparas")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_title")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Ändra ”Handlingsplan för 2021-2023”")
    expect(page.get_by_role("navigation", name="Du är här")).to_contain_text(
        "Handlingsplan för 2021-2023"
    )
    if javascript:
        assert serious_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_recipient_added_on_the_council_case_page_is_where_the_page_opens(new_page, javascript):
    from safety_partnership.models import CouncilCase

    page = new_page(javascript=javascript)
    log_in(page, "samordnare")
    page.goto(CouncilCase.objects.get(diary_number="KS/2017:359").get_absolute_url())

    page.get_by_role("link", name=re.compile("^Lägg till mottagare")).first.click()
    expect(page.locator("input:focus")).to_have_count(1)  # the form's first field
    page.keyboard.type("Kommunpolisen")
    page.get_by_role("button", name="Spara").click()

    expect(page).to_have_url(re.compile(r"#paragraf-\d+-mottagare$"))
    recipients = page.locator(".recipients", has_text="Kommunpolisen")
    expect(recipients).to_be_focused()
    assert focused(page)["inView"]
