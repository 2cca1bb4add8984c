# Region der Mitte: `make run` to try it, `make test` for everything CI checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# Production-like local serving: DEBUG off, whitenoise, console e-mail, demo media.
# Links in e-mails, feeds and PDFs point to the address it serves.
RUN_ENV := DJANGO_SETTINGS_MODULE=regiondermitte.settings.dev DJANGO_DEBUG=0 \
	DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://127.0.0.1:$(PORT)}
PROD_CHECK_ENV := DJANGO_SETTINGS_MODULE=regiondermitte.settings.prod \
	DJANGO_SECRET_KEY=check-deploy-only-$$(date +%s)-a-long-random-looking-secret-value \
	DJANGO_ALLOWED_HOSTS=www.regiondermitte.de \
	DJANGO_SITE_URL=https://www.regiondermitte.de

.PHONY: run dev serve test lint format messages catalogue install checkers prepare worker clean

run: prepare
	@echo "Serving http://127.0.0.1:$(PORT) (DEBUG off, e-mail printed here). Ctrl+C stops."
	$(RUN_ENV) $(BIN)/gunicorn regiondermitte.wsgi --bind 127.0.0.1:$(PORT) \
		--workers 2 --threads 4 --no-control-socket --access-logfile - --env DJANGO_SETTINGS_MODULE=regiondermitte.settings.dev

dev: prepare
	DJANGO_DEBUG=1 DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://127.0.0.1:$(PORT)} $(MANAGE) runserver 127.0.0.1:$(PORT)

# Production serving; configure through the environment (see README).
serve: install
	$(MANAGE) collectstatic --noinput -v0 --settings=regiondermitte.settings.prod
	$(BIN)/gunicorn regiondermitte.wsgi --config regiondermitte/gunicorn.conf.py

worker: install
	$(MANAGE) db_worker

prepare: install
	@mkdir -p "$${DJANGO_VAR_DIR:-var}"
	$(RUN_ENV) $(MANAGE) createcachetable
	$(RUN_ENV) $(MANAGE) migrate --noinput -v0
	$(RUN_ENV) $(MANAGE) collectstatic --noinput -v0
	$(RUN_ENV) $(MANAGE) seed_demo

install: $(BIN)/.installed locale/de/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo

$(BIN)/.installed: pyproject.toml uv.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	@ldconfig -p 2>/dev/null | grep -q libpango-1.0 \
		|| { echo "WeasyPrint needs Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; }
	@command -v msgfmt >/dev/null \
		|| { echo "The German catalogue needs gettext: sudo apt-get install gettext"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) \
		|| { echo "Creating .venv failed: sudo apt-get install python3-venv"; exit 1; }
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(BIN)/uv sync --frozen --quiet --compile-bytecode --python $(BIN)/python
	@touch $@

# The Nu Html Checker (vnu.jar, pinned in package-lock.json) for the page-type gate;
# it runs on Java (default-jre-headless). No install scripts: the package's own would
# try to download a Java runtime. Without npm the HTML checks are left out locally
# (a warning says so) and fail in CI.
checkers: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --silent && touch $@; \
	else echo "No npm: pages are not checked with vnu (sudo apt-get install npm default-jre-headless)."; fi

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	$(MANAGE) compilemessages -l $* -v0

# Collects new strings into the German and English catalogues; translate them in
# locale/de/LC_MESSAGES/django.po. The msgids are English: in the English catalogue
# a msgstr repeats its msgid (or improves on it).
messages: $(BIN)/.installed
	flock locale/.lock $(MANAGE) makemessages -l de -l en --no-location --no-obsolete \
		--ignore=.venv --ignore=var --ignore=tests --ignore=node_modules -v0

# No string of the code may be missing, untranslated or fuzzy in either catalogue.
catalogue: messages
	@for po in locale/de/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po; do \
	if msgattrib --untranslated --no-obsolete $$po | grep -q '^msgid'; then \
		echo "Untranslated entries in $$po:"; msgattrib --untranslated --no-obsolete $$po; exit 1; fi; \
	if msgattrib --only-fuzzy --no-obsolete $$po | grep -q '^msgid'; then \
		echo "Fuzzy entries in $$po:"; msgattrib --only-fuzzy --no-obsolete $$po; exit 1; fi; \
	done
	$(MANAGE) compilemessages -l de -l en -v0

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install checkers lint catalogue
	$(MANAGE) makemigrations --check --dry-run -v1
	$(PROD_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var/static node_modules

# The benchmarks live in bench/, an app that only regiondermitte/settings/bench.py
# installs (production's settings, its own URLconf with the baseline view /bench/ok/).
# They print figures and never fail on a time; none of them is part of `make test`.
BENCH := DJANGO_SETTINGS_MODULE=regiondermitte.settings.bench $(MANAGE)

# Prints how long ingesting a 100-page PDF and rendering the handout take (rolled back,
# in the database of `make run`).
.PHONY: bench-documents
bench-documents: prepare
	$(BENCH) bench_documents

# Fills a separate PostgreSQL database (rdm_bench_search, dropped afterwards) with
# 100,000 forum posts, 10,000 articles and 2,000 documents, then prints how long the
# search page's SQL and the whole page take per kind of query, for searches nobody
# asked before. Server: BENCH_DATABASE_URL, else DATABASE_URL's, else local.
.PHONY: bench-search
bench-search: install
	$(BENCH) bench_search

# Every page type under load against a PostgreSQL database seeded at a busy portal's
# size (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/rdm_bench, is
# dropped and made anew), served by gunicorn as `make serve` does, loaded by wrk (or
# locust where wrk is missing); rows for anonymous readers, the same pages while a
# writer posts a reply a second, signed-in first views, uncached searches, and the
# login and sign-up forms. Prints one table (README, "Benchmark").
.PHONY: bench
bench: install
	$(BENCH) bench

# The load test of issue 13: 100 connections for 30 s on a mix of home, a topic,
# searches and the login form while people sign in and reply; prints failures
# (goal: none) and p99 per page. Same database and server as `make bench`
# (add BENCH_ARGS=--reuse to keep the last seeded database).
.PHONY: loadtest
loadtest: install
	$(BENCH) bench --mix --duration 30 --connections 100 $(BENCH_ARGS)
