# Link & Match: two commands. `make run` sets everything up and serves the site;
# `make test` sets everything up the same way and runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_PROGRESS_BARS := 1
export TRANSFORMERS_NO_ADVISORY_WARNINGS := 1
# the deployment profile (a folder, default profiles/banten): `make run LINKMATCH_PROFILE=profiles/jabar`
# serves another province, on its own SQLite file instance/<profile name>.sqlite
export LINKMATCH_PROFILE
HOST ?= 127.0.0.1
PORT ?= 5000
# pytest-xdist workers for `make test` (each loads the model once; 0 runs in one process)
TEST_WORKERS ?= 2

.PHONY: run test test-jabar fuzz setup venv model translations migrate db lint clean help serve worker

help:
	@echo "make run   - set up (venv, requirements, model, translations, database, demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test  - the same set-up, then the whole test suite"
	@echo "make test-jabar - the page-level tests CI runs again with the Jawa Barat profile"
	@echo "make serve - gunicorn (production web server) on BIND (default 127.0.0.1:8000)"
	@echo "make worker - an RQ worker for background jobs (needs REDIS_URL)"
	@echo "make lint  - ruff check and ruff format --check over the Python sources"
	@echo "make fuzz  - the hostile-input suite with many more Hypothesis examples and random seeds (nightly)"

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

venv: $(BIN)/.installed

model: venv
	$(BIN)/python -m matching.embedding build

translations: venv
	$(BIN)/pybabel compile -d app/translations

migrate: venv translations
	$(BIN)/flask db upgrade
	$(BIN)/flask seed reference

db: migrate
	$(BIN)/flask seed demo
	$(BIN)/flask seed history
	$(BIN)/flask match warm
	$(BIN)/flask vacancies classify-occupations
	$(BIN)/flask match reindex
	$(BIN)/flask demand rebuild
	$(BIN)/flask supply rebuild
	$(BIN)/flask opendata publish

setup: venv model translations db

run: setup
	@echo "Serving Link & Match on http://$(HOST):$(PORT) (demo logins: see README)"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# The second profile's run in CI: page-level tests with LINKMATCH_PROFILE=profiles/jabar, on SQLite
# (tests/profiles, in `make test`, already crawls every page, export and email with Jawa Barat)
JABAR_TESTS := tests/test_access.py tests/test_security_headers.py tests/test_i18n.py \
	tests/app/planner/test_policy.py tests/app/schools/test_sync.py tests/app/seekers/test_contact_and_data.py
test-jabar: venv model translations
	LINKMATCH_PROFILE=profiles/jabar TEST_DATABASE_URL= $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(JABAR_TESTS)

# Production: no demo data (refused with LINKMATCH_ENV=production).
serve: venv model translations migrate
	@echo "Serving Link & Match with gunicorn on $${BIND:-127.0.0.1:8000} (LINKMATCH_ENV=$${LINKMATCH_ENV:-development})"
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# the web side (make serve) applies migrations; a worker only needs the code and the model
worker: venv model translations
	$(BIN)/flask jobs worker

# The hostile-input suite as a nightly run: random seeds and 25x the examples of CI's fixed-seed run.
fuzz: venv translations
	LINKMATCH_FUZZ=nightly $(BIN)/python -m pytest tests/hostile

PY_SOURCES := app matching curricula tests bench benchmarks migrations wsgi.py gunicorn.conf.py
lint: venv
	$(BIN)/python -m ruff check $(PY_SOURCES)
	$(BIN)/python -m ruff format --check $(PY_SOURCES)

clean:
	rm -rf instance var .pytest_cache
