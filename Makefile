# Two commands matter: `make serve` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test test-fast test-mutants validate bench offline pdf precompress clean venv browser nginx nginx-brotli java poppler

# The venv is rebuilt whenever requirements.txt changes.
$(BIN)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
	  || { echo "Python 3.11 or newer is needed: sudo apt-get install python3 (or set PYTHON=/path/to/python3.11)"; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null \
	  || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv; \
	       else echo "Python's venv module is missing: run 'sudo apt-get install python3-venv', then retry."; exit 1; fi; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

venv: $(BIN)/.installed

# Chromium comes from Debian; Playwright's own browser download is never used.
browser:
	@test -x $(CHROMIUM) || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium', then retry."; exit 1; fi; }

# Java for the Nu HTML Checker (vnu), from Debian.
java:
	@command -v java >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	  else echo "Java is missing: run 'sudo apt-get install default-jre-headless', then retry."; exit 1; fi; }

# The Nu HTML Checker from npm (vnu-jar, pinned in validate/package-lock.json), reinstalled when that file changes.
VNU := validate/node_modules/vnu-jar/build/dist/vnu.jar
validate/node_modules/.installed: validate/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: run 'sudo apt-get install npm', then retry."; exit 1; }
	npm ci --prefix validate --no-audit --no-fund --loglevel=error
	@touch $@
# pdftoppm pictures the printed signs and cards in the tests (Debian's poppler-utils).
poppler:
	@command -v pdftoppm >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; \
	  else echo "pdftoppm is missing: run 'sudo apt-get install poppler-utils', then retry."; exit 1; fi; }

nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
	  else echo "nginx is missing: run 'sudo apt-get install nginx', then retry."; exit 1; fi; }

# Brotli for nginx (Debian's modules): `make bench` measures what a reader downloads from a
# deployment that follows README's Deploy section. The tests run without it (they skip Brotli).
BROTLI_MODULES = libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static
nginx-brotli: nginx
	@test -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROTLI_MODULES); \
	  else echo "nginx's Brotli modules are missing: run 'sudo apt-get install $(BROTLI_MODULES)', then retry."; exit 1; fi; }

# MkDocs' server rebuilds and reloads the page on a change in docs/, mkdocs.yml, overrides/ or
# hooks/data/. Python code is imported once per process (MkDocs caches the hook files), so Watchdog's
# watchmedo (installed with MkDocs) restarts the server when a .py file under hooks/ or deploy/
# changes; the page reloads when the new server is up. A first build that fails waits for a fix
# (hooks/serve.py); a server that stops for another reason (the port is taken) stays stopped.
DEV_ADDR ?= 127.0.0.1:8000
serve: venv
	$(BIN)/watchmedo auto-restart --directory hooks --directory deploy --pattern '**/*.py' --recursive \
	  --debounce-interval 0.5 --no-restart-on-command-exit --signal SIGINT -- \
	  $(BIN)/mkdocs serve --dev-addr $(DEV_ADDR) --watch overrides --watch hooks/data

# The strict build into site/, with every trainer's pack as a PDF beside its module: the packs
# that changed since dist/pdf was printed are printed again (Chromium), then the site is built
# again to link them with their sizes. Nothing changed: one build, no browser.
build: venv browser
	$(BIN)/python deploy/training-pdf.py --publish site --out dist/pdf

# No function in hooks/ above radon's rank C (cyclomatic complexity over 20): one that grows past it is split.
COMPLEXITY_CHECK = test -z "$$($(BIN)/radon cc -n D -s hooks)" || { $(BIN)/radon cc -n D -s hooks; echo "radon: split the functions above rank C (README, Lint)"; exit 1; }

# Everything, on both cores (pytest-xdist; one test file per worker, so a file's fixtures are built once).
# A test (its fixtures' setup included) that runs past TEST_TIMEOUT seconds fails, printing every
# thread's stack, and the run goes on: the slowest, axe on every page, takes about 270 s.
TEST_TIMEOUT = 900
test: venv browser nginx poppler java validate/node_modules/.installed
	$(BIN)/ruff check hooks deploy bench tests
	@$(COMPLEXITY_CHECK)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --timeout $(TEST_TIMEOUT) --durations 15 tests

# The Nu HTML Checker over the built site, every page in one run of Java: errors only. The ones
# left are Material's (README, "Validators"); tests/test_validators.py holds the site to that.
validate: build java validate/node_modules/.installed
	TEST_SITE_DIR=site $(BIN)/python -m pytest -q -p no:xdist tests/test_validators.py -k checker

# The edit loop: the content model, the renderers and the content-error cases (broken copies built
# over the one shared build); no browser, no server, no reading of every built page, no second
# whole build (tests/conftest.py marks them). `make test` runs them all. Test by test across the
# workers (--dist load): this subset has no module fixture that builds a site. Ruff first (about a
# second): an unused name or a closure over a loop variable (ruff.toml) stops the loop; so does a
# function in hooks/ above radon's rank C (too many branches for a newcomer to follow).
test-fast: venv
	$(BIN)/ruff check hooks deploy bench tests
	@$(COMPLEXITY_CHECK)
	$(BIN)/python -m pytest -q -n 2 -m "not browser and not whole_build and not built_site" --dist load --timeout $(TEST_TIMEOUT) tests

# Proof that the suite catches what it claims (issue 29): tests/mutants.py applies each of its
# deliberate defects to a fresh copy of HEAD and runs only the tests named to catch it. Not part
# of `make test` (CI's time limit); commit first: the copy is `git archive HEAD`.
test-mutants: venv browser poppler
	$(BIN)/python tests/mutants.py

# The built site as deploy/nginx.conf serves it best: each text file also compressed once at the
# strongest level, beside itself (deploy/precompress.py: F.br, F.gz).
precompress: build
	$(BIN)/python deploy/precompress.py site

# Every trainer's pack as an A4 PDF, the full one and the 45-minute one per module and language,
# in dist/pdf/ (printed by Debian's Chromium from a fresh build, only those that changed); later
# builds link them from the modules' pages.
pdf: venv browser
	$(BIN)/python deploy/training-pdf.py --out dist/pdf --changed-only

# The offline edition: dist/politica-trata-<version>.zip and its .sha256, read from files,
# with the packs' PDFs.
offline: pdf
	TRAINING_PDF_DIR=dist/pdf $(BIN)/python deploy/offline-edition.py --out dist --require-pdfs

# Issue #8's benchmark: our site against a stock Material build of the same pages, served by
# deploy/nginx.conf; writes bench/out/report.md and report.json. Lighthouse comes from npm, pinned
# in bench/package-lock.json, and is reinstalled whenever that file changes.
bench/node_modules/.installed: bench/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: run 'sudo apt-get install npm', then retry."; exit 1; }
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	@touch $@

bench: venv browser nginx-brotli bench/node_modules/.installed
	$(BIN)/python -m bench.run

clean:
	rm -rf site dist $(VENV)
