# The two commands of the README: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# The address links in e-mails and PDFs point to: the one runserver serves.
SITE_URL ?= http://$(HOST)

.PHONY: run test lint style typecheck install install-test chromium bench bench-load bench-national

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstalled whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py demo
	DEBUG=true SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST)

lint: style typecheck

style: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy, and the migrations' match with the models.
typecheck: install-test
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run --settings=tests.settings

# The browser tests drive Debian's chromium; never a browser build downloaded by Playwright.
chromium:
	@command -v chromium >/dev/null || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

# Two workers (pytest-xdist): CI's machine, like a developer's, has two cores. The type
# check and the migrations check are `make lint`, which CI runs once, not once per database.
test: style chromium
	$(VENV)/bin/pytest -n 2

# The Mjölby action plan's PDF export: the register's own part, the render and WeasyPrint
# alone, with their spread.
bench: install-test
	$(PY) -m bench.pdf_export

# The register under load (bench/load.py): gunicorn as configured in gunicorn.conf.py, 50 users
# for 30 s on SQLite, and on PostgreSQL too when DATABASE_URL names a server.
bench-load: install-test
	$(PY) -m bench.load

# Every page on the Mjölby data and on all 290 municipalities × ten years (target: under
# 1.5 times the time, the same queries). SCALE=0.1 seeds a tenth; DATABASE_URL=postgres://…
# runs it on PostgreSQL (the database it names is emptied first).
SCALE ?= 1
bench-national: install-test
	$(PY) -m bench.national --scale $(SCALE)
