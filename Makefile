# `make run` and `make test` each build .venv/ from nothing when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install-check bench lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefbot run

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory install-check

# A plain install (no extras) in a fresh venv must summarize an HTML page and migrate its database.
install-check:
	PYTHON=$(PYTHON) bash .ci/install-check

bench: $(STAMP)
	$(BIN)/python bench/collect.py
	$(BIN)/python bench/summaries.py
	$(BIN)/python bench/quotes_ggt.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/qa.py
	$(BIN)/python bench/ask.py
	$(BIN)/python bench/fanout.py
	$(BIN)/python bench/hardening.py

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check briefs bot config tests bench

clean:
	rm -rf $(VENV) var .pytest_cache
