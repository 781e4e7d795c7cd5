# Newsroom: `make run` for the demo newsroom, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format lock check-migrations serve worker bench clean messages catalogues

# The background task worker for TASKS_BACKEND (renditions, emails; README.md, "Background
# tasks"), on its own or beside a server that it stops with (newsroom/worker.py).
WORKER := $(BIN)/python -m newsroom.worker

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

# The interface in each edition's language: locale/<language>/LC_MESSAGES/django.po, the
# committed catalogues, compiled for Django (the .mo files are build output, never committed).
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
%.mo: %.po
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext; }
	msgfmt --check --output-file=$@ $<

## messages: compile the interface's translations (make run, test and serve do it first)
messages: $(MESSAGES)

## catalogues: gather the interface's new and changed words into each edition's django.po
## for its translator (the admin's own pages stay in the default language)
catalogues: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages --no-obsolete --ignore=.venv --ignore=tests \
	  --ignore=bench --ignore=templates/admin $(foreach code,$(wildcard locale/*),-l $(notdir $(code)))

## run: install, migrate, load the demo newsroom once, serve on http://127.0.0.1:8000
run: export DEBUG ?= 1
# The demo newsroom's identity (articles/demo/); a SITE_* variable already set wins.
run: export SITE_NAME ?= Caucasus Dispatch
run: export SITE_SHORT_NAME ?= Dispatch
run: export SITE_TAGLINE ?= Independent reporting from the Caucasus
run: export SITE_DESCRIPTION ?= Independent reporting from the Caucasus, paid for by its readers.
run: export SITE_JOIN_HEADLINE ?= Keep independent reporting from the Caucasus going
run: export SITE_JOIN_PITCH ?= We have no owner with an agenda and no paywall. Our reporters in \
  Armenia, Azerbaijan, Georgia and across the North Caucasus are paid by readers like you.
# The same words for the Russian edition (/ru/); the name and logo stay the publication's own.
run: export SITE_TAGLINE_RU ?= Независимая журналистика с Кавказа
run: export SITE_DESCRIPTION_RU ?= Независимая журналистика с Кавказа на средства читателей.
run: export SITE_JOIN_HEADLINE_RU ?= Помогите независимой журналистике с Кавказа продолжать работу
run: export SITE_JOIN_PITCH_RU ?= У нас нет владельца со своими интересами и нет платного \
  доступа. Работу наших корреспондентов в Армении, Азербайджане, Грузии и на Северном Кавказе \
  оплачивают такие же читатели, как вы.
# Its logo (a static file) and the icons draw_demo_identity draws into MEDIA_ROOT/identity/.
run: export SITE_LOGO ?= img/demo/caucasus-dispatch.svg
run: export SITE_ICONS ?= /media/identity/
run: export SITE_THEME_COLOUR ?= \#a4161a
run: export SITE_TWITTER ?= @caucdispatch
run: $(STAMP) messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py load_demo_members
	$(BIN)/python manage.py load_demo_newsletter
	$(BIN)/python manage.py draw_demo_identity
	$(BIN)/python manage.py local_admin
	$(BIN)/python manage.py plan_digests
	$(WORKER) -- $(BIN)/python manage.py runserver 127.0.0.1:8000

## test: the whole suite in parallel, a worker per core (DATABASE_URL=postgres://... for PostgreSQL)
# The browser tests need Chromium: found, or installed with apt on Debian as root, before the run.
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(min(8, os.cpu_count() or 1))')
test: $(STAMP) messages
	$(BIN)/python -m tests.browser.chromium
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadscope --durations=15 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

## lock: re-pin every dependency after editing pyproject.toml
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet ".[dev]"
	( echo "# Exact versions every machine installs (\`make\` installs from this file)."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  .lock-venv/bin/pip freeze --exclude newsroom ) > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) staticfiles

## serve: production serving under gunicorn (DEBUG off), with a task worker beside it;
## needs SECRET_KEY and ALLOWED_HOSTS
serve: export DEBUG = 0
serve: $(STAMP) messages
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY (a long random string)." >&2; exit 1; }
	@test -n "$$ALLOWED_HOSTS" || { echo "make serve: set ALLOWED_HOSTS, e.g. news.example.org." >&2; exit 1; }
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py plan_digests
	$(WORKER) -- $(BIN)/gunicorn -c gunicorn.conf.py --no-control-socket

## worker: only the task worker, e.g. on a machine of its own or under its own service manager
worker: $(STAMP) messages
	$(WORKER)

## bench: large demo in PostgreSQL, served by gunicorn, loaded with wrk; writes bench/results.json
bench: $(STAMP) messages
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { \
	  command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }; \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""; sleep 1; }
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "make bench: PostgreSQL is not running on 127.0.0.1:5432." >&2; exit 1; }
	$(BIN)/python bench/run.py
