# Two commands do all the set-up: `make build` then `make test`. Needs Python 3.11 and make.
#
# Every target runs in a virtual environment made from requirements.txt (exact pins, -e .). It is
# created when missing and made again from scratch when requirements.txt or pyproject.toml has
# changed since (the stamp file records when it was made), so it always holds exactly the pins.
#
# Variables: PYTHON (the interpreter that makes the venv), VENV (its folder), ARGS (extra options
# for `llmnews build`, e.g. ARGS="--only 03"), PYTEST_ARGS (extra options for pytest).

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.llmnews-requirements-installed
ARGS ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv build test test-fast lab clean clean-notebooks

help: ## list the targets
	@echo "make targets (Python 3.11 and make are all they need):"
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "make: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 1; }
	@test -n "$(VENV)" || { echo "make: VENV is empty" >&2; exit 1; }
	@echo "== $(VENV): a fresh virtual environment from requirements.txt ($(PYTHON))"
	rm -rf "$(VENV)"
	$(PYTHON) -m venv "$(VENV)"
	"$(PY)" -m pip install --quiet --disable-pip-version-check -r requirements.txt
	"$(PY)" -m pip check
	@touch "$(STAMP)"

venv: $(STAMP) ## create or update .venv only

build: $(STAMP) ## run every notebook: reports in build/reports/index.html, figures in figures/
	"$(PY)" -m llmnews build $(ARGS)

# pytest exits 5 when it collected no tests: this project always has tests, so say it is a failure.
define run_pytest
	@"$(PY)" -m pytest $(1) $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: treating as a failure" >&2; fi; \
	exit $$status
endef

test: $(STAMP) ## run every test, smoke builds included (about 7 minutes on 2 cores)
	$(call run_pytest,)

test-fast: $(STAMP) ## run the tests that start no kernel (about a minute)
	$(call run_pytest,-m "not slow")

lab: $(STAMP) ## start JupyterLab on the venv, from the project root
	"$(VENV)/bin/jupyter" lab

clean-notebooks: $(STAMP) ## clear notebook outputs, keeping the form JupyterLab saves
	"$(PY)" -m llmnews clear-outputs

clean: ## remove build products (build/) and Python caches; keeps .venv and figures/
	rm -rf build .pytest_cache
	find lib tests benchmarks -name __pycache__ -type d -prune -exec rm -rf {} +
