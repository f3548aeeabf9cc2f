# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
LSCP := $(VENV)/bin/lscp

.PHONY: run test lint install install-dev install-web system-deps bench-deps charts bench readme clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev system-deps

# The graphviz binary and Chromium come from Debian's packages when missing.
system-deps:
	@if ! command -v dot >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
		echo "Installing graphviz and chromium with apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz chromium >/dev/null; \
	fi

# Validates the bundled data, then serves the web app and API on http://127.0.0.1:8000.
run: install-web
	$(LSCP) validate
	$(LSCP) serve --host 127.0.0.1 --port 8000

install-web: $(VENV)/.installed-web

$(VENV)/.installed-web: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e '.[web,diagrams]'
	@command -v dot >/dev/null 2>&1 || { echo "Installing graphviz with apt-get"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; }
	touch $@

charts: install-dev
	$(PY) -m lscp.diagrams.charts

readme: install-dev
	$(PY) docs/examples.py

# wrk, the HTTP load generator of benchmarks/bench_http.py (C, so the client costs little of the
# server's cores), from Debian's packages when missing. For `make bench` only, never `make test`.
bench-deps:
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk with apt-get"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-dev
	$(PIP) install -q -e '.[bench]'
	touch $@

# Every benchmark, then the profiles of what misses its target; writes docs/performance.md and
# docs/profiles/. About 30 minutes on 2 cores.
bench: install-dev $(VENV)/.installed-bench bench-deps
	$(PY) -m benchmarks.run
	$(PY) -m benchmarks.profiles

test: install-dev
	$(PY) -m pytest -q

# ruff, then mypy over the package as installed: mypy does not follow setuptools' package-dir
# mapping, so the folders are linked under build/mypy-path/lscp (the mypy_path in pyproject.toml).
MYPY_TREE := build/mypy-path/lscp
lint: install-dev
	$(VENV)/bin/ruff check .
	rm -rf $(MYPY_TREE) && mkdir -p $(MYPY_TREE)
	for f in lscp/*.py lscp/py.typed; do ln -s "$(CURDIR)/$$f" $(MYPY_TREE)/; done
	for d in model loaders queries diagrams api; do ln -s "$(CURDIR)/$$d" $(MYPY_TREE)/$$d; done
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build/mypy-path
