"""The pages work under the Content-Security-Policy and the Permissions-Policy: nothing is
refused (conftest.new_page fails a test on any refusal), htmx adds no style of its own, and
a refusal is noticed when there is one."""

import pytest
from playwright.sync_api import expect

from actionplans.models import ActionPlan
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_an_inline_style_is_refused_and_the_test_would_fail(new_page, policy_problems):
    page = new_page()
    page.goto("/accounts/login/")
    page.evaluate(
        """document.body.insertAdjacentHTML(
             "beforeend", '<p id="inline" style="color: rgb(255, 0, 0)">röd?</p>')"""
    )
    expect(page.locator("#inline")).to_be_attached()
    assert page.locator("#inline").evaluate("e => getComputedStyle(e).color") != "rgb(255, 0, 0)"
    page.wait_for_timeout(200)  # the console message follows the refusal
    assert any("style-src" in problem for problem in policy_problems), policy_problems
    policy_problems.clear()  # the test's own violation, not a page's


def test_the_register_and_the_public_pages_load_everything_under_the_policy(new_page):
    page = new_page()
    for url in ["/accounts/login/", "/kommuner/", "/kommuner/teman/", "/kommuner/sok/?q=trygg"]:
        response = page.goto(url)
        assert response.status == 200, url
        headers = response.headers
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert "camera=()" in headers["permissions-policy"]
        # The register's stylesheet applied: the skip link is out of sight until focused.
        assert page.locator(".skip-link").evaluate("e => getComputedStyle(e).position") in (
            "absolute",
            "fixed",
        )
    log_in(page, "samordnare")
    plan = ActionPlan.objects.get()
    for url in ["/", plan.get_absolute_url(), f"/handlingsplaner/{plan.pk}/historik/"]:
        assert page.goto(url).status == 200, url
        page.wait_for_load_state("networkidle")
        # htmx is there and added no <style> element (includeIndicatorStyles: false).
        assert page.evaluate("() => typeof htmx === 'object' && htmx.config.allowEval") is False
        assert page.locator("style").count() == 0
