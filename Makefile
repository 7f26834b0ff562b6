# Everything a fresh machine needs goes through these targets; see README.md.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
RUN := $(UV) run --frozen
DEV_SETTINGS := DJANGO_SETTINGS_MODULE=movement.settings.dev

.PHONY: install run test lint format messages clean bench

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# uv is bootstrapped into .tools/ when it is not on the PATH.
# Article PDFs (WeasyPrint) also need Debian's libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
# (apt-get install, as .ci/run and the Dockerfile do); without them the site runs and hides the link.
install: $(if $(findstring .tools,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen --python $(PYTHON)
	$(RUN) python manage.py compile_translations

run: install
	$(DEV_SETTINGS) $(RUN) python manage.py migrate --noinput
	$(DEV_SETTINGS) $(RUN) python manage.py load_demo
	$(DEV_SETTINGS) $(RUN) python manage.py ensure_dev_admin
	$(DEV_SETTINGS) WAGTAILADMIN_BASE_URL=http://127.0.0.1:8000 $(RUN) python manage.py set_site_from_base_url
	@echo "Site:  http://127.0.0.1:8000/   English: http://127.0.0.1:8000/en/   Admin: http://127.0.0.1:8000/admin/"
	@echo "Links in e-mails (printed to this console) point at http://127.0.0.1:8000 too."
	$(DEV_SETTINGS) $(RUN) python manage.py runserver 127.0.0.1:8000

# Two workers (pytest-xdist) on the two cores these machines have; PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
test: install
	$(RUN) pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# lint-imports checks the layers contract in pyproject.toml (docs/architecture.md).
lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports

format: install
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

# Every public page type on a large dataset (PostgreSQL at 127.0.0.1:5432, Redis at :6379); see
# tests/bench/run.py. Not part of `make test`. The table goes to stdout and tests/bench/latest.json.
bench: install
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql)" main start
	$(RUN) python -m tests.bench.run $(BENCH_ARGS)

# Re-extract interface strings after changing templates or code (needs GNU gettext).
messages: install
	$(RUN) python manage.py makemessages -l nl -l en --ignore=.venv --ignore=.tools
	$(RUN) python manage.py compile_translations

clean:
	rm -rf .venv .tools db.sqlite3 media/ static_collected/
