"""What WeasyPrint may load while it renders a PDF: the register's own files, nothing else.

A PDF's HTML names its stylesheet (pdf.css) and, through it, the fonts in fonts/. Anything
else a template or a value might name (file:///etc/passwd, http://…, a data: URL) is refused
and logged at warning; WeasyPrint then renders without it, as with any missing resource.
The register's static files may be named too, by their static URL (`{% static %}`, e.g.
/static/css/x.css) or by their path on disk: they are read from STATIC_ROOT
(collectstatic) or found by the static finders, as the pages get them. Nothing is ever
fetched over the network.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("register.pdf")

PDF_DIR = Path(__file__).resolve().parent
# The PDF's own files beside this module: its stylesheet and the fonts it names.
OWN_FILES = (PDF_DIR / "pdf.css",)
OWN_DIRS = (PDF_DIR / "fonts",)


class RefusedURL(ValueError):
    """A URL the register's PDFs may not load."""


def _inside(path: Path, folder: Path) -> bool:
    return path.is_relative_to(folder.resolve())


def static_roots() -> list[Path]:
    """Where the register's static files are on disk: STATIC_ROOT and the finders' folders."""
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        # FileSystemFinder's STATICFILES_DIRS and AppDirectoriesFinder's apps' static/.
        for storage in getattr(finder, "storages", {}).values():
            if location := getattr(storage, "location", None):
                roots.append(Path(location))
    return roots


def static_file(name: str) -> Path | None:
    """The static file of that name (relative to STATIC_URL), collected or found."""
    if not name or name.startswith("/") or ".." in Path(name).parts:
        return None
    if settings.STATIC_ROOT:
        collected = (Path(settings.STATIC_ROOT) / name).resolve()
        if _inside(collected, Path(settings.STATIC_ROOT)) and collected.is_file():
            return collected
    found = finders.find(name)
    return Path(found).resolve() if isinstance(found, str) else None


def own_file(url: str) -> Path | None:
    """The register's file that url names, or None: a file: URL of the PDF's stylesheet, of a
    font beside it or of a static file, or a static URL (/static/…) as a file: URL."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    static_url = "/" + settings.STATIC_URL.lstrip("/")
    if parts.path.startswith(static_url) and not path.exists():
        # `{% static %}` in a PDF template: /static/css/x.css against the file: base.
        return static_file(unquote(parts.path)[len(static_url) :])
    if not path.is_file():
        return None
    if path in OWN_FILES or any(_inside(path, folder) for folder in OWN_DIRS):
        return path
    if any(_inside(path, root) for root in static_roots()):
        return path
    return None


class RegisterURLFetcher(URLFetcher):
    """WeasyPrint's URL fetcher limited to own_file: it reads those files from disk and
    refuses every other URL (logged at warning), whatever its scheme."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = own_file(url)
        if path is None:
            self.refused.append(url)
            shown = url if len(url) <= 200 else url[:200] + "…"
            logger.warning("PDF: refused to load %s (only the register's own files)", shown)
            raise RefusedURL(f"Not one of the register's own files: {shown}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime_type}
        )
