# Playbook CMS: `make run` for the demo, `make test` for the suite. `make help` lists all.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# The address the demo serves on: every URL it prints or uses (previews, the admin's
# links, the Site, the PDF's links, the API's absolute URLs: PUBLIC_BASE_URL) follows it.
# Set PUBLIC_BASE_URL, FRONTEND_URL etc. to override one.
SITE_URL ?= http://localhost:$(PORT)
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

system-deps:  ## install Pango, fonts and poppler where missing (apt-get)
	@scripts/install_system_deps.sh

$(STAMP): pyproject.toml
	@echo "==> Creating virtual environment in $(VENV) and installing the project"
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: system-deps $(STAMP)  ## virtual environment + Python dependencies + compiled translations
	@# The PDF's fixed words (exports/locale/*/django.po) compiled to .mo, where older.
	@$(MANAGE) compilemessages -v0 --ignore '$(VENV)' --ignore node_modules

migrate: install  ## apply database migrations
	@echo "==> Migrating the database"
	@$(MANAGE) migrate --noinput -v0

# The demo speaks English, French and Arabic (production: English unless set).
migrate demo run: export WAGTAIL_CONTENT_LANGUAGES ?= en,fr,ar
demo run: export PUBLIC_BASE_URL ?= $(SITE_URL)
demo run: export FRONTEND_URL ?= $(SITE_URL)
demo run: export WAGTAILADMIN_BASE_URL ?= $(SITE_URL)
demo run: export SITE_URL := $(SITE_URL)

demo: migrate  ## load the demo once, create the demo accounts, point the Site at SITE_URL, store the pages
	@$(MANAGE) load_demo_content
	@$(MANAGE) load_demo_translations
	@$(MANAGE) set_demo_site_address $(SITE_URL)
	@$(MANAGE) create_demo_admin
	@$(MANAGE) rebuild_representations

run: demo  ## run the demo: reader on http://localhost:8000 (PORT=...), admin at /admin/, task worker
	@echo "==> Starting the task worker (PDF exports) and the server on $(SITE_URL)"
	@scripts/run_demo.sh $(PORT)

# axe-core for the accessibility test, pinned in its lock file; npm ci only when the
# lock is newer than what is installed (so CI's parallel suites never run it twice).
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js

browser-system-deps:
	@WITH_BROWSER=1 scripts/install_system_deps.sh

$(AXE): tests/browser/axe/package-lock.json | browser-system-deps
	@echo "==> Installing axe-core for the accessibility tests (npm ci)"
	@cd tests/browser/axe && npm ci --no-audit --no-fund --silent
	@touch $@

browser-deps: browser-system-deps $(AXE)  ## install Debian's chromium, Node.js and axe-core for the browser tests, where missing

test: install browser-deps  ## run the whole test suite (DATABASE_URL picks the database; SQLite by default)
	@echo "==> Running the test suite on $${DATABASE_URL:-SQLite}"
	@$(BIN)/pytest

test-browser: install browser-deps  ## only the real-browser tests (reader, preview), screenshots in test-artifacts/
	@$(BIN)/pytest -m browser

lint:  ## ruff lint and format check
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

check: install  ## Django system checks and the migrations check
	@$(MANAGE) check
	@$(MANAGE) makemigrations --check --dry-run

backup:  ## back up the content (database + media) into backups/ (restore: manage.py restore_content)
	@$(MANAGE) backup_content

load-test: install  ## 60 s, 50-client load test of the read API on gunicorn + PostgreSQL + Redis (installs wrk)
	@loadtest/run_load.sh 60 50

lighthouse: install  ## Lighthouse 12 (mobile, desktop) on the reader behind nginx + gunicorn, production settings; PASS/FAIL table
	@benchmarks/lighthouse/run.sh

fuzz: install  ## schemathesis against the API's own OpenAPI schema, bounded (gunicorn + PostgreSQL + Redis)
	@loadtest/fuzz.sh

reset-local-db:  ## delete the local SQLite database and media (the demo is reloaded by `make run`)
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	rm -rf media

.PHONY: help system-deps browser-system-deps browser-deps lighthouse install migrate demo run test test-browser lint check backup load-test fuzz reset-local-db
