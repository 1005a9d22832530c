"""Every route of the register × every kind of visitor: who may read, who may change.

The table is tests/access/routes.py, the register it visits tests/access/register.py.
Each visitor's GETs and POSTs are tried on one register set up per visitor; every
request runs in a savepoint that is rolled back after it, so each POST, a delete
too, meets its object fresh, as set up.

PDF routes answer here with a stand-in for the rendered PDF: the access check comes
before the rendering, and tests/safety_partnership/test_pdf.py (the tertial report:
tests/followup/test_charts.py) renders for real.
"""

import pytest
from django.apps import apps
from django.contrib import messages
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils.http import urlencode

from tests.access.register import FORMS
from tests.access.routes import BACK, DENIED, HIDDEN, LOGIN, PERSONAS, ROUTES, Route

REFUSED = {LOGIN, DENIED, HIDDEN, BACK}
NOT_SAID = {messages.INFO, messages.WARNING, messages.ERROR}


def address(route: Route, register: dict) -> str:
    args = [register[a].pk if a in register else a for a in route.args]
    url = reverse(route.name, args=args)
    if route.name.endswith(":as_of"):
        # The moment of the object's first history record.
        moment = register[route.args[0]].history.earliest().history_date
        url += "?" + urlencode({"tid": moment.isoformat()})
    return url


def visit(client: Client, route: Route, register: dict):
    url = address(route, register)
    client.cookies.pop("messages", None)  # so that the messages read are this request's
    if route.method == "get":
        return client.get(url)
    # The form is about the last object of the address (after it may come a literal slug).
    obj = next((register[a] for a in reversed(route.args) if a in register), None)
    data = FORMS[route.form](register, obj) if route.form else {}
    return client.post(url, data)


def outcome(response) -> object:
    if response.status_code == 302:
        if response.url.startswith(reverse("login")):
            return LOGIN
        if {m.level for m in messages.get_messages(response.wsgi_request)} & NOT_SAID:
            return BACK
    return response.status_code


def logged_in(persona: str, request) -> Client:
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_route_answers_each_visitor_as_their_role_allows(
    persona, register, request, no_pdf_rendering
):
    client = logged_in(persona, request)
    wrong = []
    for route in ROUTES:
        with transaction.atomic():
            got = outcome(visit(client, route, register))
            transaction.set_rollback(True)
        if got != route.expected[persona]:
            url = address(route, register)
            wrong.append(f"{route.label} {url}: {got}, not {route.expected[persona]}")

    assert wrong == []


def snapshot() -> dict[str, list]:
    """Every row of every table, history included, but the logins' (last_login, sessions)
    and the search indexes SQLite keeps itself."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and model._meta.label not in {"auth.User", "sessions.Session"}
    }


@pytest.mark.django_db
def test_refused_changes_leave_the_database_unchanged(register, request, no_pdf_rendering):
    """Every POST refused to anyone (a reader, an outsider, an editor on a locked document)."""
    changed, tried = [], {}
    for persona in PERSONAS:  # the inactive last: it deactivates the coordinator's person
        client = logged_in(persona, request)
        refused = [r for r in ROUTES if r.method == "post" and r.expected[persona] in REFUSED]
        before = snapshot()
        for route in refused:
            visit(client, route, register)
        after = snapshot()
        changed += [f"{persona}: {table}" for table in before if before[table] != after[table]]
        tried[persona] = len(refused)

    assert changed == []
    assert min(tried.values()) >= 30, tried  # readers and editors alike were refused something


def named_routes(patterns, prefix: str = "", namespace: str = ""):
    """(route, name) of every pattern, through every include."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_routes(pattern.url_patterns, route, inner)
        else:
            yield route, f"{namespace}{pattern.name}" if pattern.name else None


# Django's own pages; and a fourth kind of document that exists only in the test settings
# (tests/extra_kind), whose access test_extra_kind.py checks.
NOT_IN_THE_MATRIX = ("admin/", "accounts/", "trygghetsvandringar/")


def test_every_route_of_the_project_is_in_the_matrix():
    found = [
        (route, name)
        for route, name in named_routes(get_resolver().url_patterns)
        if not route.startswith(NOT_IN_THE_MATRIX)
    ]
    in_matrix = {route.name for route in ROUTES}

    assert sorted(f"{route} ({name})" for route, name in found if name not in in_matrix) == []
    assert in_matrix <= {name for _route, name in found}
