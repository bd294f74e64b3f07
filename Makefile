# renja-pipeline: `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@# Scanned pages need Tesseract and its Indonesian data (Debian: tesseract-ocr tesseract-ocr-ind).
	@tesseract --list-langs 2>/dev/null | grep -qx ind \
	  || echo "note: tesseract with 'ind' data is missing; scanned pages will be rejected" \
	     "(apt-get install tesseract-ocr tesseract-ocr-ind)"
	touch $(STAMP)

run: setup
	$(VENV)/bin/renja run data/raw --out data/clean

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: setup
	$(PY) bench/bench.py

clean:
	rm -rf data/clean/*.parquet data/clean/validation
