"""WeasyPrint in a process of its own: one render, one short-lived process.

A web worker (or the task worker) builds a document's HTML itself, with its queries, and
hands only the HTML to a child process that draws the PDF and exits. So the worker holds no
database transaction or lock while WeasyPrint draws, its other threads go on serving pages,
the child runs at a lower CPU priority than the pages, a large plan's memory is returned to
the system when the child exits, and a render that takes longer than PDF_RENDER_TIMEOUT is
stopped. Each web process runs at most PDF_RENDERERS renders at once; others wait their turn.

The children come from a fork server (multiprocessing's "forkserver"), a clean process that
has imported WeasyPrint once: forking a process that has threads and open database
connections is not safe, and starting Python afresh for each render would be slow.
"""

import functools
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .base import render_pdf

LOWER_PRIORITY = 19  # the lowest: a PDF draws with the CPU the pages leave

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["safety_partnership.pdf.base"])
_turns: threading.BoundedSemaphore | None = None
_turns_lock = threading.Lock()

# What the child runs: render_pdf, or in a test a stand-in that can be held up.
RENDERER: Callable[[str], bytes] = render_pdf


class RenderTooSlow(Exception):
    """The render took longer than PDF_RENDER_TIMEOUT and was stopped."""


def turns() -> threading.BoundedSemaphore:
    global _turns
    with _turns_lock:
        if _turns is None:
            _turns = threading.BoundedSemaphore(settings.PDF_RENDERERS)
        return _turns


def draw(renderer: Callable[[str], bytes], html: str, sending) -> None:
    """In the child: draw the PDF and send it back, or the error's traceback."""
    os.nice(LOWER_PRIORITY)
    result: tuple[str, bytes | str]
    try:
        result = ("pdf", renderer(html))
    except BaseException:
        result = ("error", traceback.format_exc())
    sending.send(result)
    sending.close()


def render_apart(html: str) -> bytes:
    """The final HTML to PDF/A bytes, drawn in a child process (see the module's text)."""
    with turns():
        receiving, sending = _context.Pipe(duplex=False)
        child = _context.Process(target=draw, args=(RENDERER, html, sending), daemon=True)
        child.start()
        sending.close()
        try:
            if not receiving.poll(settings.PDF_RENDER_TIMEOUT):
                raise RenderTooSlow(f"PDF render stopped after {settings.PDF_RENDER_TIMEOUT} s")
            try:
                outcome, payload = receiving.recv()
            except EOFError:
                raise RuntimeError(
                    f"The PDF render process ended without a result (exit code {child.exitcode})"
                ) from None
        finally:
            receiving.close()
            if child.is_alive():
                child.kill()
            child.join()
    if outcome == "error":
        raise RuntimeError(f"The PDF render failed:\n{payload}")
    return payload


def answers_too_slow(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view that renders a PDF answers 503 with a page saying so when the render was
    stopped for taking too long, rather than a server error."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except RenderTooSlow:
            return render(request, "pdf/too_slow.html", status=503)

    return wrapped
