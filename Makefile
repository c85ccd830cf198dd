# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make book   build the HTML book into _build/html, executing every chapter
#   make test   build the book strictly, then run the fast checks (about 2 minutes here)
#   make pdf    the PDF edition, _build/pdf/nothing-but-numpy.pdf
# .ci/run runs `make test test-matrix test-pdf`: test-matrix adds what is slower or repeats a run
# (nbval, the oldest NumPy, the Binder environment, regenerating every notebook).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
PYTEST := $(BIN)/python -m pytest
CHAPTER_SOURCES := $(shell grep -l 'format_name: myst' chapters/*.md)

.PHONY: book test book-then-checks nbnp-tests-while-building checks lint unit book-tests nbval browser chromium notebooks lock clean mutation test-matrix nbnp-tests \
	test-oldest test-slow reproducible bench pdf test-pdf poppler workflows

$(READY): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# A fresh, strict build: every chapter executed, every warning an error. tools/book.py is
# `jupyter-book` with the chapters read (executed) in parallel, one process per core.
book: $(READY)
	rm -rf _build/html _build/.doctrees _build/jupyter_execute
	$(BIN)/python -m tools.book build -W -n --keep-going .

# The book is built strictly, then the checks run side by side on two cores (they share nothing but
# the built book). nbnp's own tests need no book: they run while it builds, at the lowest priority,
# on the CPU time the build leaves idle (its start, its end, the gaps between chapters).
test: $(READY) chromium
	$(MAKE) --no-print-directory -j2 --output-sync=line book-then-checks nbnp-tests-while-building

# The sub-make shares the two job slots of `make test`'s -j2 (a second -j2 here would make make warn).
book-then-checks: book
	$(MAKE) --no-print-directory --output-sync=target checks

nbnp-tests-while-building: $(READY)
	nice -n 19 $(PYTEST) -q $(NBNP_TESTS)

checks: lint book-tests browser

# ruff (configured in pyproject.toml): the linter on every Python file and the verified notebooks'
# code, and the formatter's check on the Python files.
lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check --quiet .

# Every test that needs no browser, no PDF and is not slow: nbnp's tests (below) and the book's.
unit: nbnp-tests book-tests

# The book's tests: chapter/notebook pairing, the built pages (launch buttons, offline, accessibility,
# numbering, included source), the CI and deploy workflows (offline), the tools, and the build's
# outputs compared with every verified notebook.
book-tests: $(READY)
	$(PYTEST) -q -m "not browser and not slow and not pdf" $(addprefix --ignore=,$(NBNP_TESTS))

# The tests marked slow: a fresh environment made from binder/ alone runs every verified notebook
# (about a minute), every chapter runs with its exercise solutions made wrong, each of which
# must then fail its assert (the negative control of the solutions' checks), and screenshots of
# every page at both widths go to _build/screenshots/ (needs a built book).
test-slow: $(READY) chromium
	$(PYTEST) -q -m slow

# The PDF edition: the book built as one page, printed by headless Chromium (tools/pdf.py).
pdf: $(READY) chromium
	$(BIN)/python -m tools.pdf

# The PDF's tests (tests/test_pdf.py: text, outline, figures, margins), on a fresh `make pdf`.
test-pdf: pdf poppler
	$(PYTEST) -q -m pdf

# Debian's poppler-utils (pdftotext, pdfinfo, pdftoppm) for the PDF's tests.
poppler:
	command -v pdftotext >/dev/null || ($(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends poppler-utils)

# Both GitHub workflows against GitHub's workflow schema (offline; tests/test_workflows.py runs it too).
workflows: $(READY)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

# Re-execute every verified notebook and compare every output.
nbval: $(READY)
	$(PYTEST) -q --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg chapters/*.ipynb

# Every page of _build/html in headless Chromium, each loaded once and measured at both widths.
browser: $(READY) chromium
	$(PYTEST) -q -m "browser and not slow"

# Debian's Chromium (Playwright drives it; it cannot download its own browser here).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core)

# Regenerate the verified notebooks after editing a chapter or nbnp.
notebooks: $(READY)
	$(BIN)/python -m tools.verified_notebooks $(CHAPTER_SOURCES)

# The unit tests of nbnp alone (the files mirroring its modules, the blog's numbers,
# properties, figures): no notebook, built page or environment test.
NBNP_TESTS := nbnp $(wildcard $(patsubst nbnp/%.py,tests/test_%.py,$(wildcard nbnp/*.py))) \
	tests/test_blog_api.py tests/test_sequel_api.py tests/test_sequel_runs.py tests/test_reference_numbers.py tests/test_properties.py \
	tests/test_figures.py
OLDEST := .venv-oldest

# Mutation testing of nbnp (slow, not part of `make test`; one worker per core); prints the score.
mutation: $(READY)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python -m tools.mutation_score

# The oldest supported NumPy (tests/oldest-constraints.txt), everything else as pinned.
$(OLDEST)/.ready: requirements.txt pyproject.toml tests/oldest-constraints.txt
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	grep -v '^numpy==' requirements.txt > $(OLDEST)/requirements.txt
	$(OLDEST)/bin/python -m pip install --quiet -r $(OLDEST)/requirements.txt -c tests/oldest-constraints.txt
	$(OLDEST)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

# What .ci/run adds to `make test`: nbnp's unit tests and nbval on every chapter, with the newest and
# with the oldest NumPy (nbval compares every printed output with the committed notebooks, so both
# print the same); the Binder environment; every notebook regenerated and compared byte for byte.
test-matrix: nbnp-tests nbval test-oldest test-slow reproducible

nbnp-tests: $(READY)
	$(PYTEST) -q $(NBNP_TESTS)

test-oldest: $(OLDEST)/.ready
	$(OLDEST)/bin/python -c 'import numpy; print("NumPy", numpy.__version__, "in $(OLDEST)")'
	$(OLDEST)/bin/python -m pytest -q $(NBNP_TESTS)
	$(OLDEST)/bin/python -m pytest -q --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg chapters/*.ipynb

# Regenerate every verified notebook into a temporary folder; fail unless byte-identical to the
# committed one (so it is fresh, and generation is reproducible).
reproducible: $(READY)
	$(BIN)/python -m tools.reproducible

# Timings and nbnp-against-NumPy ratios, printed as a table (builds into /tmp/bench-build).
bench: $(READY)
	$(BIN)/python tools/bench.py

# Re-pin requirements.txt from the current environment.
lock: $(READY)
	(head -n 2 requirements.txt; $(BIN)/python -m pip freeze --exclude-editable) > requirements.txt.new
	mv requirements.txt.new requirements.txt

clean:
	rm -rf _build $(VENV) $(OLDEST) mutants
