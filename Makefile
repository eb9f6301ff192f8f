# Two commands: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DEBUG=true

.PHONY: run test lint venv install install-dev messages migrate seed serve browser-test clean system-run system-test bench

# Debian packages: Pango and a Cyrillic font for the PDF download; pdftotext, Chromium and nginx for the tests.
# Installed when we may (root with apt-get); elsewhere a clear line says what to install.
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_DEBS := $(RUN_DEBS) poppler-utils chromium nginx-light
define ensure_debs
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ] && command -v dpkg >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:" $$missing; \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; \
	  else \
	    echo "Please install these system packages (PDF download and tests need them):" $$missing >&2; \
	  fi; \
	fi
endef

system-run:
	$(call ensure_debs,$(RUN_DEBS))

system-test:
	$(call ensure_debs,$(TEST_DEBS))

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Translations: .po to .mo in pure Python (polib), so no GNU gettext is needed; unchanged catalogs are skipped.
messages: install
	$(DEV_ENV) $(PY) manage.py compile_translations

migrate: install messages
	$(DEV_ENV) $(PY) manage.py migrate --noinput

seed: migrate
	$(DEV_ENV) $(PY) manage.py seed_demo

# The web server and the task queue's worker (mail, reminders, digests) together; Ctrl-C stops both.
run: system-run seed
	@echo ""
	@echo "Serving on http://127.0.0.1:8000 with the task worker beside it (sign-ins above; Ctrl-C stops both)"
	@$(DEV_ENV) $(PY) manage.py qcluster & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

lint: install-dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

test: system-test lint messages
	$(PY) -m pytest -n 2 -q

browser-test: system-test install-dev messages
	$(PY) -m pytest -m browser -q

# The benchmark (not a test): a dataset at SCALE× the demo on a throwaway PostgreSQL 15, served by gunicorn,
# every main page and the exports measured; the table goes to bench/results-<scale>x-<date>.md. See README.
SCALE ?= 10
bench: install messages
	$(call ensure_debs,$(RUN_DEBS) postgresql-15)
	$(PY) -m bench --scale $(SCALE)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
