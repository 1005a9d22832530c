"""gunicorn's settings (`gunicorn -c gunicorn.conf.py`, also read from the working folder
without -c): every request on one line of the access log, on stdout, and gunicorn's own
errors on stderr, beside the register's JSON log lines."""

accesslog = "-"  # stdout
errorlog = "-"  # stderr
loglevel = "info"
# A JSON object per request (gunicorn escapes the double quotes in what a client sent):
# time, client, method, path, query, status, bytes, duration in microseconds, user agent.
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", '
    '"duration_us": %(D)s, "user_agent": "%(a)s"}'
)
