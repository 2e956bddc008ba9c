# The two commands of the README: `make serve` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# Every install comes from uv.lock; uv never fetches a Python of its own. Packages are
# compiled to bytecode as they are installed, as pip does: every command starts faster.
export UV_PYTHON_DOWNLOADS := never
export UV_COMPILE_BYTECODE := 1
# Builds are reproducible by themselves: the plugin dates the site by the last commit (or
# SOURCE_DATE_EPOCH when set), never by the day it runs.

.PHONY: help install lock upgrade serve build test checks lint fmt validate generate bench clean

# Without a target, make would only create an empty .venv (the first rule below); the list of
# targets is more use to someone who has just cloned the repository.
.DEFAULT_GOAL := help
MAKEFILE := $(lastword $(MAKEFILE_LIST))

## List the targets and what each one does.
help:
	@awk '/^## / { text = text (text ? " " : "") substr($$0, 4); next } \
	  /^[A-Za-z][A-Za-z0-9_-]*:/ && text { sub(/:.*/, ""); name[++n] = $$0; about[n] = text; \
	    if (length($$0) > width) width = length($$0) } \
	  { text = "" } \
	  END { for (i = 1; i <= n; i++) printf "%-" width "s  %s\n", name[i], about[i] }' $(MAKEFILE)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version)); run: make PYTHON=python3.11 ..."; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null \
	  || { echo "$(PYTHON) cannot create virtual environments; on Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The installer first: the exact uv that uv.lock pins, every file checked against its hash.
$(UV): uv.lock scripts/uv_requirement.py | $(BIN)/python
	$(BIN)/python scripts/uv_requirement.py uv.lock > $(VENV)/uv-requirement.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(VENV)/uv-requirement.txt
	@touch $(UV)

# Then everything else, exactly as locked (--locked: refuse a lock older than pyproject.toml).
$(STAMP): uv.lock pyproject.toml $(UV)
	@$(UV) sync --locked --extra site --extra test --quiet \
	  || { echo "(if uv.lock is out of date: run make lock, then commit it with pyproject.toml)"; exit 1; }
	@touch $(STAMP)

## Create .venv and install the project into it from uv.lock (the other targets do this themselves).
install: $(STAMP)

## Refresh uv.lock after a change to the dependencies in pyproject.toml (commit both together).
lock: $(UV)
	$(UV) lock

## Move every locked package to the newest version pyproject.toml allows, then install them.
upgrade: $(UV)
	$(UV) lock --upgrade
	$(MAKE) install

## Build the site and serve it at http://127.0.0.1:8000, rebuilding on every change.
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## Build the site into site/, failing on any warning.
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## Lint, validate the real events and check their layout, and run the test suite.
test: $(STAMP)
	@$(MAKE) --no-print-directory checks

# .ci/bounds runs these in environments resolved other than by the lock, so this target
# installs nothing itself.
## The checks of `make test`, with whatever .venv already holds (VENV=DIR for another).
checks:
	$(BIN)/ruff check scripts tests
	$(BIN)/timeline validate
	$(BIN)/timeline fmt --check
	$(BIN)/pytest

## Lint the code (ruff) and check the layout of the events and registries.
lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/timeline fmt --check

## Rewrite the events and registries in the canonical layout (content and comments are kept).
fmt: $(STAMP)
	$(BIN)/timeline fmt

## Validate the real events and the registries.
validate: $(STAMP)
	$(BIN)/timeline validate

## Write the generated pages to generated/ (for builders that run no MkDocs plugins).
generate: $(STAMP)
	$(BIN)/timeline generate generated

## Measure validate and build against MkDocs' own floor (see README, "Performance").
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Everything a target, the tests or .ci/ writes; all of it is in .gitignore, none of it tracked.
## Remove everything the targets create: .venv, the built site, caches and test output.
clean:
	rm -rf $(VENV) .venv-bounds site generated build .pytest_cache .ruff_cache .bench \
	  test-output .hypothesis scripts/*.egg-info
	find scripts tests -name __pycache__ -type d -prune -exec rm -rf {} +
