# officemgr — the two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# E-mail links point at the address `make run` serves (an exported SITE_URL wins, e.g. behind a proxy).
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run serve setup install install-dev migrate messages compile-messages seed test lint format worker beat bench check-deploy clean

run: setup seed serve ## install, migrate, seed the demo company, serve on http://$(HOST):$(PORT)

# The laptop targets run with DEBUG on (the settings default to off); an exported DEBUG wins.
run serve setup migrate messages compile-messages seed lint format worker beat: export DEBUG ?= True
run serve seed worker beat: export SITE_URL := $(SITE_URL)

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

setup: install migrate compile-messages

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "officemgr needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamps make a second `make run` fast: pip runs only when a requirements file changed.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $(VENV)/.runtime-installed $@

install: $(VENV)/.runtime-installed

install-dev: $(VENV)/.dev-installed

migrate: install
	$(PY) manage.py migrate --noinput

# After changing a user-facing string: extract the msgids of the Python code and the Jinja2 templates
# (Babel, see babel.cfg; Django's makemessages reads no Jinja2), merge them into
# locale/*/LC_MESSAGES/django.po keeping the translations, and compile. Then translate the new
# entries (apps/core/tests/test_translations.py fails while one is missing) and run it again.
messages: install-dev
	$(PY) manage.py extract_messages

# The compiled catalogue is committed, so a machine without gettext still runs in French;
# it is rebuilt when msgfmt exists and the .po changed.
compile-messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		for po in locale/*/LC_MESSAGES/django.po; do \
			mo=$${po%.po}.mo; \
			[ -f $$po ] || continue; \
			if [ ! -f $$mo ] || [ $$po -nt $$mo ]; then $(PY) manage.py compilemessages --ignore=.venv -v0 && break; fi; \
		done; \
	fi

seed: migrate
	$(PY) manage.py seed_demo

# Browser tests run in their own process: Playwright's event loop would otherwise make Django's
# async-safety check refuse the ORM for every test collected after them.
test: install-dev compile-messages
	$(PY) -m pytest -m "not browser"
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m browser

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

worker: install ## needs REDIS_URL
	$(VENV)/bin/celery -A officemgr worker --loglevel=INFO

beat: install ## exactly one beat process per deployment
	$(VENV)/bin/celery -A officemgr beat --loglevel=INFO --schedule=$${CELERY_BEAT_SCHEDULE_FILE:-/tmp/officemgr-celerybeat-schedule}

bench: install-dev
	$(PY) bench/run.py $(BENCH_ARGS)

# check --deploy under production-like settings (what CI runs).
check-deploy: install
	DEBUG=False SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=officemgr.example.com $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
