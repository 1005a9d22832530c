"""Random and hostile input where the access matrix does not go (tests/test_fuzz.py covers
its routes): uploaded files, the account pages (login, password reset and change) and the
admin's lists and forms. Never a server error, and a refused form saves nothing."""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from tests.access.routes import ROUTES
from tests.test_access_matrix import address
from tests.test_fuzz import HOSTILE, PROFILE, check_get, check_post, form_data, hostile_text

# Files as a confused or hostile user may send them: empty, binary, half a PDF, a CSV or JSON
# broken in odd places, text in an encoding the register does not guess.
HOSTILE_FILES = [
    b"",
    b"\x00" * 64,
    b"\xff\xfe\x00\x00garbage",
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
    b"%PDF-",
    "Problembild;Åtgärd\n".encode() + b";" * 5000 + b"\n",
    "Problembild;Åtgärd\nA;B\n".encode("utf-16"),
    'Problembild;Åtgärd\n"unterminated;B\n'.encode(),
    b'{"partnerships": [{"municipality": {"name": "\x00", "code": 5}}]}',
    b'{"partnerships": ' + b"[" * 500 + b"]" * 500 + b"}",
    b"[]",
    b"null",
    "\u202eåäö\ud7ff".encode(),
]
FILE_NAMES = ["underlag.csv", "register.json", "skanning.pdf", "../../etc/passwd", "a\x00.csv"]

hostile_file = st.builds(
    SimpleUploadedFile,
    st.sampled_from(FILE_NAMES),
    st.one_of(st.sampled_from(HOSTILE_FILES), st.binary(max_size=2000)),
)


def route(method: str, name: str, form: str | None = None):
    return next(r for r in ROUTES if (r.method, r.name, r.form) == (method, name, form))


# The forms that take a file: the route (for a draft), the file's field, and whether the
# file goes with the form's other fields (a paper signing's scan) or alone (an import's
# first step, before its preview).
UPLOADS = [
    (route("post", "actionplans:import_measures", "import_token"), "file", False),
    (route("post", "exchange:import", "import_token"), "file", False),
    (route("post", "signing:paper", "paper"), "scan", True),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("upload", "field", "with_form"), UPLOADS, ids=lambda v: str(v))
def test_no_hostile_file_gives_a_server_error_or_saves_a_refused_form(
    upload, field, with_form, client, coordinator, register, no_pdf_rendering
):
    client.raise_request_exception = True
    client.force_login(coordinator)
    url = address(upload, register)
    valid = form_data(upload, register) if with_form else {}

    @PROFILE
    @given(file=hostile_file)
    @example(file=SimpleUploadedFile("underlag.csv", b"\x00"))
    def post_file(file):
        check_post(client, url, {**valid, field: file})

    post_file()


# The account pages: what anyone may send before logging in, and what a signed-in user sends
# to change the password.
ACCOUNT_FORMS = {
    "login": ("username", "password", "next"),
    "password_reset": ("email",),
    "password_change": ("old_password", "new_password1", "new_password2"),
}
account_values = st.one_of(st.sampled_from(HOSTILE), hostile_text)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACCOUNT_FORMS))
def test_no_hostile_input_to_the_account_pages_gives_a_server_error(
    name, client, coordinator, register
):
    client.raise_request_exception = True
    if name == "password_change":
        client.force_login(coordinator)
    url = reverse(name)

    @PROFILE
    @given(data=st.dictionaries(st.sampled_from(ACCOUNT_FORMS[name]), account_values))
    @example(data={"username": "samordnare\x00", "password": "x" * 5000})
    def post_account(data):
        check_post(client, url, data)
        check_get(client, url, {"next": data.get("next", "//evil.example")})

    post_account()


def test_a_password_reset_link_with_a_hostile_token_is_refused_plainly(client, db):
    client.raise_request_exception = True
    for uid, token in [("\x00", "x"), ("MQ", "-" * 300), ("ǅ", "set-password"), ("-1", "0-0")]:
        response = client.get(f"/accounts/reset/{uid}/{token}/", follow=True)
        assert response.status_code in (200, 400, 404)
        assert "new_password1" not in response.text


# The admin's change lists: its search, ordering, paging and the filters it offers.
ADMIN_PARAMETERS = ("q", "o", "p", "all", "e", "_popup", "_to_field", "_changelist_filters")
ADMIN_PARAMETERS += ("status__exact", "period_start__year", "period_start__month")
ADMIN_PARAMETERS += ("period_start__day", "period_start__gte", "period_start__lt")
ADMIN_PARAMETERS += ("partnership__police_area__region__exact", "role__exact", "is_active__exact")
admin_query = st.dictionaries(st.sampled_from(ADMIN_PARAMETERS), hostile_text, max_size=4)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def fuzz_list(client: Client, url: str) -> None:
    @PROFILE
    @given(params=admin_query)
    @example(params={"q": "\x00", "o": "99.-1", "p": "-1", "period_start__year": "99999"})
    def get_list(params):
        check_get(client, url, params)

    get_list()


@pytest.mark.django_db
def test_no_hostile_query_to_an_admin_list_gives_a_server_error(superuser, register):
    client = Client(raise_request_exception=True)
    client.force_login(superuser)
    for model in admin.site._registry:
        fuzz_list(client, admin_url(model, "changelist"))


def fuzz_form(client: Client, url: str, model) -> None:
    fields = [f.name for f in model._meta.get_fields() if f.concrete and not f.auto_created]

    @PROFILE
    @given(data=st.dictionaries(st.sampled_from(fields), hostile_text, max_size=6))
    def post_form(data):
        check_post(client, url, data)

    post_form()


@pytest.mark.django_db
def test_no_hostile_admin_form_gives_a_server_error_or_saves_a_refused_one(
    superuser, register, no_pdf_rendering
):
    """The add form of every model, and the change form of the register's objects (signed
    and draft documents, their rows, signatures, people)."""
    client = Client(raise_request_exception=True)
    client.force_login(superuser)
    forms = [(model, admin_url(model, "add")) for model in admin.site._registry]
    forms += [
        (type(obj), admin_url(type(obj), "change", obj.pk))
        for obj in register.values()
        if type(obj) in admin.site._registry
    ]
    for model, url in forms:
        fuzz_form(client, url, model)
