"""gunicorn's settings for the register: `gunicorn safety_partnership.wsgi` reads this file
from the folder it is started in; a command-line option overrides a setting here.

Threaded workers (gthread): a thread waiting for the database or for a PDF being drawn in
its child process (safety_partnership/pdf/process.py) leaves the worker's other threads
serving pages. WEB_CONCURRENCY sets the number of worker processes (twice the cores, plus
one), GUNICORN_THREADS the threads of each.

Every request is one line of the access log, on stdout, and gunicorn's own errors go to
stderr, beside the register's JSON log lines.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker takes a connection only when one of its threads is free. Otherwise it would take
# them as they come and hold them behind its busy threads (a PDF being drawn, a password
# being checked) while another worker stands idle; now they wait in the listening socket's
# queue for whichever worker frees a thread first. Without room for idle connections,
# keep-alive is off: the proxy opens a connection per request (nginx does by default).
worker_connections = threads
keepalive = 0
# A worker is restarted when it has not answered the arbiter for this long; a gthread worker
# answers while its threads wait, and a PDF's render has its own limit (PDF_RENDER_TIMEOUT).
timeout = 60
graceful_timeout = 30

# The access log: standard output unless GUNICORN_ACCESSLOG names a file ("" turns it off,
# e.g. for a load benchmark).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"  # stderr
loglevel = "info"
# A JSON object per request (gunicorn escapes the double quotes in what a client sent):
# time, client, method, path, query, status, bytes, duration in microseconds, user agent.
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", '
    '"duration_us": %(D)s, "user_agent": "%(a)s"}'
)
