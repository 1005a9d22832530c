"""An uploaded file shown before anything is saved: what it holds is kept in the session under
a one-time token, which the confirming POST must bring back."""

import secrets
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

EXPIRED = _("Förhandsvisningen har gått ut. Ladda upp filen igen.")


def keep_for_confirmation(request: HttpRequest, key: str, **content: Any) -> str:
    """Keep content (JSON-serialisable) until confirmed; returns the token the form sends."""
    token = secrets.token_urlsafe(16)
    request.session[key] = {"token": token, **content}
    return token


def confirmed(request: HttpRequest, key: str, **same: Any) -> dict[str, Any] | None:
    """What was kept, if the POST's token is the one given with it and it was kept for the
    same object (e.g. plan=pk); None when it has expired or is another's."""
    kept = request.session.get(key, {})
    if kept.get("token") != request.POST.get("token"):
        return None
    if any(kept.get(name) != value for name, value in same.items()):
        return None
    return kept


def forget(request: HttpRequest, key: str) -> None:
    request.session.pop(key, None)
