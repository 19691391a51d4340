# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: demo test lint typecheck pytest evaluate bench clean docs rules chromium

$(VENV)/.installed-runtime: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-runtime
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

## demo: run timeline on the seed articles and print what it found
demo: $(VENV)/.installed-runtime
	$(PY) -m timeline extract seeds/ --references seeds/ --format table --ics seeds.ics --json seeds.json --html seeds.html

## test: lint, strict typing, the test suite and the seed evaluation
test: lint typecheck docs pytest evaluate

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check timeline tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(PY) -m mypy --strict timeline

pytest: $(VENV)/.installed-dev tests/js/node_modules chromium
	$(PY) -m pytest

## docs: the documentation site, strictly (a broken link or reference fails), in build/site
docs: $(VENV)/.installed-dev
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

## rules: regenerate docs/rules.md, the rule catalogue (tests/test_docs.py checks it)
rules: $(VENV)/.installed-runtime
	$(PY) -m timeline.catalogue -o docs/rules.md

## chromium: Debian's headless browser for tests/test_html.py (installed when missing)
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; \
	else echo "chromium: no apt-get on this machine: tests/test_html.py skips its browser tests"; fi

## tests/js/node_modules: Mozilla's ical.js, the calendar client the .ics tests parse with
tests/js/node_modules: tests/js/package.json tests/js/package-lock.json
	npm install --prefix tests/js --no-audit --no-fund
	touch $@

evaluate: $(VENV)/.installed-dev
	$(PY) -m timeline.evaluate --thresholds seeds/thresholds.toml seeds/*.gold.jsonl
	$(PY) -m timeline.evaluate --quiet --thresholds tests/data/ud_vtb/thresholds.toml tests/data/ud_vtb/gold.jsonl
	$(PY) -m timeline.evaluate --quiet --thresholds tests/data/registers/thresholds.toml tests/data/registers/dev.jsonl
	$(PY) -m timeline.evaluate --quiet --thresholds tests/data/heldout2/thresholds.toml tests/data/heldout2/test.jsonl

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
