# Everything runs inside .venv/, created and filled on first use (a fresh machine needs only Python).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

NODE_STAMP := node_modules/.installed-stamp

# Every Python package of the build and the tests (and pip and setuptools themselves), pinned with hashes for
# Python 3.11 on Linux. `make lock` regenerates it from pyproject.toml and requirements/installer.txt.
LOCK := requirements/lock.txt
LOCK_INPUTS := pyproject.toml requirements/installer.txt
LOCK_VENV := .venv-lock
PIP_TOOLS := pip-tools==7.6.2

.PHONY: build serve validate test bench lint messages browser tools runtimes clean lock

# Only what the lock names, each file checked against its hash: first the locked pip and setuptools (their
# entries of the lock), then everything, then this project itself. Whatever is built from source (jieba, this
# project) is built by the locked setuptools: build isolation would fetch an unpinned one.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	awk '/^[^ #]/ { keep = /^(pip|setuptools)==/ } keep' $(LOCK) > $(VENV)/installer-lock.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(VENV)/installer-lock.txt
	$(BIN)/pip install --quiet --require-hashes --no-build-isolation -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# pip-tools in a venv of its own; the lock keeps its pins unless pyproject.toml asks for others
# (`make lock LOCK_FLAGS=--upgrade` takes the newest versions). Hashes are the public index's: pip
# configuration that adds local indexes or wheel folders is left out.
lock:  ## regenerate requirements/lock.txt (pinned, with hashes) from pyproject.toml
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet $(PIP_TOOLS)
	env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	  CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes \
	  --allow-unsafe --extra test --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_FLAGS) \
	  --output-file $(LOCK) $(LOCK_INPUTS)

build: $(STAMP)  ## build the whole site (seven languages) into site/
	$(BIN)/profilesite build

serve: $(STAMP)  ## preview with live reload (LOCALE=fr make serve for another language)
	$(BIN)/profilesite serve --locale $(or $(LOCALE),en)

validate: $(STAMP)  ## check every record in profiles/
	$(BIN)/profilesite validate profiles

# apt waits up to 10 minutes for a lock that another apt process holds, instead of failing at once:
# DPkg::Lock::Timeout for install; update takes the package lists' lock, which that option does not cover
# (apt 2.6), so update is tried again every 10 seconds, for up to 10 minutes, while that lock is held.
APT_UPDATE = for attempt in $$(seq 60); do \
	  if output=$$($$SUDO env LC_ALL=C apt-get -o DPkg::Lock::Timeout=600 update -qq 2>&1); then \
	    [ -z "$$output" ] || printf '%s\n' "$$output"; break; \
	  fi; \
	  if [ "$$attempt" = 60 ] || ! printf '%s\n' "$$output" | grep -q 'Could not get lock'; then \
	    printf '%s\n' "$$output" >&2; exit 1; \
	  fi; \
	  echo "another apt process holds the package lists' lock; trying again in 10 s"; sleep 10; \
	done

# Each package on its own: a machine with Chromium already (GitHub's Ubuntu runners) still gets the fonts.
# where the browser tests look for it (tests/conftest.py)
CHROMIUM := /usr/bin/chromium
FONT_PACKAGES := fonts-noto-core fonts-noto-cjk
browser:  ## Debian's Chromium and the fonts that Arabic and Chinese screenshots need
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="chromium"; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for package in $(FONT_PACKAGES); do \
	    [ "$$(dpkg-query -W -f='$${db:Status-Status}' $$package 2>/dev/null)" = installed ] \
	      || missing="$$missing $$package"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "make browser: installing$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $(APT_UPDATE); \
	  $$SUDO env LC_ALL=C apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing >/dev/null; \
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
	  $(APT_UPDATE); \
	  $$SUDO env LC_ALL=C apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing >/dev/null; \
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
