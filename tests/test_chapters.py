"""Each chapter's MyST source and its committed, verified notebook agree cell by cell."""

from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml

from tools.verified_notebooks import (
    CHAPTERS,
    ROOT,
    cell_signature,
    chapter_sources,
    notebook_path,
    setup_cell,
    with_setup_cell,
)

SOURCES = chapter_sources()


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_there_are_chapters():
    assert "one_neuron.md" in [p.name for p in SOURCES]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_matches_its_source(source):
    notebook = notebook_path(source)
    assert notebook.exists(), f"{notebook.name} is missing: run `make notebooks`"
    actual = cell_signature(nbformat.read(notebook, as_version=4))
    assert actual[:1] == cell_signature(nbformat.v4.new_notebook(cells=[setup_cell()])), (
        f"{notebook.name} does not start with the current setup cell: run `make notebooks`"
    )
    expected = cell_signature(with_setup_cell(jupytext.read(source)))
    assert actual == expected, f"{notebook.name} is stale: run `make notebooks`"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_is_fully_executed_without_errors(source):
    notebook = nbformat.read(notebook_path(source), as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code), "some cells were never run"
    errors = [
        o
        for cell in code
        for o in cell.outputs
        if o.output_type == "error" and "raises-exception" not in cell.metadata.get("tags", [])
    ]
    assert not errors, f"cells raised: {[o.ename for o in errors]}"


def test_every_notebook_has_a_source():
    orphans = [p.name for p in CHAPTERS.glob("*.ipynb") if p.with_suffix(".md") not in SOURCES]
    assert not orphans, f"notebooks without a MyST source: {orphans}"


def test_every_chapter_is_in_the_table_of_contents():
    listed = {str(Path(f).with_suffix("")) for f in toc_files()}
    missing = [
        str(p.relative_to(ROOT).with_suffix(""))
        for p in SOURCES
        if str(p.relative_to(ROOT).with_suffix("")) not in listed
    ]
    assert not missing, f"chapters not in _toc.yml: {missing}"
