# accord — two commands do everything: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
EXAMPLE := examples/elmira.yaml
OUT    := out

.PHONY: demo test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(STAMP)

demo: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/accord check $(EXAMPLE)
	$(BIN)/accord analyze $(EXAMPLE)
	$(BIN)/accord explain $(EXAMPLE) 1 --dm "Local Government" --concept gmr
	$(BIN)/accord analyze $(EXAMPLE) --format json -o $(OUT)/elmira-results.json
	$(BIN)/accord convert $(EXAMPLE) $(OUT)/elmira.gmcr
	$(BIN)/accord check $(OUT)/elmira.gmcr

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(DEVSTAMP)
	$(BIN)/mypy src

pytest: $(DEVSTAMP)
	$(BIN)/pytest

test: lint typecheck pytest

# Timings of `accord analyze` on random models (slow; not part of `make test`).
# Extra arguments: make bench BENCH_ARGS="--quick" (see benchmarks/README.md).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(OUT) .mypy_cache .pytest_cache .ruff_cache .hypothesis
