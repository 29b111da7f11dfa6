# The two commands: `make run` and `make test`. Both build .venv from requirements.lock first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.niggle-installed

.PHONY: run test lint typecheck imports pytest bench lock clean browser-deps

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "niggle needs Python 3.11 or newer; '$(PYTHON) --version' says $$($(PYTHON) --version)." >&2; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || \
	  { echo "Python's venv module is missing. On Debian or Ubuntu run 'apt-get install python3-venv', then 'make' again." >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

run: $(STAMP)
	$(BIN)/niggle start

test: lint typecheck imports pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -q

# The browser tests (tests/browser) drive Debian's Chromium; nothing is downloaded. Without
# /usr/bin/chromium they skip. As root this installs it; otherwise it prints the command.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then \
	  echo "Chromium is installed (/usr/bin/chromium): the browser tests will run."; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "No apt-get here: install Chromium at /usr/bin/chromium to run the browser tests (they skip without it)."; \
	elif [ "$$(id -u)" = 0 ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium || \
	  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }; \
	else \
	  echo "The browser tests need Debian's Chromium. Run: sudo apt-get install -y chromium (they skip without it)."; \
	fi

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Re-resolve the lock from pyproject.toml's lower bounds into a scratch venv.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	{ echo "# Locked dependencies for niggle (runtime + dev), Python 3.11, Linux x86_64."; \
	  echo "# Regenerate with 'make lock' after changing pyproject.toml; 'make run' and 'make test' install exactly these."; \
	  .venv-lock/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
