"""The documented gunicorn command: every request and its own errors logged to stderr, and
a connection taken only by a worker with a free thread."""

import json
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_gunicorn_writes_its_access_and_error_logs_to_stderr():
    conf = runpy.run_path(str(CONF))

    assert conf["accesslog"] == "-" and conf["errorlog"] == "-"


def test_an_access_log_line_is_json():
    from gunicorn.glogging import SafeAtoms

    conf = runpy.run_path(str(CONF))
    atoms = {"t": "[30/Nov/2026:16:00:00 +0100]", "h": "10.0.0.1", "m": "GET", "U": "/halsa/"}
    atoms |= {"q": "", "s": 200, "B": "120", "D": 5120, "a": 'Mozilla "5.0"'}

    line = json.loads(conf["access_log_format"] % SafeAtoms(atoms))

    assert line["path"] == "/halsa/" and line["status"] == 200
    assert line["user_agent"] == 'Mozilla "5.0"'


def test_a_worker_takes_no_more_connections_than_it_has_free_threads(monkeypatch):
    # Else a page would wait behind a worker's PDFs while another worker stands idle.
    monkeypatch.setenv("GUNICORN_THREADS", "6")
    conf = runpy.run_path(str(CONF))

    assert conf["threads"] == 6 and conf["worker_connections"] == 6
    assert conf["keepalive"] == 0  # no idle connection holds a worker's place
