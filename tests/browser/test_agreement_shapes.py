"""The coordinator writes an agreement's goals and commitments as lists, on accessible pages."""

from datetime import date

import pytest

from agreements.models import Agreement
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.browser


def test_the_coordinator_adds_a_goal_and_a_commitment_on_accessible_pages(new_page):
    page = new_page()
    seed = Agreement.objects.get()
    draft = Agreement.objects.create(
        partnership=seed.partnership, title="Överenskommelse 2021", period_start=date(2021, 1, 1)
    )
    log_in(page, "samordnare")
    page.goto(draft.get_absolute_url())

    page.get_by_role("link", name="Lägg till mål").click()
    page.get_by_label("Slag").wait_for()
    assert serious_violations(page) == []
    page.get_by_label("Slag").select_option("sub")
    page.get_by_label("Mål", exact=True).fill("Färre bostadsinbrott")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Lägg till åtagande").click()
    page.get_by_label("Part", exact=True).select_option("other")
    page.get_by_label("Annan parts namn").fill("Räddningstjänsten")
    page.get_by_label("Åtagande").fill("Delta i trygghetsvandringar")
    page.get_by_role("button", name="Spara").click()

    content = page.locator(".document-content")
    content.get_by_text("Färre bostadsinbrott").wait_for()
    assert content.get_by_role("heading", name="Delmål").is_visible()
    assert content.get_by_role("heading", name="Räddningstjänsten").is_visible()
    assert serious_violations(page) == []
