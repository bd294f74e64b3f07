# renja-pipeline: `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

LOCK   := requirements-lock.txt

.PHONY: setup run test test-fast lint bench clean lock

setup: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]" -c $(LOCK)
	@# Tesseract with its Indonesian data (scanned pages) and the tests' tools, from Debian's
	@# packages: installed when run as root, otherwise listed with the command that installs them.
	@.ci/system-packages || echo "note: system packages were not installed (see README, Setup)"
	touch $(STAMP)

run: setup
	$(VENV)/bin/renja run data/raw --out data/clean

# Over both cores; each test file stays on one worker, so its module fixtures run once. The
# longest files go first, in the order tests/conftest.py gives (not xdist's, by test count).
# (Not --dist loadgroup: with pytest 9.2 it no longer groups, pytest-xdist issue 1386.)
TEST := $(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder

test: setup
	$(TEST)

test-fast: setup  # the unit layer: no run through Prefect
	$(TEST) -m "not slow"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Options of bench/bench.py, e.g. make bench BENCH="--copies 64 --documents 64"
bench: setup
	$(PY) bench/bench.py $(BENCH)

clean:
	rm -rf data/clean/*.parquet data/clean/validation

# Pin the newest versions pyproject.toml allows: install them into a scratch venv, freeze it.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e ".[dev]"
	head -3 $(LOCK) > $(LOCK).new
	.venv-lock/bin/python -m pip freeze --exclude-editable >> $(LOCK).new
	mv $(LOCK).new $(LOCK)
	rm -rf .venv-lock
