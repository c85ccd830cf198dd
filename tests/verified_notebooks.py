"""Generate each chapter's verified notebook from its MyST source.

``chapters/NAME.md`` is the source a person edits; ``chapters/NAME.ipynb`` is
the same notebook executed, committed beside it, and re-executed by nbval in
``make test``, which fails if any printed output changes.

Run ``python -m tests.verified_notebooks chapters/*.md`` (``make notebooks``).
The output is deterministic: cells get ids from their position and execution
timestamps are dropped, so regenerating unchanged code gives identical bytes.
"""

import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"


def chapter_sources():
    """Return the chapters' MyST notebook sources (the ``.md`` files with a jupytext header)."""
    return sorted(p for p in CHAPTERS.glob("*.md") if "format_name: myst" in p.read_text())


def notebook_path(source):
    return source.with_suffix(".ipynb")


def cell_signature(notebook):
    """What must agree between a source and its notebook: each cell's type, source and tags."""
    return [(cell.cell_type, cell.source, tuple(cell.metadata.get("tags", []))) for cell in notebook.cells]


def normalise(notebook):
    """Make ``notebook`` byte-stable: positional cell ids, no timestamps."""
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    return notebook


def generate(source):
    """Execute ``source`` (a ``.md`` path) and write its ``.ipynb`` beside it."""
    notebook = jupytext.read(source)
    NotebookClient(notebook, kernel_name="python3", timeout=600,
                   resources={"metadata": {"path": str(source.parent)}}).execute()
    normalise(notebook)
    nbformat.validate(notebook)
    jupytext.write(notebook, notebook_path(source), fmt="ipynb")
    return notebook_path(source)


def main(argv):
    sources = [Path(a).resolve() for a in argv] or chapter_sources()
    for source in sources:
        print(f"executing {source.relative_to(ROOT)} -> {generate(source).relative_to(ROOT)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
