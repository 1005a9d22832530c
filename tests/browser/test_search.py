"""The search box in the header, as a user uses it: type words, press Enter, follow a hit."""

import re

import pytest

from actionplans.models import Measure
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.browser


def test_the_coordinator_searches_and_lands_on_the_measure(new_page):
    measure = Measure.objects.get(description="Medverka till spridande av grannsamverkan.")
    page = new_page()
    log_in(page, "samordnare")

    page.get_by_role("searchbox", name="Sök").fill("GRANNSAMVERKAN")
    page.get_by_role("searchbox", name="Sök").press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=GRANNSAMVERKAN"))
    problems = serious_violations(page)
    label = f"Åtgärd i Handlingsplan för 2018-2020 › {measure.focus_area}"
    hit = page.get_by_role("link", name=label).and_(page.locator(f'[href$="#{measure.anchor}"]'))
    hit.click()

    page.wait_for_url(re.compile(rf"/handlingsplaner/\d+/#{measure.anchor}$"))
    assert problems == []
    assert page.locator(f"#atgard-{measure.pk}").is_visible()
