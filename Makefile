# `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
# CI runs `make test` twice: with the newest versions pyproject.toml allows (the default),
# and with `VENV=.venv-lowest CONSTRAINTS=ci/lowest.txt`, the lowest ones.
VENV ?= .venv
CONSTRAINTS ?=
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck imports requirements bench soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip's log goes to a file and is shown only when the install fails.
$(STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	@echo "Installing Vital Few and its dependencies into $(VENV)$(if $(CONSTRAINTS), with $(CONSTRAINTS)) (log: $(VENV)/install.log)"
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/install.log 2>&1 && \
	  $(BIN)/python -m pip install $(if $(CONSTRAINTS),-c $(CONSTRAINTS)) -e '.[test]' \
	    >> $(VENV)/install.log 2>&1 || \
	  { cat $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/vitalfew run

# ruff, mypy, the import contracts, then the whole suite. Every check runs even when an
# earlier one fails, and the target fails if any did (pytest's "no tests ran" included).
test: $(STAMP)
	@failed=""; \
	echo "== ruff"; $(BIN)/ruff check . || failed="$$failed ruff"; \
	echo "== mypy"; $(MYPY) || failed="$$failed mypy"; \
	echo "== import contracts"; $(LINT_IMPORTS) || failed="$$failed lint-imports"; \
	echo "== pytest"; $(BIN)/python -m pytest || failed="$$failed pytest"; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed"; exit 1; fi; \
	echo "make test: ruff, mypy, import contracts and pytest passed"

MYPY = $(BIN)/mypy --cache-dir $(VENV)/mypy_cache
LINT_IMPORTS = $(BIN)/lint-imports --cache-dir $(VENV)/import_linter_cache

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(MYPY)

imports: $(STAMP)
	$(LINT_IMPORTS)

# requirements.txt, for platforms that build from the Procfile: pyproject.toml's dependencies
# pinned to the newest versions they allow (what CI's newest pass installs). Run it after
# changing the dependencies; tests/test_requirements.py fails while the file is stale.
requirements: $(STAMP)
	$(BIN)/pip-compile --quiet --upgrade --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file=requirements.txt pyproject.toml

# Speed and scale targets: each script prints its figure last and exits non-zero on a miss.
BENCHES := $(sort $(wildcard bench/bench_*.py))
bench: $(STAMP)
	@status=0; for b in $(BENCHES); do echo "== $$b"; $(BIN)/python $$b || status=1; done; exit $$status

# Slow reliability runs (kill -9 loops and the like), not part of `make test`.
soak: $(STAMP)
	$(BIN)/python -m pytest -m soak tests/soak

clean:
	rm -rf .venv .venv-lowest .pytest_cache .mypy_cache .import_linter_cache build *.egg-info
