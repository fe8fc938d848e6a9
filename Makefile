# Two commands for a fresh clone (python3 >= 3.11 and make):
#   make run    install into .venv and open the app on the bundled demo blog
#   make test   install into .venv and run the whole test suite (lint, types, layers included)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_STORE ?= .demo/store

.PHONY: run test install bench screenshots clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("reeltui needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

run: install
	@mkdir -p $(dir $(DEMO_STORE))
	$(BIN)/reeltui --store $(DEMO_STORE)

test: install
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m benchmarks

screenshots: install
	$(BIN)/python -m tools.screenshots

clean:
	rm -rf $(VENV) .demo .mypy_cache .ruff_cache
