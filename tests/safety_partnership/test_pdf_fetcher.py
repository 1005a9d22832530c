"""WeasyPrint loads only the register's own files (safety_partnership/pdf/fetcher.py): the PDF
stylesheet, its fonts and the static files; file:///etc/passwd, http:// and the rest are
refused, logged at warning, and the PDF is made without them."""

import logging
import urllib.request
from pathlib import Path
from unittest.mock import patch

import pytest
from django.conf import settings

from safety_partnership.pdf import fetcher
from safety_partnership.pdf.base import render_pdf
from safety_partnership.pdf.fetcher import RefusedURL, RegisterURLFetcher, own_file
from tests.safety_partnership.test_pdf import pages_text, read
from tests.safety_partnership.test_pdf_accessibility import problems

PDF_DIR = Path(fetcher.__file__).resolve().parent
STATIC = Path(settings.BASE_DIR) / "static"

# What a template (or a value slipped into one) might name: a file of the server, an address
# on the network, through every way HTML and CSS load things.
HOSTILE = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Försök</title>
<link rel="stylesheet" href="pdf.css">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="http://attacker.example/steal.css">
<style>
@import url("http://attacker.example/import.css");
@font-face { font-family: Stolen; src: url("file:///etc/passwd"); }
body { background: url("http://attacker.example/pixel.png"); }
</style>
</head>
<body>
<main>
<h1>Försök att läsa</h1>
<p>Bara registrets egna filer.</p>
<img src="file:///etc/passwd" alt="lösenordsfilen">
<img src="http://attacker.example/pixel.png" alt="spårningspixel">
<object data="file:///etc/passwd" type="text/plain">ingen fil</object>
<iframe src="http://attacker.example/"></iframe>
</main>
</body>
</html>
"""
HOSTILE_URLS = {
    "file:///etc/passwd",
    "http://attacker.example/steal.css",
    "http://attacker.example/import.css",
    "http://attacker.example/pixel.png",
}


def no_network_nor_files(*args, **kwargs):
    raise AssertionError("WeasyPrint's own fetching (urllib) was used")


@pytest.mark.django_db
def test_a_template_naming_etc_passwd_and_http_gets_neither_and_the_pdf_is_made(caplog):
    caplog.set_level(logging.WARNING, logger="register.pdf")
    fetched: list[str] = []
    own = RegisterURLFetcher.fetch

    def recording(self, url, headers=None):
        fetched.append(url)
        return own(self, url, headers)

    with (
        patch.object(RegisterURLFetcher, "fetch", recording),
        patch.object(urllib.request.OpenerDirector, "open", no_network_nor_files),
    ):
        pdf = render_pdf(HOSTILE)

    assert pdf.startswith(b"%PDF-")
    text = " ".join(pages_text(read(pdf)))
    assert "Försök att läsa" in text and "Bara registrets egna filer." in text
    assert "root:" not in text and "/bin/" not in text
    assert b"root:x:0:0" not in pdf and b"attacker.example" not in pdf
    # Everything hostile was asked for, and refused with a warning naming it.
    assert HOSTILE_URLS <= set(fetched)
    refused = [r.getMessage() for r in caplog.records if r.name == "register.pdf"]
    assert all(r.levelno == logging.WARNING for r in caplog.records if "refused" in r.getMessage())
    for url in HOSTILE_URLS:
        assert any(url in message and "refused" in message for message in refused), url
    # The register's own stylesheet and fonts were served.
    assert (PDF_DIR / "pdf.css").as_uri() in fetched
    assert any(url.endswith("/fonts/DejaVuSans.ttf") for url in fetched)
    # Still PDF/A-3a and PDF/UA-1 as far as the suite checks them.
    assert problems(pdf) == []


def test_the_fetcher_refuses_each_url_that_is_not_the_registers_own(caplog):
    caplog.set_level(logging.WARNING, logger="register.pdf")
    refused = [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "file://attacker.example/etc/passwd",
        "http://attacker.example/x.png",
        "https://attacker.example/x.css",
        "ftp://attacker.example/x",
        "data:text/plain,root:x:0:0",
        (PDF_DIR / "seal.py").as_uri(),  # beside the fonts, but no font nor stylesheet
        (PDF_DIR / "fonts" / ".." / ".." / "settings.py").as_uri(),
        (PDF_DIR / "fonts" / "missing.ttf").as_uri(),
        f"file:///{settings.STATIC_URL.strip('/')}/../../etc/passwd",
        f"file:///{settings.STATIC_URL.strip('/')}/%2e%2e/%2e%2e/etc/passwd",
        f"file:///{settings.STATIC_URL.strip('/')}/css/missing.css",
        Path(settings.BASE_DIR, "manage.py").as_uri(),
        Path(settings.BASE_DIR, "db.sqlite3").as_uri(),
    ]
    for url in refused:
        assert own_file(url) is None, url
        with pytest.raises(RefusedURL):
            RegisterURLFetcher().fetch(url)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == len(refused)


def test_the_fetcher_serves_the_pdf_stylesheet_its_fonts_and_the_static_files():
    served = {
        (PDF_DIR / "pdf.css").as_uri(): PDF_DIR / "pdf.css",
        (PDF_DIR / "fonts" / "DejaVuSans.ttf").as_uri(): PDF_DIR / "fonts" / "DejaVuSans.ttf",
        (STATIC / "css" / "register.css").as_uri(): STATIC / "css" / "register.css",
        # `{% static %}` in a PDF template: /static/… against the PDF's file: base.
        f"file:///{settings.STATIC_URL.strip('/')}/css/register.css": STATIC / "css/register.css",
    }
    for url, path in served.items():
        assert own_file(url) == path.resolve(), url
        response = RegisterURLFetcher().fetch(url)
        assert response.read() == path.read_bytes()
    assert RegisterURLFetcher().fetch((PDF_DIR / "pdf.css").as_uri()).content_type == "text/css"
