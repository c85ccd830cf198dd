"""tools/reproducible.py: a regenerated notebook is compared with the committed one, timings aside."""

import nbformat

from tools.reproducible import compare


def notebook(path, timing, result, tagged=True):
    cells = [
        nbformat.v4.new_code_cell(
            "t = time()",
            metadata={"tags": ["nbval-ignore-output"] if tagged else []},
            outputs=[nbformat.v4.new_output("stream", name="stdout", text=timing)],
        ),
        nbformat.v4.new_code_cell("print(L)", outputs=[nbformat.v4.new_output("stream", name="stdout", text=result)]),
    ]
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index}"  # as the generator numbers them
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def test_identical_notebooks(tmp_path):
    assert compare(notebook(tmp_path / "a", "1 s", "0.125"), notebook(tmp_path / "b", "1 s", "0.125")) == "identical"


def test_only_a_tagged_timing_may_differ(tmp_path):
    status = compare(notebook(tmp_path / "a", "1 s", "0.125"), notebook(tmp_path / "b", "2 s", "0.125"))
    assert status == "identical but for the outputs of 1 cells tagged nbval-ignore-output"


def test_a_changed_result_or_untagged_timing_is_different(tmp_path):
    assert compare(notebook(tmp_path / "a", "1 s", "0.125"), notebook(tmp_path / "b", "1 s", "0.126")) == "DIFFERENT"
    untagged = [
        notebook(tmp_path / name, timing, "0.125", tagged=False) for name, timing in (("c", "1 s"), ("d", "2 s"))
    ]
    assert compare(*untagged) == "DIFFERENT"
