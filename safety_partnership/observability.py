"""What an operator sees: one JSON object per log line, and the register's own loggers.

The loggers are named by what happened, so that a log search or an alert can pick them out:
"register.signing" (a signing refused), "register.archive" (an archived PDF or scan that no
longer matches its SHA-256), "register.tasks" (a background task that failed),
"register.security" (throttled logins) and "register.database" (a write refused by a
read-only database). Django's own "django.request" logs every request that ends in an error.
"""

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django_tasks import TaskResultStatus

# The attributes every LogRecord has; anything else was passed in `extra=` and is logged.
STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def user_id(request: Any) -> int | None:
    try:
        user = getattr(request, "user", None)
        return user.pk if user is not None and user.is_authenticated else None
    except Exception:  # the user is read lazily: a line about a database down must not fail
        return None


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, the request's method,
    path, user id and status when there is one, the exception's traceback, and any extra."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key in STANDARD:
                continue
            if key == "request":  # django.request, django.security: the request itself
                line["method"] = getattr(value, "method", None)
                line["path"] = getattr(value, "path", None)
                line["user_id"] = user_id(value)
            elif key == "status_code":
                line["status"] = value
            else:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


signing_logger = logging.getLogger("register.signing")


def subject_of(obj: Any) -> str:
    """'actionplan 12': the model and primary key of what a log line is about."""
    meta = getattr(obj, "_meta", None)
    return f"{meta.model_name} {obj.pk}" if meta is not None else str(obj)


def log_refused_signing(subject: object, user: Any, reasons: list[str]) -> None:
    """A signing the register refused (wrong password, not the signatory's turn, content
    changed): worth an operator's eye when it comes often or for one account."""
    signing_logger.warning(
        "Underskrift nekad: %s",
        " ".join(reasons),
        extra={
            "subject": subject_of(subject),
            "title": str(getattr(subject, "title", "")),
            "user_id": getattr(user, "pk", None),
        },
    )


@contextmanager
def signing_refusals_logged(subject: object, user: Any) -> Iterator[None]:
    """Log a refusal (PermissionDenied, ValidationError) raised inside, and let it go on."""
    try:
        yield
    except ValidationError as error:
        log_refused_signing(subject, user, error.messages)
        raise
    except PermissionDenied as error:
        log_refused_signing(subject, user, [str(error)])
        raise


tasks_logger = logging.getLogger("register.tasks")


def log_failed_task(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """django-tasks' task_finished: a task that failed (an archived PDF not rendered, a mail
    not sent) is logged with its traceback, in the web process or in db_worker alike."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    error = task_result.errors[-1] if task_result.errors else None
    tasks_logger.error(
        "Bakgrundsuppgiften misslyckades: %s",
        task_result.task.module_path,
        extra={
            "task_id": str(task_result.id),
            "task": task_result.task.module_path,
            "task_args": task_result.args,
            "exception_class": error.exception_class_path if error else None,
            "traceback": error.traceback if error else None,
        },
    )
