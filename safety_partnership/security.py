"""What every response and every login carries for safety (README, "Security settings"):
the Permissions-Policy header, the idle timeout of a session, and sessions that end when a
signatory closes the browser. The Content-Security-Policy is django-csp's (settings.py)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from .models import Role

# The roles whose people sign documents in the register (signing/services.py asks them).
SIGNATORY_ROLES = frozenset({Role.POLICE_SIGNATORY, Role.MUNICIPAL_SIGNATORY, Role.OTHER_SIGNATORY})

# The session key holding when (Unix seconds) a logged-in session's end was last moved on.
SEEN_KEY = "_register_seen"


def permissions_policy(features: dict[str, list[str]]) -> str:
    """'camera=(), geolocation=()' from {"camera": [], "geolocation": []}; an allow-list
    entry is an origin in quotes or the keyword self, as the header writes them."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header on every response: the browser features the register
    never uses (settings.PERMISSIONS_POLICY) are off, for its pages and anything they embed.
    Django has no setting of its own for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class IdleSessionMiddleware:
    """A logged-in session lasts SESSION_COOKIE_AGE (SESSION_IDLE_MINUTES) after its latest
    request, not after the login: a request moves its end on (saves the session) when it was
    last moved SESSION_IDLE_REFRESH_SECONDS ago or more, not on every request, so that reading
    pages does not write to the database each time. The idle time is exact to within that.

    The end is kept on the server (the session row's expiry date), so an idle session is
    refused there too, whatever the browser keeps. Anonymous sessions are not touched, nor
    is the session on a response any cache may keep (the public pages: Cache-Control
    public), which must carry no cookie and must not vary by one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "public" in response.get("Cache-Control", ""):
            return response
        session = getattr(request, "session", None)
        # After a logout the session is empty: writing to it would start a new one.
        if session is not None and not session.is_empty() and session.get(SESSION_KEY):
            now = int(timezone.now().timestamp())
            if now - session.get(SEEN_KEY, 0) >= settings.SESSION_IDLE_REFRESH_SECONDS:
                session[SEEN_KEY] = now  # modified: SessionMiddleware saves it, new end
        return response


def is_signatory(user) -> bool:
    person = getattr(user, "person", None)
    return person is not None and person.role in SIGNATORY_ROLES


def session_at_login(sender, request, user, **kwargs) -> None:
    """user_logged_in: the login has just set the session's end (no need to move it on for
    a while), and a signatory's session cookie is a browser-session cookie, gone when the
    browser closes (the idle time applies as well). Others keep theirs until it has been
    idle for SESSION_IDLE_MINUTES."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session[SEEN_KEY] = int(timezone.now().timestamp())
    if is_signatory(user):
        session.set_expiry(0)
