"""Logging in, safely: failed logins are counted and locked out by django-axes (settings
AXES_*), password-reset e-mails are throttled per client address and per e-mail address
(django-ratelimit), and every failure and lockout is logged to `register.security`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from django_ratelimit.core import is_ratelimited

log = logging.getLogger("register.security")


def client_ip(request: HttpRequest) -> str:
    """The client's address, as the verification page's throttle reads it (CLIENT_IP_HEADER
    behind a reverse proxy, REMOTE_ADDR otherwise)."""
    return request.META.get(settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR", "")


def cooloff_minutes(cooloff) -> int:
    return max(1, round(cooloff.total_seconds() / 60))


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """Axes' answer to a locked-out login: the login page's place, saying how long to wait."""
    context = {"minutes": cooloff_minutes(settings.AXES_COOLOFF_TIME)}
    return render(request, "registration/locked_out.html", context, status=429)


def log_login_failure(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    log.warning(
        "Failed login for user name %r from %s",
        credentials.get("username", ""),
        client_ip(request) if request is not None else "unknown address",
    )


def log_lockout(sender, request: HttpRequest, username: str, ip_address: str, **kwargs):
    log.warning(
        "Login locked for user name %r from %s after %s failures, for %s minutes",
        username,
        ip_address,
        settings.AXES_FAILURE_LIMIT,
        cooloff_minutes(settings.AXES_COOLOFF_TIME),
    )


def connect() -> None:
    from axes.signals import user_locked_out

    user_login_failed.connect(log_login_failure, dispatch_uid="log-login-failure")
    user_locked_out.connect(log_lockout, dispatch_uid="log-lockout")


def reset_email(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def too_many_resets(request: HttpRequest) -> bool:
    """Count a reset request by this client and for this e-mail address; true beyond the rate."""
    limited = [
        is_ratelimited(
            request,
            group=f"password-reset-{name}",
            key=key,
            rate=settings.PASSWORD_RESET_RATE,
            increment=True,
        )
        for name, key in (("ip", "ip"), ("email", reset_email))
    ]
    return any(limited)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, asked for at most PASSWORD_RESET_RATE times per client address
    and per e-mail address; beyond that nothing is sent and the page says to wait."""

    template_name = "registration/password_reset_form.html"

    @method_decorator(sensitive_post_parameters())
    def post(self, request, *args, **kwargs):
        if too_many_resets(request):
            log.warning(
                "Password reset refused: too many requests from %s or for %r",
                client_ip(request),
                reset_email("", request),
            )
            context = self.get_context_data(form=self.get_form(), throttled=True)
            return render(request, PasswordResetView.template_name, context, status=429)
        return super().post(request, *args, **kwargs)


password_reset = PasswordResetView.as_view()
