# risk-app developer commands. The README's two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# The demo organisation lives in its own data directory, never in the default (real) one.
DEMO_DATA_DIR ?= $(CURDIR)/data/demo
# The demo organisation's name, at the head of its meeting minutes (RISK_APP_ORGANISATION_NAME).
DEMO_ORGANISATION ?= Demo Borough Council (not a real council)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: lock run test check lint types contracts test-unit test-integration test-ui test-browser bench bench-meeting bench-limits system-deps system-deps-run clean

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "risk-app needs Python 3.11 or newer"'
	@$(PYTHON) -c 'import ensurepip' >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	@touch $@

## Install, create and migrate the SQLite database, load the demo organisation, and serve the app.
run: $(VENV)/.installed system-deps-run
	RISK_APP_DATA_DIR=$(DEMO_DATA_DIR) $(VENV)/bin/risk-app init
	RISK_APP_DATA_DIR=$(DEMO_DATA_DIR) $(VENV)/bin/risk-app demo
	RISK_APP_DATA_DIR=$(DEMO_DATA_DIR) RISK_APP_ORGANISATION_NAME="$(DEMO_ORGANISATION)" \
	  $(VENV)/bin/risk-app run --demo --port $(PORT)

## What the app itself needs from Debian: Pango, for the agreement PDF (WeasyPrint), if missing.
system-deps-run:
	@{ ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }

## Everything from Debian: the app's libraries, Chromium for browser tests (the Debian
## package: browser downloads are not possible everywhere), and nginx for the deployment tests.
system-deps: system-deps-run
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }
	@{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 && test -f /usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx libnginx-mod-http-headers-more-filter; }

## Install everything the tests need and run the whole suite (unit, integration, UI, browser),
## measuring branch coverage of framework/ and risk_app/ as it goes: the run fails below
## [tool.coverage.report] fail_under in pyproject.toml. App servers started as subprocesses
## are not measured.
test: $(VENV)/.installed system-deps
	$(PY) -m pytest -n 2 --dist loadgroup --cov --cov-report=term:skip-covered

test-unit: $(VENV)/.installed
	$(PY) -m pytest tests/unit
test-integration: $(VENV)/.installed
	$(PY) -m pytest tests/integration
test-ui: $(VENV)/.installed
	$(PY) -m pytest tests/ui
test-browser: $(VENV)/.installed system-deps
	$(PY) -m pytest tests/browser tests/deployment

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
types: $(VENV)/.installed
	$(VENV)/bin/mypy framework risk_app
contracts: $(VENV)/.installed
	$(VENV)/bin/lint-imports

## Everything CI runs: lint, types, import contracts, then the whole test suite.
check: lint types contracts test

## Benchmarks: the foundation (bench/run.py), then the case audit of 100,000 cases against
## reading the same log (bench/case_audit.py; fails if slower than 3x the read or over 2 GB).
bench: $(VENV)/.installed
	$(PY) bench/run.py
	$(PY) bench/case_audit.py
	$(PY) bench/pages.py

## The meeting and record journey at 10,000 people and 50,000 risks (see bench/README.md): each
## save's server time beside one audit append (bench/saves.py; target: every median <= 150 ms),
## then click-to-settled in Chromium beside a bare Streamlit page and a page drawing sections of
## the same size with no server work (bench/clicks.py; the issue's target, the journey's median
## <= 2x the bare page's, is below that floor: see bench/README.md). RISK_APP_BENCH_PG_URL adds the saves on PostgreSQL.
bench-meeting: $(VENV)/.installed system-deps
	$(PY) bench/saves.py
	$(PY) bench/clicks.py

## The case audit's memory on hostile logs (3.5 million one-event cases, 100 MB of events, a
## 10 MB log as JSON, /dev/zero): each under 2 GB, refused or audited as expected. Slow (minutes).
bench-limits: $(VENV)/.installed
	$(PY) bench/case_audit_limits.py

## Rewrite requirements.lock (exact versions with their hashes; what `make run` and `make test`
## install) after changing dependencies in pyproject.toml. UPGRADE=1 also moves to newer versions.
lock: $(VENV)/.installed
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --extra postgres --generate-hashes \
	  --universal --python-version 3.11 $(if $(UPGRADE),--upgrade) --quiet -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.*
