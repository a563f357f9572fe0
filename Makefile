# Two commands matter: `make serve` and `make test`. Both set up everything they need.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv check site serve test chromium clean

# The virtualenv, with every pinned dependency (constraints.txt pins the transitive ones too).
# Debian's python3 needs python3-venv for `-m venv`: installed here when it is missing.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv failed: installing Debian's python3-venv"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

# The clause checker: every source clause on its Swedish page, nothing else as policy text.
check: venv
	$(BIN)/python scripts/check_clauses.py

# Build into site/ (checked, strict, swapped into place only when it all succeeds).
site: venv
	$(BIN)/python scripts/build_site.py

# Serve on http://127.0.0.1:8000 (rebuilds on change).
serve: site
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

# Browser tests use Debian's chromium; Playwright never downloads a browser of its own.
chromium:
	@[ -x /usr/bin/chromium ] || { \
	  echo "installing Debian's chromium"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

test: venv chromium
	$(BIN)/python -m pytest

clean:
	rm -rf site .site.build-* .site.old $(VENV)
