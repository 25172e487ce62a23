# `make run` and `make test` create .venv if it is missing, install the project into it
# (again only when pyproject.toml changes), then start the app or run the checks.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format eval bench bench-real install

install: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) app.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Three workers, each taking whole test files (module fixtures are built once per file): the
# suite waits on servers and browsers as much as it computes, and on two cores three workers
# kept both busy. Files are handed out in the order tests/conftest.py sorts them (browser
# files first, the many quick ones last); xdist's default would hand out the files with the
# most tests first, leaving a long browser file to finish alone.
test: lint
	$(PY) -m pytest -n 3 --dist loadfile --no-loadscope-reorder

eval: $(STAMP)
	$(PY) -m assistant.eval --split both --report

bench: $(STAMP)
	$(PY) -m assistant.bench --no-real

# The real-text part (LawRefBook beside the project): the whole corpus takes hours on two cores.
bench-real: $(STAMP)
	$(PY) -m assistant.bench --no-synthetic
