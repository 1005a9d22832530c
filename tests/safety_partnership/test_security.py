"""Secure settings (README, "Security settings"): `check --deploy` is clean with the documented
production environment; HTTPS behind the proxy, HSTS and secure cookies; a
Content-Security-Policy without 'unsafe-inline' and a Permissions-Policy on every page; no
inline script or style in the pages' templates; sessions that end when idle, and at browser
close for signatories."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from safety_partnership.security import SIGNATORY_ROLES, is_signatory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "secret-pass-1"  # tests/conftest.make_user's


# --- check --deploy with the documented environment ------------------------------------------


def documented_environment() -> dict[str, str]:
    """The KEY=value lines of /etc/register.env as the README shows it (section "Running it
    for real"), with a SECRET_KEY generated as the README says."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("    # /etc/register.env\n", 1)[1].split("\n\n", 1)[0]
    environment = dict(
        line.strip().split("=", 1) for line in block.splitlines() if re.match(r" {4}[A-Z_]+=", line)
    )
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "TRUST_X_FORWARDED_PROTO"} <= set(
        environment
    )
    return {**environment, "SECRET_KEY": secrets.token_urlsafe(50)}


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` with the production settings and only the given variables
    (and what runs Python: PATH, HOME)."""
    basics = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={**basics, "DJANGO_SETTINGS_MODULE": "safety_partnership.settings", **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_finds_no_issue_with_the_documented_production_environment():
    result = check_deploy(documented_environment())
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert re.fullmatch(r"System check identified no issues( \(\d+ silenced\))?\.\n", result.stdout)


def test_check_deploy_warns_when_https_is_turned_off():
    """The check above has teeth: without HTTPS the same environment is warned about."""
    result = check_deploy({**documented_environment(), "HTTPS": "false"})
    said = result.stderr + result.stdout
    for warning in ("security.W004", "security.W008", "security.W016"):
        assert warning in said
    # The session cookie: W012, or W010 where the session middleware is the register's own
    # (readonly.ReadOnlyTolerantSessionMiddleware), which Django's check does not recognise.
    assert "security.W012" in said or "security.W010" in said


def production_setting(name: str, **environment: str) -> str:
    """A setting's value (repr) as the production settings compute it from the environment."""
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    basics = {k: os.environ[k] for k in ("PATH", "HOME") if k in os.environ}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **basics,
            "DJANGO_SETTINGS_MODULE": "safety_partnership.settings",
            "SECRET_KEY": "x",
            "SITE_URL": "https://register.example.se",
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_https_is_on_by_default_in_production_and_off_in_development():
    assert production_setting("SECURE_SSL_REDIRECT") == "True"
    assert production_setting("SESSION_COOKIE_SECURE") == "True"
    assert production_setting("CSRF_COOKIE_SECURE") == "True"
    assert production_setting("SECURE_HSTS_SECONDS") == "31536000"
    assert production_setting("SECURE_PROXY_SSL_HEADER") == "None"
    development = {"DEBUG": "true", "SITE_URL": "http://127.0.0.1:8000"}
    assert production_setting("SECURE_SSL_REDIRECT", **development) == "False"
    assert production_setting("SESSION_COOKIE_SECURE", **development) == "False"
    assert production_setting("SECURE_HSTS_SECONDS", **development) == "0"
    proxied = production_setting("SECURE_PROXY_SSL_HEADER", TRUST_X_FORWARDED_PROTO="true")
    assert proxied == "('HTTP_X_FORWARDED_PROTO', 'https')"


# --- HTTPS behind the proxy, as a request sees it --------------------------------------------


@pytest.fixture
def production_https(settings):
    """The HTTPS settings of production behind the proxy (the tests run on plain http)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, production_https):
    response = client.get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


@pytest.mark.django_db
def test_https_through_the_proxy_is_served_with_hsts_and_secure_cookies(
    client, production_https, coordinator
):
    page = client.get("/accounts/login/", headers={"x-forwarded-proto": "https"})
    assert page.status_code == 200
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert page.cookies["csrftoken"]["secure"]
    login = client.post(
        "/accounts/login/",
        {"username": "samordnare", "password": PASSWORD},
        headers={"x-forwarded-proto": "https"},
    )
    assert login.status_code == 302
    assert login.cookies["sessionid"]["secure"]
    assert login.cookies["sessionid"]["httponly"]


# --- Content-Security-Policy and Permissions-Policy ------------------------------------------


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def assert_policies(response) -> None:
    policy = directives(response["Content-Security-Policy"])
    for name in ("default-src", "script-src", "style-src"):
        assert policy[name] == ["'self'"], name
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


@pytest.mark.django_db
def test_the_login_page_carries_the_csp_and_the_permissions_policy(client):
    assert_policies(client.get("/accounts/login/"))


@pytest.mark.django_db
def test_a_page_of_the_register_carries_the_csp_and_the_permissions_policy(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert_policies(response)
    html = response.content.decode()
    # htmx adds no <style> of its own and evaluates nothing (its config in base.html).
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


@pytest.mark.django_db
def test_a_public_page_carries_the_csp_and_the_permissions_policy(client, mjolby):
    assert_policies(client.get(reverse("public:municipalities")))


# Inline script or style, which the policy refuses: a <script> without src, a <style> element,
# a style= attribute, an on…= handler, htmx's hx-on, a javascript: address.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|\bhx-on|javascript:",
    re.IGNORECASE,
)

COMMENTS = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


def page_templates() -> list[Path]:
    """The templates of the pages: all but those WeasyPrint alone renders (templates/pdf/ that
    extend pdf/base.html). A document's PDF template is shown inside the sign and
    verification pages too (extends base_template: signing/reading.py), and so is checked."""
    folders = [ROOT / "templates", *ROOT.glob("*/templates"), ROOT / "tests/extra_kind/templates"]
    found = []
    for folder in folders:
        for path in folder.rglob("*.html"):
            if path.is_relative_to(ROOT / ".venv"):
                continue
            pdf_only = path.name == "base.html" or '{% extends "pdf/base.html" %}' in (
                path.read_text()
            )
            if path.relative_to(folder).parts[0] != "pdf" or not pdf_only:
                found.append(path)
    return found


def test_no_page_template_has_inline_script_or_style():
    templates = page_templates()
    assert len(templates) > 50
    offending = {
        str(path.relative_to(ROOT)): INLINE.findall(COMMENTS.sub("", path.read_text()))
        for path in templates
    }
    assert {path: found for path, found in offending.items() if found} == {}


@pytest.mark.django_db
def test_the_sign_page_shows_the_document_without_inline_style(client, awaiting, people):
    """The PDF templates shown inside a page (signing/reading.py) add no inline style."""
    from tests.safety_partnership.signing_helpers import url

    client.force_login(people[1])
    response = client.get(url("sign", awaiting))
    assert response.status_code == 200
    assert "Polisen utför fotpatrullering i området" in response.text
    assert INLINE.findall(response.text) == []
    assert_policies(response)


# --- Sessions --------------------------------------------------------------------------------


def log_in(client, username: str):
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the login was refused"
    return response


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def at(moment):
    return patch("django.utils.timezone.now", return_value=moment)


def test_the_idle_time_is_the_documented_figure_and_sliding():
    assert django_settings.SESSION_IDLE_MINUTES == 120
    assert django_settings.SESSION_COOKIE_AGE == 120 * 60
    assert "safety_partnership.security.IdleSessionMiddleware" in django_settings.MIDDLEWARE
    # Not the 14 days of Django's default, and not a save on every request.
    assert not django_settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.django_db
def test_a_session_ends_after_the_idle_time_and_each_request_moves_the_end_on(client, coordinator):
    start = timezone.now()
    with at(start):
        login = log_in(client, "samordnare")
    assert login.cookies["sessionid"]["max-age"] == 120 * 60
    assert session_row(client).expire_date == start + timedelta(minutes=120)

    # Working: a request after 100 minutes moves the end to 100 + 120 minutes.
    with at(start + timedelta(minutes=100)):
        assert client.get(reverse("home")).status_code == 200
    assert session_row(client).expire_date == start + timedelta(minutes=220)
    # Within the minute, a request writes nothing.
    refresh = django_settings.SESSION_IDLE_REFRESH_SECONDS
    with at(start + timedelta(minutes=100, seconds=refresh - 1)):
        assert client.get(reverse("home")).status_code == 200
    assert session_row(client).expire_date == start + timedelta(minutes=220)

    # Idle for two hours and a minute: logged out, on the server.
    with at(start + timedelta(minutes=221)):
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_a_request_soon_after_the_login_or_on_a_public_page_writes_no_session(
    client, coordinator, mjolby
):
    start = timezone.now()
    with at(start):
        log_in(client, "samordnare")
    # Within the refresh interval of the login: the session is not saved again.
    with at(start + timedelta(seconds=30)):
        assert "sessionid" not in client.get(reverse("home")).cookies
    # Public pages (cacheable by anyone) never carry the session, however long after.
    with at(start + timedelta(minutes=90)):
        public = client.get(reverse("public:municipalities"))
    assert public.status_code == 200 and not public.cookies
    assert "Cookie" not in public.get("Vary", "")
    assert session_row(client).expire_date == start + timedelta(minutes=120)


@pytest.mark.django_db
def test_an_anonymous_visit_starts_no_session(client, mjolby):
    client.get(reverse("public:municipalities"))
    client.get("/accounts/login/")
    assert "sessionid" not in client.cookies


@pytest.mark.django_db
def test_a_logout_leaves_no_session_behind(client, coordinator):
    log_in(client, "samordnare")
    client.post(reverse("logout"))
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_the_signatory_roles_are_those_that_sign(mjolby):
    from safety_partnership.models import Role

    assert {Role.POLICE_SIGNATORY, Role.MUNICIPAL_SIGNATORY, Role.OTHER_SIGNATORY} == set(
        SIGNATORY_ROLES
    )
    assert not {Role.COORDINATOR, Role.STAFF, Role.ADMINISTRATOR, Role.READER} & SIGNATORY_ROLES


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["police_chief", "chair"])
def test_a_signatorys_session_ends_when_the_browser_closes(client, who, request):
    user = request.getfixturevalue(who)
    assert is_signatory(user)
    start = timezone.now()
    with at(start):
        login = log_in(client, user.username)
    cookie = login.cookies["sessionid"]
    # A browser-session cookie: neither an age nor an expiry date.
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert client.session.get_expire_at_browser_close()
    assert client.session[SESSION_KEY] == str(user.pk)
    # The idle time holds for signatories as well, on the server.
    assert session_row(client).expire_date == start + timedelta(minutes=120)
    with at(start + timedelta(minutes=100)):
        page = client.get(reverse("home"))
    assert page.status_code == 200
    assert page.cookies["sessionid"]["max-age"] == ""
    with at(start + timedelta(minutes=221)):
        assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator", "staff"])
def test_others_keep_their_session_across_a_browser_restart_until_idle(client, who, request):
    user = request.getfixturevalue(who)
    assert not is_signatory(user)
    login = log_in(client, user.username)
    assert login.cookies["sessionid"]["max-age"] == 120 * 60
    assert not client.session.get_expire_at_browser_close()
