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
    page.get_by_role(
        "link", name=f"Åtgärd i Handlingsplan för 2018-2020 › {measure.focus_area}"
    ).first.click()

    page.wait_for_url(re.compile(rf"/handlingsplaner/\d+/#atgard-\d+$"))
    assert problems == []
    assert page.locator(f"#atgard-{measure.pk}").is_visible()
