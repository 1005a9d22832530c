"""Random and hostile input to every route of the register (Hypothesis): never a server
error, and a refused form saves nothing.

Every route of the access matrix (tests/access/routes.py) is visited with the real objects
of tests/access/register.py, by an anonymous visitor, the coordinator, a superuser and the
police area chief, so that every form is reached: GETs with odd query parameters (the ones
the views read, dates for ?tid= past the calendar's end, NUL bytes, huge numbers, odd
Unicode), POSTs with the form's valid data partly overwritten or left out. Each request runs
in a savepoint rolled back after it. Kept short for CI (a few examples per route;
FUZZ_PROFILE=fuzz-thorough for more).
"""

import os

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.access.register import FORMS
from tests.access.routes import DENIED, HIDDEN, LOGIN, ROUTES, Route
from tests.test_access_matrix import address

settings.register_profile(
    "fuzz",
    max_examples=2,
    deadline=None,
    database=None,  # nothing written into the work tree
    derandomize=bool(os.environ.get("CI")),  # CI finds the same input on every run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("fuzz-thorough", parent=settings.get_profile("fuzz"), max_examples=50)
PROFILE = settings.get_profile(os.environ.get("FUZZ_PROFILE", "fuzz"))

# What the views read from the query string (grep request.GET), and the history's filters.
PARAMETERS = ("tid", "kod", "q", "sida", "lan", "region", "ar", "tema")
PARAMETERS += ("person", "kind", "since", "until")

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31",
    "0000-00-00",
    "2018-02-30",
    "2018-13-01T25:61:61",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "\u202e\u0338\ufeff",
    "ǅ𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇸🇪 åäö ÅÄÖ",
    "x" * 5000,
    "\ud7ff\ue000\U0010ffff",
    "[]",
    "{}",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.integers().map(str),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.dates().map(lambda day: day.isoformat()),
)
query = st.dictionaries(st.sampled_from(PARAMETERS), hostile_text, max_size=4)

# The rows of these apps are the register; logins (and the failed ones axes counts),
# sessions, queued tasks and the search indexes SQLite keeps itself are not.
NOT_THE_REGISTER = {"auth", "axes", "sessions", "admin", "contenttypes", "search"}
NOT_THE_REGISTER |= {"django_tasks_database"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in NOT_THE_REGISTER
    }


def form_data(route, register) -> dict:
    """The form's data as an editor sends it (empty for a button)."""
    obj = next((register[a] for a in reversed(route.args) if a in register), None)
    return FORMS[route.form](register, obj) if route.form else {}


def flatten(data: dict) -> dict[str, str | list[str]]:
    return {
        key: [str(v) for v in value] if isinstance(value, list) else str(value)
        for key, value in data.items()
    }


@st.composite
def hostile_form(draw, valid: dict) -> dict:
    """The valid data, some fields overwritten with hostile text or left out, some added."""
    data = flatten(valid)
    for key in list(data):
        action = draw(st.sampled_from(["keep", "keep", "hostile", "drop"]))
        if action == "hostile":
            data[key] = draw(hostile_text)
        elif action == "drop":
            del data[key]
    data.update(draw(st.dictionaries(st.sampled_from(PARAMETERS), hostile_text, max_size=2)))
    return data


def refused(response) -> bool:
    """A POST that was not carried out: the form again (200), or a 4xx/503 answer."""
    return response.status_code == 200 or 400 <= response.status_code < 600


def in_savepoint(request):
    with transaction.atomic():
        try:
            return request()
        finally:
            transaction.set_rollback(True)


def check_get(client: Client, url: str, params: dict) -> None:
    response = in_savepoint(lambda: client.get(url, params))
    assert response.status_code < 500 or response.status_code == 503, (url, params)


def check_post(client: Client, url: str, data: dict) -> None:
    def post_and_count():
        before = row_counts()
        response = client.post(url, data)
        return response, before, row_counts()

    response, before, after = in_savepoint(post_and_count)
    assert response.status_code < 500, (url, data, response.status_code)
    if refused(response):
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        assert changed == {}, (url, response.status_code, data)


def fuzz_route(client: Client, route, register) -> None:
    url = address(route, register)  # its own ?tid= is replaced by any parameters drawn
    if route.method == "get":

        @PROFILE
        @given(params=query)
        @example(params={"tid": "9999-12-31T23:59:59-01:00", "kod": "ABC\x00DEF", "q": "\x00"})
        def get_hostile(params):
            check_get(client, url, params)

        get_hostile()
        return

    @PROFILE
    @given(data=hostile_form(form_data(route, register)))
    def post_hostile(data):
        check_post(client, url, data)

    post_hostile()


# Who fuzzes what: an anonymous visitor the public pages; then each signed-in persona the
# routes it reaches that no one before it reaches (the coordinator nearly all, a superuser
# setting up the register, the police area chief signing).
SIGNED_IN = ("coordinator", "superuser", "police_chief")


def reaches(persona: str, route: Route) -> bool:
    if persona == "anonymous":
        return route.expected["anonymous"] != LOGIN
    return route.expected[persona] not in {DENIED, HIDDEN, LOGIN}


def routes_for(persona: str) -> list[Route]:
    """Each route (method and name) once, at the first object it is listed with."""
    earlier = SIGNED_IN[: SIGNED_IN.index(persona)] if persona in SIGNED_IN else ()
    chosen: dict[tuple[str, str], Route] = {}
    for route in ROUTES:
        if reaches(persona, route) and not any(reaches(p, route) for p in earlier):
            chosen.setdefault((route.method, route.name), route)
    return list(chosen.values())


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", *SIGNED_IN])
def test_no_hostile_input_gives_a_server_error_or_saves_a_refused_form(
    persona, register, request, no_pdf_rendering
):
    client = Client(raise_request_exception=True)  # a server error fails with its traceback
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    routes = routes_for(persona)
    for route in routes:
        fuzz_route(client, route, register)

    assert len(routes) >= {"anonymous": 10, "coordinator": 150}.get(persona, 2)


def test_every_route_is_fuzzed_by_someone():
    fuzzed = {(r.method, r.name) for p in ("anonymous", *SIGNED_IN) for r in routes_for(p)}

    assert {(r.method, r.name) for r in ROUTES} - fuzzed == set()
