# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: demo test lint typecheck pytest evaluate bench clean

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
	$(PY) -m timeline extract seeds/ --references seeds/ --format table --ics seeds.ics --json seeds.json

## test: lint, strict typing, the test suite and the seed evaluation
test: lint typecheck pytest evaluate

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check timeline tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(PY) -m mypy --strict timeline

pytest: $(VENV)/.installed-dev tests/js/node_modules
	$(PY) -m pytest

## tests/js/node_modules: Mozilla's ical.js, the calendar client the .ics tests parse with
tests/js/node_modules: tests/js/package.json tests/js/package-lock.json
	npm install --prefix tests/js --no-audit --no-fund
	touch $@

evaluate: $(VENV)/.installed-dev
	$(PY) -m timeline.evaluate --thresholds seeds/thresholds.toml seeds/*.gold.jsonl

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
