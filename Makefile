# `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip's log goes to a file and is shown only when the install fails.
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing Vital Few and its dependencies into $(VENV) (log: $(VENV)/install.log)"
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/install.log 2>&1 && \
	  $(BIN)/python -m pip install -e '.[test]' >> $(VENV)/install.log 2>&1 || \
	  { cat $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/vitalfew run

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# Speed and scale targets: each script prints its figure last and exits non-zero on a miss.
BENCHES := $(sort $(wildcard bench/bench_*.py))
bench: $(STAMP)
	@status=0; for b in $(BENCHES); do echo "== $$b"; $(BIN)/python $$b || status=1; done; exit $$status

# Slow reliability runs (kill -9 loops and the like), not part of `make test`.
soak: $(STAMP)
	$(BIN)/python -m pytest -m soak tests/soak

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
