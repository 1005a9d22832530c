"""Shared test data: the Mjölby register and the people who use it."""

import itertools
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management.color import no_style
from django.db import connection

from safety_partnership import triggers
from safety_partnership.models import Municipality, Partnership, Person, PoliceArea, Role
from safety_partnership.seed import load_fixture

PROJECT = str(Path(__file__).resolve().parents[1])

MJOLBY = "Mjölby kommun"

# The apps whose tables hold the register (and their history); see `empty_register`.


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the Mjölby seed loaded once for the whole session.

    Loading the seed saves about a thousand rows through the ORM, each with its
    history, and used to be most of every test's set-up. An ordinary `db` test
    runs inside a transaction that is rolled back, so each one finds the seed
    exactly as loaded here. The seed's history therefore dates from the start of
    the session, not of the test.
    """
    with django_db_blocker.unblock():
        load_fixture("mjolby")


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: the verification page's count of look-ups per
    client is kept there, and one test's look-ups must not refuse another's."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def mjolby(db):
    """The Mjölby seed, loaded the way `manage.py demo` loads it."""
    partnership = Partnership.objects.filter(municipality__name=MJOLBY).first()
    if partnership is None:
        # Transactional tests (the browser tests' live server) flush the database
        # when they end; pytest-django runs them after the ordinary tests, but a
        # test that comes after one still gets the seed, inside its own transaction.
        load_fixture("mjolby")
        partnership = Partnership.objects.get(municipality__name=MJOLBY)
    return partnership


@pytest.fixture
def empty_register(db):
    """A register without the seed, for tests that load it from scratch.

    The register's tables are emptied inside the test's transaction, which is
    rolled back afterwards, so the next test finds the session's seed again.
    Emptying goes through the backend's flush SQL, with the triggers that guard signed
    documents set aside meanwhile (as `manage.py flush` does).
    """
    # The project's own apps (the register, its document kinds, follow-up …), not Django's.
    register_apps = {
        config.label
        for config in apps.get_app_configs()
        if config.path.startswith(PROJECT) and "site-packages" not in config.path
    }
    tables = [
        model._meta.db_table
        for label in register_apps
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed  # SQLite's search indexes follow their tables by triggers
    ]
    with triggers.set_aside(connection):
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


def make_user(username: str, person: Person | None = None, **fields):
    user = get_user_model().objects.create_user(username, password="secret-pass-1", **fields)
    if person is not None:
        person.user = user
        person.save()
    return user


_numbers = itertools.count(1)


def make_municipality(name: str = "", code: str = "") -> Municipality:
    number = next(_numbers)
    return Municipality.objects.create(
        name=name or f"Testkommun {number}", code=code or f"{9000 + number}"
    )


@pytest.fixture
def coordinator(mjolby):
    return make_user(
        "samordnare", Person.objects.get(name="Roger Max"), first_name="Roger", last_name="Max"
    )


@pytest.fixture
def other_coordinator(mjolby):
    boxholm = make_municipality("Boxholms kommun", "0560")
    Partnership.objects.create(municipality=boxholm, police_area=mjolby.police_area)
    person = Person.objects.create(name="Eva Ek", role=Role.COORDINATOR, municipality=boxholm)
    return make_user("boxholm", person)


@pytest.fixture
def police_chief(mjolby):
    return make_user("polischef", Person.objects.get(name="Hanna Sjögren"))


@pytest.fixture
def chair(mjolby):
    return make_user("ordforande", Person.objects.get(name="Cecilia W Burenby"))


@pytest.fixture
def staff(mjolby):
    person = Person.objects.create(
        name="Registrator", role=Role.STAFF, municipality=mjolby.municipality
    )
    return make_user("registrator", person)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", password="secret-pass-1")


@pytest.fixture
def other_area(mjolby):
    """The chief of another police area, with a partnership of its own: reads none of Mjölby's."""
    area = PoliceArea.objects.create(name="Lokalpolisområde Linköping", region="ost")
    make_partnership(area)
    person = Person.objects.create(
        name="Petra Lind",
        role=Role.POLICE_SIGNATORY,
        police_area=area,
        title="Lokalpolisområdeschef",
    )
    return make_user("linkoping", person)


@pytest.fixture
def inactive(coordinator):
    """The Mjölby coordinator after leaving the post: the login is kept, the person is inactive."""
    person = coordinator.person
    person.is_active = False
    person.save()
    return coordinator


def make_partnership(police_area: PoliceArea | None = None) -> Partnership:
    area = police_area or PoliceArea.objects.create(name="Lokalpolisområde Test", region="ost")
    return Partnership.objects.create(municipality=make_municipality(), police_area=area)


def year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


@pytest.fixture
def draft_plan(mjolby):
    """A draft 2021–2023 plan copied from the signed Mjölby plan, as the coordinator would."""
    from actionplans.models import ActionPlan
    from safety_partnership.services import copy_document

    signed = ActionPlan.objects.get()
    return copy_document(
        original=signed,
        title="Handlingsplan för 2021-2023",
        period_start=date(2021, 1, 1),
        period_end=date(2023, 12, 31),
        agreement=signed.agreement,
    )


@pytest.fixture
def draft_pledge(mjolby):
    """A draft 2019 pledge copied from the signed 2018 pledge, as the coordinator would."""
    from pledges.models import Pledge
    from safety_partnership.services import copy_document

    return copy_document(
        original=Pledge.objects.get(),
        title="Medborgarlöfte i Mjölby Kommun 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )


# The access matrix (tests/test_access_matrix.py) and the fuzz test (tests/test_fuzz.py) visit
# every route with the same register of objects.


@pytest.fixture
def register(mjolby, draft_plan):
    from tests.access.register import build_register

    return build_register(mjolby, draft_plan)


@pytest.fixture
def no_pdf_rendering(monkeypatch):
    """PDF routes answer with a stand-in: the access check comes before the rendering."""
    monkeypatch.setattr("safety_partnership.pdf.views.pdf_bytes", lambda obj: b"%PDF-1.7\n")
    monkeypatch.setattr("followup.annual_views.annual_pdf", lambda plan, year: b"%PDF-1.7\n")
    monkeypatch.setattr("followup.views.tertial_report_pdf", lambda plan, t: b"%PDF-1.7\n")
    monkeypatch.setattr("public.pdf.render_apart", lambda html: b"%PDF-1.7\n")
