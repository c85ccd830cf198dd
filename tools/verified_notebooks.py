"""Generate each chapter's verified notebook from its MyST source.

``chapters/NAME.md`` is the source a person edits; ``chapters/NAME.ipynb`` is
the same notebook executed, committed beside it, and re-executed by nbval in
``make test``, which fails if any printed output changes.

Every notebook starts with one cell that is not in the source, the *setup
cell* (``setup_cell``): where ``nbnp`` cannot be imported (Colab), it installs
the package from the repository named in ``_config.yml``; everywhere else
(Binder, a local clone, nbval) it does nothing. It is tagged ``remove-cell``,
so a book rendering the notebook would not show it.

Run ``python -m tools.verified_notebooks chapters/*.md`` (``make notebooks``).
With ``--output-dir DIR`` first, the notebooks are written into DIR instead.
The output is deterministic: cells get ids from their position and execution
timestamps are dropped, so regenerating unchanged code gives identical bytes.
"""

import sys
from pathlib import Path

import jupytext
import nbformat
import yaml
from nbclient import NotebookClient

from _ext.exact_streams import merge_streams

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"

SETUP_SOURCE = """\
# Setup for Colab (or any Python without the book's package): install nbnp from
# the book's repository when it cannot be imported. Elsewhere this does nothing.
try:
    import nbnp
except ImportError:
    %pip install --quiet "{requirement}"
    import importlib
    importlib.invalidate_caches()"""


def chapter_sources():
    """Return the chapters' MyST notebook sources (the ``.md`` files with a jupytext header)."""
    return sorted(p for p in CHAPTERS.glob("*.md") if "format_name: myst" in p.read_text())


def notebook_path(source):
    return source.with_suffix(".ipynb")


def repository():
    """Return ``(url, branch)`` of the book's repository, from ``repository`` in ``_config.yml``."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    return config["url"].rstrip("/"), config.get("branch", "main")


def nbnp_requirement():
    """The pip requirement that installs ``nbnp`` from the repository's branch (PEP 508 direct reference)."""
    url, branch = repository()
    return f"nbnp @ git+{url}@{branch}"


def setup_cell():
    """The code cell every verified notebook starts with (see the module docstring)."""
    return nbformat.v4.new_code_cell(
        SETUP_SOURCE.format(requirement=nbnp_requirement()), metadata={"tags": ["remove-cell"]}
    )


def with_setup_cell(notebook):
    """Insert ``setup_cell()`` before the first cell of ``notebook``; return the notebook."""
    notebook.cells.insert(0, setup_cell())
    return notebook


def cell_signature(notebook):
    """What must agree between a source and its notebook: each cell's type, source and tags."""
    return [(cell.cell_type, cell.source, tuple(cell.metadata.get("tags", []))) for cell in notebook.cells]


def normalise(notebook):
    """Make ``notebook`` byte-stable: positional cell ids, no timestamps, each stream's text in one output."""
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    notebook.metadata.pop("widgets", None)
    return notebook


def generate(source, output_dir=None):
    """Execute ``source`` (a ``.md`` path) and write its ``.ipynb`` beside it, or into ``output_dir``.

    The notebook runs in the source's folder either way, so ``output_dir``
    changes only where the file is written (``make reproducible`` uses it).
    """
    notebook = with_setup_cell(jupytext.read(source))
    NotebookClient(
        notebook, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(source.parent)}}
    ).execute()
    normalise(notebook)
    nbformat.validate(notebook)
    path = notebook_path(source) if output_dir is None else Path(output_dir) / notebook_path(source).name
    jupytext.write(notebook, path, fmt="ipynb")
    return path


def main(argv):
    output_dir = None
    if argv[:1] == ["--output-dir"]:
        output_dir, argv = Path(argv[1]).resolve(), argv[2:]
        output_dir.mkdir(parents=True, exist_ok=True)
    sources = [Path(a).resolve() for a in argv] or chapter_sources()
    for source in sources:
        path = generate(source, output_dir)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"executing {source.relative_to(ROOT)} -> {shown}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
