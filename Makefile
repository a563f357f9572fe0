# Two commands matter: `make serve` and `make test`. Both set up everything they need.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
# One PDF cache for every build started here, test builds of project copies included (keys are content hashes).
export POLICY_PDF_CACHE ?= $(CURDIR)/.cache/pdf

.PHONY: venv check site serve test chromium pdf-deps intake-deps clean

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
	$(BIN)/python -m policykit check

# Build and check times against plain Material, page weight before any search and for the first
# search (in Debian's chromium) and site size (policykit/bench/benchmark.py);
# options through BENCH_ARGS, e.g. make bench BENCH_ARGS="--runs 3 --json".
.PHONY: bench
bench: venv pdf-deps chromium lighthouse
	$(BIN)/python -m policykit bench $(BENCH_ARGS)

# Lighthouse 12 from npm, pinned, into .cache/lighthouse/ (for make bench: policykit/bench/lighthouse.py);
# Node and npm from apt when missing. It runs Debian's chromium (CHROME_PATH), never a downloaded one.
LIGHTHOUSE_VERSION := 12.2.3
.PHONY: lighthouse
lighthouse:
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	@test -f .cache/lighthouse/node_modules/lighthouse/package.json \
	  && grep -q '"version": "$(LIGHTHOUSE_VERSION)"' .cache/lighthouse/node_modules/lighthouse/package.json \
	  || (mkdir -p .cache/lighthouse && cd .cache/lighthouse \
	      && PUPPETEER_SKIP_DOWNLOAD=1 npm i -E --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION))

# How build, check and what a reader fetches (the strategy page before any search, its first search,
# the largest page) grow with 10, 100 and 300 synthetic municipalities (policykit/bench/scale.py;
# about half an hour on 2 cores); e.g. make bench-scale SCALE_ARGS="--sizes 10 50".
.PHONY: bench-scale
bench-scale: venv pdf-deps chromium
	$(BIN)/python -m policykit bench-scale $(SCALE_ARGS)

# How right the intake and the word-repair proposals are on text they have never seen: word error
# rates, and for each real-looking document of tests/fixtures/documents/ its title, headings, words and
# time (policykit/bench/repair.py, bench/documents.py); --scan also times a 4-page scan.
.PHONY: bench-repair
bench-repair: venv pdf-deps intake-deps
	$(BIN)/python -m policykit bench-repair --scan $(REPAIR_ARGS)

# How right the comparison proposals are (python -m policykit propose-comparison): recall@3, precision@1
# and status on the labelled set (policykit/bench/compare_set/) and leave-one-out on the real sources, and
# the time to propose for one document and for the 300th municipality (policykit/bench/compare.py);
# e.g. make bench-compare COMPARE_ARGS="--only labelled --sweep".
.PHONY: bench-compare
bench-compare: venv
	$(BIN)/python -m policykit bench-compare $(COMPARE_ARGS)

# Build into site/ (checked, strict, swapped into place only when it all succeeds).
site: venv pdf-deps
	$(BIN)/python -m policykit build

# Serve on http://127.0.0.1:8000 (rebuilds on change). It shows the drafts too (documents no
# person has approved yet), each page marked "Utkast, inte granskat" and noindex; `make site`
# leaves them out (src/policykit/publish/drafts.py). `mkdocs serve --clean` shows only what is published.
serve: site
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

# Review draft documents in the browser beside their originals, and approve them (policykit/review/):
# a local app on http://127.0.0.1:8765/ only; REVIEW_ARGS="--port 0 --no-browser" for others.
.PHONY: review
review: venv intake-deps
	$(BIN)/python -m policykit review $(REVIEW_ARGS)

# Browser tests use Debian's chromium; Playwright never downloads a browser of its own.
chromium:
	@[ -x /usr/bin/chromium ] || { \
	  echo "installing Debian's chromium"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

# The documents' PDFs (overrides/hooks/pdfs.py): WeasyPrint needs Debian's pango, and the PDF
# stylesheet uses the Liberation fonts (embedded in the PDFs, never fetched). Installed when missing.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation
pdf-deps:
	@missing=$$(for p in $(PDF_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	[ -z "$$missing" ] || { \
	  echo "installing Debian's" $$missing "(for WeasyPrint's PDFs)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; }

# Reading municipalities' documents (src/policykit/intake): poppler's pdftotext/pdftoppm/pdfinfo,
# and tesseract with its Swedish model for scanned PDFs. Installed when missing.
INTAKE_DEBS := poppler-utils tesseract-ocr tesseract-ocr-swe
intake-deps:
	@missing=$$(for p in $(INTAKE_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	[ -z "$$missing" ] || { \
	  echo "installing Debian's" $$missing "(to read PDFs and scans)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; }

test: venv chromium pdf-deps intake-deps
	$(BIN)/python -m pytest

clean:
	rm -rf site .site.build-* .site.old $(VENV) .cache/pdf
