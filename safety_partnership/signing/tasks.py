"""E-mail as a task, sent after the signing step has committed: a mail server that is down
never undoes or blocks a signature. A failed sending is logged and tried again."""

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("register.tasks")

ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=5)


@task()
def send_notification(subject: str, body: str, recipients: list[str], attempt: int = 1) -> bool:
    """Send one message; on failure log it and enqueue another attempt, up to ATTEMPTS."""
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception(
            "E-post kunde inte skickas (försök %s av %s): %s till %s",
            attempt,
            ATTEMPTS,
            subject,
            ", ".join(recipients),
        )
        if attempt < ATTEMPTS:
            retry = send_notification
            if retry.get_backend().supports_defer:  # a queue waits; the immediate backend can't
                retry = retry.using(run_after=timezone.now() + RETRY_AFTER * attempt)
            retry.enqueue(subject, body, recipients, attempt + 1)
        return False
    return True
