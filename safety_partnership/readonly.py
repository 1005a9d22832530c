"""A database that can be read but not written (a read-only file, a full disk, a PostgreSQL
standby or `default_transaction_read_only`): every page that only reads keeps working, and
a change is answered with a Swedish page saying so (503), never a server error.
"""

import logging

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from psycopg import errors as pg_errors

from .observability import user_id

logger = logging.getLogger("register.database")

RETRY_AFTER_SECONDS = 300


# PostgreSQL's read_only_sql_transaction (25006: a standby, default_transaction_read_only)
# and disk_full (53100); SQLite's SQLITE_READONLY and SQLITE_FULL, known by their messages.
PG_CANNOT_WRITE = (pg_errors.ReadOnlySqlTransaction, pg_errors.DiskFull)
SQLITE_CANNOT_WRITE = ("attempt to write a readonly database", "database or disk is full")


def is_read_only(error: BaseException | None) -> bool:
    """True when the database refused to write, also where that lies behind another
    exception (the session store turns a failed save into UpdateError)."""
    seen = 0
    while error is not None and seen < 5:  # the chain is short; never follow a loop
        if isinstance(error, PG_CANNOT_WRITE):
            return True
        if isinstance(error, DatabaseError) and str(error) in SQLITE_CANNOT_WRITE:
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def log_refused_write(request: HttpRequest, error: BaseException) -> None:
    logger.error(
        "Databasen går bara att läsa: %s",
        error,
        extra={"method": request.method, "path": request.path, "user_id": user_id(request)},
    )


class ReadOnlyDatabaseMiddleware:
    """A view's write refused by a read-only database: the Swedish page, status 503."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_read_only(exception):
            return None
        log_refused_write(request, exception)
        response = render(request, "read_only.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class ReadOnlyTolerantSessionMiddleware(SessionMiddleware):
    """Django's sessions, except that a session that cannot be saved because the database is
    read-only leaves the page as it was (the session is kept as it was stored): reading
    after login must not fail on saving the session's expiry."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except (DatabaseError, SessionInterrupted) as error:
            if not is_read_only(error):
                raise
            log_refused_write(request, error)
            return response
