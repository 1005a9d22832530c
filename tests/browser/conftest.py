"""Playwright driving Debian's chromium against the live test server."""

import os
import shutil
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make here are plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Per module: Playwright's event loop runs while the browser is open, and other tests
# (pyHanko's seal) start event loops of their own once it is closed.
@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    """The register as `make run` has it: Mjölby and the demo logins."""
    call_command("demo", stdout=open(os.devnull, "w"))


# Every page runs under the register's Content-Security-Policy and Permissions-Policy
# (settings.py): what the browser refuses, or cannot read in a header, fails the test. Chromium
# says so in the console ("Refused to apply inline style because it violates …", "Error with
# Permissions-Policy header: …"), and fires securitypolicyviolation, which the page reports.
POLICY_PROBLEM = ("Content Security Policy", "Refused to", "Permissions-Policy", "CSP violation")
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""


@pytest.fixture
def policy_problems() -> list[str]:
    """What the browser refused on the test's pages (new_page): the test fails on any."""
    return []


@pytest.fixture
def new_page(browser, live_server, demo, policy_problems):
    contexts = []
    problems = policy_problems

    def watch(message) -> None:
        if any(sign in message.text for sign in POLICY_PROBLEM):
            problems.append(f"{message.type}: {message.text}")

    def open_page(javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="sv-SE", java_script_enabled=javascript
        )
        context.set_default_timeout(10_000)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", watch)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("The browser refused what a page asked for:\n" + "\n".join(problems))


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("mjolby-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/")


WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page) -> list[dict]:
    """What axe finds on the page once it has loaded.

    A click that follows a link returns before the next page exists; axe run in
    that moment finds no document, so it waits for the load and tries once more.
    """
    page.wait_for_load_state()
    try:
        results = Axe().run(page, options={**WCAG_AA, "resultTypes": ["violations"]})
    except PlaywrightError:
        page.wait_for_load_state()
        results = Axe().run(page, options={**WCAG_AA, "resultTypes": ["violations"]})
    return results.response["violations"]


def serious_violations(page) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in axe_violations(page)
        if v["impact"] in ("serious", "critical")
    ]
