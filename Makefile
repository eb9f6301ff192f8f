# Two commands: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DEBUG=true

.PHONY: run test lint venv install install-dev messages migrate seed serve browser-test clean

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

run: seed
	@echo ""
	@echo "Serving on http://127.0.0.1:8000 — demo sign-ins (password: $${DEMO_PASSWORD:-demo}):"
	@echo "  coordinator  (programme coordinator)"
	@echo "  partner      (editor of a partner organization)"
	@echo "  partner2     (editor of another partner organization)"
	@echo "  admin        (back office, superuser)"
	@echo ""
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

lint: install-dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

test: lint messages
	$(PY) -m pytest -n 2 -q

browser-test: install-dev messages
	$(PY) -m pytest -m browser -q

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
