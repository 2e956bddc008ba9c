# The two commands of the README: `make serve` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the one date a build may write (the sitemap's lastmod, feeds) is the
# last commit's, so two builds of a commit are byte-identical (reproducible-builds.org).
LAST_COMMIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(LAST_COMMIT_EPOCH),)
build serve generate: export SOURCE_DATE_EPOCH ?= $(LAST_COMMIT_EPOCH)
endif

.PHONY: install serve build test lint validate generate bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version)); run: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## Create .venv and install the project into it (the other targets do this themselves).
install: $(STAMP)

## Build the site and serve it at http://127.0.0.1:8000, rebuilding on every change.
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## Build the site into site/, failing on any warning.
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## Lint, validate the real events, and run the test suite.
test: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/timeline validate
	$(BIN)/pytest

validate: $(STAMP)
	$(BIN)/timeline validate

## Write the generated pages to generated/ (for builders that run no MkDocs plugins).
generate: $(STAMP)
	$(BIN)/timeline generate generated

## Measure validate and build against MkDocs' own floor (see README, "Performance").
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site generated .pytest_cache .ruff_cache .bench test-output
