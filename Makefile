# The two commands a newcomer needs: `make demo` and `make test`. Both build .venv on first use:
# the demo installs the library alone (a first look should not wait for Dask, pyarrow and mypy),
# the tests install the dev extras on top.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STAMP := $(VENV)/.installed-library
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# The regex release the shipped compiled patterns (src/vnnews_extract/data/patterns/) are for: with
# it a new process starts in under a second. The package itself accepts any recent regex.
REGEX := regex==2026.12.2

.PHONY: demo test install lint patterns clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)

$(DEMO_STAMP): pyproject.toml Makefile | $(BIN)/python
	$(PIP) -e . '$(REGEX)'
	touch $(DEMO_STAMP)

$(STAMP): pyproject.toml Makefile | $(BIN)/python
	$(PIP) -e '.[dev]' '$(REGEX)'
	touch $(STAMP) $(DEMO_STAMP)

install: $(STAMP)

demo: $(DEMO_STAMP)
	$(BIN)/vnnews-extract extract examples/seed_article.txt

lint: $(STAMP)
	$(BIN)/ruff check src tests bench examples
	$(BIN)/mypy src/vnnews_extract

test: lint
	$(BIN)/python -m pytest -q

# After a change to a lexicon or a pattern (tests/test_regex_cache.py says when), or to REGEX.
patterns: $(STAMP)
	$(BIN)/python -c 'from vnnews_extract import regex_cache; regex_cache.build_shipped()'

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
