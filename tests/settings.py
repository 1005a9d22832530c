"""Settings for the test suite: the real settings with a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only")
# The test client's host, so that a link in an e-mail can be followed in a test.
os.environ.setdefault("SITE_URL", "http://testserver")
# The test client and the live server speak plain http: no redirect to https, no
# https-only cookies, no HSTS (tests/safety_partnership/test_security.py checks them on).
os.environ.setdefault("HTTPS", "false")

from safety_partnership.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# A fourth kind of document that exists only in the tests (tests/extra_kind): the register
# must pick it up through the registry of kinds alone.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.extra_kind"]  # noqa: F405

# On SQLite the test database is a file, as in production (WAL, a busy timeout, IMMEDIATE
# transactions), so that tests with two threads writing at once see what users would.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# Several people share one PostgreSQL server: TEST_DB_NAME gives this run a test database of
# its own (pytest-django's default is test_<name>; with xdist, each worker adds its suffix).
_test_db_name = os.environ.get("TEST_DB_NAME")
if _test_db_name and DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": _test_db_name}  # noqa: F405

# Logins are not counted or locked out in the tests (client.login passes no request, which
# django-axes needs); tests/safety_partnership/test_logins.py turns it on.
AXES_ENABLED = False
# A logged-in request moves the session's end on once a minute in production (settings.py);
# here once in ten, so that no test counting the queries of its requests finds one that
# also saves the session because the test took more than a minute.
SESSION_IDLE_REFRESH_SECONDS = 600
