"""Stand-ins for WeasyPrint that the PDF child process runs in tests (pdf/process.py). They
import nothing of Django: the child has no settings and no database."""

import os
import time
from pathlib import Path

HELD_PDF = b"%PDF-1.7\n% held until released\n"


def held_render(folder: str, html: str) -> bytes:
    """Say "started" (with the child's pid), then wait until the test writes "release"."""
    (Path(folder) / "started").write_text(str(os.getpid()))
    while not (Path(folder) / "release").exists():
        time.sleep(0.01)
    return HELD_PDF


def failing_render(html: str) -> bytes:
    raise ValueError("WeasyPrint could not draw this")
