# accord — two commands do everything: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
FLAGSHIP := examples/ukraine-peace-talks-2026.yaml
FOCUS  := 198
OUT    := out

.PHONY: demo serve test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(STAMP)

# The flagship end to end: check, analyse, explain, ask what would change, write the report.
demo: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/accord check $(FLAGSHIP)
	$(BIN)/accord analyze $(FLAGSHIP) --where "freeze_line & ceasefire & -referendum & -znpp_oversight & -us_guarantee & -long_term & -econ_zone"
	$(BIN)/accord explain $(FLAGSHIP) $(FOCUS) --dm Russia --concept seq
	$(BIN)/accord leverage $(FLAGSHIP) --target $(FOCUS) --vary Ukraine,Russia,US,Europe,Electorate
	$(BIN)/accord evidence $(FLAGSHIP) --format markdown -o $(OUT)/ukraine-evidence.md
	$(BIN)/accord analyze $(FLAGSHIP) --format json -o $(OUT)/ukraine-results.json
	$(BIN)/accord convert $(FLAGSHIP) $(OUT)/ukraine-peace-talks-2026.gmcr
	$(BIN)/accord report $(FLAGSHIP) -o $(OUT)/ukraine-report.md
	$(BIN)/accord report $(FLAGSHIP) -o $(OUT)/ukraine-report.html
	@echo "The report: $(OUT)/ukraine-report.html (open it in a browser) and $(OUT)/ukraine-report.md"

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
# The web app on http://127.0.0.1:8000/ (a workspace in your data directory; Ctrl-C stops).
serve: $(STAMP)
	$(BIN)/accord serve

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(OUT) .mypy_cache .pytest_cache .ruff_cache .hypothesis
