"""The register's settings for the load bench: its URLconf adds a bare view beside the
register's pages, and collected static files go to a folder of the bench's own."""

import os

from safety_partnership.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405

# A server error's traceback goes to gunicorn's output, which the bench shows.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
