# Everything runs inside .venv/, created and filled on first use (a fresh machine needs only Python).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

NODE_STAMP := node_modules/.installed-stamp

.PHONY: build serve validate test bench lint messages browser tools runtimes clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)  ## build the whole site (seven languages) into site/
	$(BIN)/profilesite build

serve: $(STAMP)  ## preview with live reload (LOCALE=fr make serve for another language)
	$(BIN)/profilesite serve --locale $(or $(LOCALE),en)

validate: $(STAMP)  ## check every record in profiles/
	$(BIN)/profilesite validate profiles

browser:  ## Debian's Chromium and the fonts that Arabic and Chinese screenshots need
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk >/dev/null; \
	fi

# Quality checks (tests/quality/): axe-core and the Nu HTML Checker, pinned in package-lock.json. Node.js, npm
# and a Java runtime come from apt, each only if missing (a Node.js installed another way is kept).
# --ignore-scripts: vnu-jar's install script would download a Java build from outside the npm registry.
tools: $(NODE_STAMP)  ## Node.js, npm and Java when missing (apt), then axe-core and vnu-jar (npm ci)

runtimes:
	@missing=""; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(NODE_STAMP): package.json package-lock.json | runtimes
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

test: $(STAMP) browser tools  ## run every test (browser tests included)
	$(BIN)/ruff check scripts tests
	$(BIN)/pytest -n 2 -q

bench: $(STAMP)  ## time full builds: shipped data and a 10x synthetic set
	$(BIN)/profilesite bench

messages: $(STAMP)  ## extract UI strings and merge them into every catalog
	$(BIN)/pybabel extract -F babel.cfg -k _ --no-default-keywords -k gettext:2 -k ngettext:2,3 -k N_ \
	  --no-location --sort-output --project profilesite -o scripts/profilesite/i18n/messages.pot .
	$(BIN)/pybabel update -i scripts/profilesite/i18n/messages.pot -d scripts/profilesite/i18n/locale \
	  -D messages --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf build site
