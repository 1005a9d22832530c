"""gunicorn's settings, read from the project folder (gunicorn looks for ./gunicorn.conf.py):
every request on one line of the access log and the server's own errors, both on stderr,
where the register's JSON log lines go too."""

accesslog = "-"
errorlog = "-"
loglevel = "info"
# A JSON object per request (gunicorn escapes the double quotes in what a client sent):
# time, client, method, path, query, status, bytes, duration in microseconds, user agent.
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", '
    '"duration_us": %(D)s, "user_agent": "%(a)s"}'
)
