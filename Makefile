# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make book   build the HTML book into _build/html, executing every chapter
#   make test   build the book strictly, then run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
PYTEST := $(BIN)/python -m pytest
CHAPTER_SOURCES := $(shell grep -l 'format_name: myst' chapters/*.md)

.PHONY: book test unit nbval notebooks lock clean

$(READY): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# A fresh, strict build: every chapter executed, every warning an error.
book: $(READY)
	rm -rf _build/html _build/.doctrees _build/jupyter_execute
	$(BIN)/jupyter-book build -W -n --keep-going .

test: book unit nbval

# Unit tests, doctests, reference numbers, chapter/notebook pairing, built pages.
unit: $(READY)
	$(PYTEST) -q

# Re-execute every verified notebook and compare every output.
nbval: $(READY)
	$(PYTEST) -q --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg chapters/*.ipynb

# Regenerate the verified notebooks after editing a chapter or nbnp.
notebooks: $(READY)
	$(BIN)/python -m tests.verified_notebooks $(CHAPTER_SOURCES)

# Re-pin requirements.txt from the current environment.
lock: $(READY)
	(head -n 2 requirements.txt; $(BIN)/python -m pip freeze --exclude-editable) > requirements.txt.new
	mv requirements.txt.new requirements.txt

clean:
	rm -rf _build $(VENV)
