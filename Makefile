# Set-up and the two everyday commands. Everything the project needs is installed from here:
# Debian packages, the virtual environment, the Python packages and the spaCy model.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: WeasyPrint's Pango, bundled-looking fonts, pdftoppm (poppler-utils) for the
# samples' preview pictures made at render time (and pdftotext for the PDF checks), Chromium
# for the browser tests (never a browser downloaded by Playwright), wamerican's word list for
# the gazetteer's ordinary-word rule (nlp/training/gazetteer.py).
APT_RUNTIME := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
APT_TEST := $(APT_RUNTIME) chromium wamerican

.PHONY: install install-test demo test train lint clean

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_RUNTIME)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_TEST)"
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

# Installs only the Debian packages that are missing, so a second run installs nothing.
.PHONY: apt
apt:
	@missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

demo: install
	$(BIN)/rivalscope demo

test: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest -q

# Rebuilds the trained scorer (nlp/models/) from the train split of the labelled corpus in
# ../shared/eval/news (5-fold cross-validation by story, then the final fit; a few minutes),
# and the relevance classifier (nlp/models/relevance/) from the same train split and the
# general-news pages of ../shared/eval/article-extraction (under a minute).
train: install
	$(BIN)/python -m nlp.training.train
	$(BIN)/python -m nlp.training.relevance

clean:
	rm -rf $(VENV) instance out
