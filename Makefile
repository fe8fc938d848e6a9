# Two commands for a fresh clone (python3 >= 3.11 and make):
#   make run    install into .venv and open the app on the bundled demo blog
#   make test   install into .venv and run the whole test suite (lint, types, layers included)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_STORE ?= .demo/store

.PHONY: run test fuzz install bench screenshots clean
# The suite runs in parallel (pytest-xdist; -n auto: 1.5 workers per core, tests/conftest.py);
# the real-WordPress tests share one server on one worker, and tests sharing a module fixture
# (the built wheel, a generated store) one worker (--dist loadgroup); -rs prints skip reasons.
PYTEST := $(BIN)/python -m pytest -q -p no:cacheprovider -rs -n auto --dist loadgroup

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
	$(PYTEST) $(PYTEST_ARGS)

# The property tests' full campaigns (make test runs a quarter of each: tests/fuzzing.py).
fuzz: install
	REELTUI_FUZZ=1 $(PYTEST) tests/fuzz tests/unit $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m benchmarks

screenshots: install
	$(BIN)/python -m tools.screenshots

clean:
	rm -rf $(VENV) .demo .mypy_cache .ruff_cache
