"""The notebook generator's setup cell: installs nbnp where it is missing (Colab), nothing elsewhere."""

import sys

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement

from tools.verified_notebooks import merge_streams, nbnp_requirement, repository, setup_cell, with_setup_cell


def run_setup_cell(nbnp_importable, monkeypatch):
    """Run the setup cell as IPython would; return the magics it called."""
    calls = []

    class FakeShell:
        def run_line_magic(self, name, line):
            calls.append((name, line))

    if not nbnp_importable:
        monkeypatch.setitem(sys.modules, "nbnp", None)  # makes `import nbnp` raise ImportError
    code = TransformerManager().transform_cell(setup_cell().source)
    exec(compile(code, "<setup-cell>", "exec"), {"get_ipython": FakeShell})
    return calls


def test_setup_cell_installs_nbnp_from_the_configured_repository_when_it_is_missing(monkeypatch):
    url, branch = repository()
    assert run_setup_cell(False, monkeypatch) == [("pip", f'install --quiet "nbnp @ git+{url}@{branch}"')]


def test_setup_cell_does_nothing_where_nbnp_is_importable(monkeypatch):
    assert run_setup_cell(True, monkeypatch) == []


def test_the_requirement_is_a_valid_direct_reference_to_the_repository():
    requirement = Requirement(nbnp_requirement())
    url, branch = repository()
    assert requirement.name == "nbnp"
    assert requirement.url == f"git+{url}@{branch}"
    assert url.startswith("https://github.com/"), "Colab and pip need a public https URL"


def test_setup_cell_is_hidden_from_books_and_prepended_once():
    cell = setup_cell()
    assert cell.cell_type == "code" and cell.metadata["tags"] == ["remove-cell"]
    notebook = with_setup_cell(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title")]))
    assert [c.cell_type for c in notebook.cells] == ["code", "markdown"]
    assert notebook.cells[0].source == cell.source


@pytest.mark.parametrize("url", ["https://github.com/someone/fork", "https://github.com/someone/fork/"])
def test_a_fork_changes_the_url_in_one_place(url, monkeypatch, tmp_path):
    import tools.verified_notebooks as generator

    (tmp_path / "_config.yml").write_text(f"repository:\n  url: {url}\n  branch: dev\n")
    monkeypatch.setattr(generator, "ROOT", tmp_path)
    assert generator.nbnp_requirement() == "nbnp @ git+https://github.com/someone/fork@dev"
    assert "git+https://github.com/someone/fork@dev" in generator.setup_cell().source


def test_consecutive_outputs_of_one_stream_are_merged_whatever_the_chunking():
    out = nbformat.v4.new_output
    chunked = [
        out("stream", name="stdout", text="a\n"),
        out("stream", name="stdout", text="b\n"),
        out("stream", name="stderr", text="w\n"),
        out("execute_result", data={"text/plain": "1"}),
        out("stream", name="stdout", text="c\n"),
        out("stream", name="stdout", text="d\n"),
    ]
    whole = [
        out("stream", name="stdout", text="a\nb\n"),
        out("stream", name="stderr", text="w\n"),
        out("execute_result", data={"text/plain": "1"}),
        out("stream", name="stdout", text="c\nd\n"),
    ]
    assert merge_streams(chunked) == whole
    assert merge_streams(whole) == whole
