"""The book build's outputs are the verified notebooks' outputs: nbval's comparison, without a second run.

``make book`` executes every chapter once (``execute_notebooks: force``) and
keeps each executed notebook in ``_build/jupyter_execute/chapters/NAME.ipynb``,
its glued values in ``NAME.glue.json``. Compared cell by cell with the
committed ``chapters/NAME.ipynb`` by nbval's rules (every output field but
PNG/JPEG images, metadata and tracebacks, after the sanitising patterns of
``tests/sanitize.cfg``; cells tagged ``nbval-ignore-output`` skipped), this
is what ``pytest --nbval`` checks, without executing the chapters again: the
sources and notebooks agree cell by cell (``tests/test_chapters.py``), and the
committed notebook's first cell, the Colab setup cell, does nothing here.
``make test-matrix`` (in ``.ci/run``) still runs nbval itself, on the newest
and the oldest NumPy.
"""

import configparser
import json
import re
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

from _ext.exact_streams import merge_streams
from tests.built_pages import chapter_pages, parse
from tools.verified_notebooks import ROOT, chapter_sources, notebook_path

# nbval's `skip_compare` (nbval/plugin.py), images included as without --nbdime.
SKIPPED = {
    "metadata",
    "traceback",
    "prompt_number",
    "output_type",
    "name",
    "execution_count",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
}
IGNORED = "nbval-ignore-output"
GLUE_PREFIX = "application/papermill.record/"


def sanitizers(path=ROOT / "tests" / "sanitize.cfg"):
    parser = configparser.ConfigParser()
    parser.read(path)
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"]) for s in parser.sections()]


SANITIZERS = sanitizers()


def sanitize(value):
    if isinstance(value, list):
        value = "".join(value)
    if isinstance(value, str):
        for pattern, replacement in SANITIZERS:
            value = pattern.sub(replacement, value)
    return value


def is_glue(output):
    return "scrapbook" in output.get("metadata", {})


def flattened(outputs):
    """nbval's view of a cell's outputs: each field (MIME types flattened) -> its values, in order.

    A stream's text is keyed by its name, as nbval does.
    """
    fields = defaultdict(list)
    for output in outputs:
        if output.get("output_type") == "stream":
            output = {output["name"]: output["text"]}
        for key, value in output.items():
            if key == "data":
                for mime, data in value.items():
                    if mime not in SKIPPED:
                        fields[mime].append(sanitize(data))
            elif key not in SKIPPED:
                fields[key].append(sanitize(value))
    return dict(fields)


def committed_view(path):
    """``(cells, glue)`` of a committed notebook, its setup cell left out: each code cell's
    ``(source, tags, flattened outputs)``, and ``{name: data}`` of what its cells glued."""
    notebook = nbformat.read(path, as_version=4)
    cells, glue = [], {}
    for cell in [c for c in notebook.cells if c.cell_type == "code"][1:]:
        ignored = IGNORED in cell.metadata.get("tags", [])
        for output in filter(is_glue, cell.outputs):
            if ignored:
                continue
            name = output["metadata"]["scrapbook"]["name"]
            glue[name] = {mime.removeprefix(GLUE_PREFIX): data for mime, data in output["data"].items()}
        shown = [o for o in cell.outputs if not is_glue(o)]
        cells.append((cell.source, tuple(cell.metadata.get("tags", [])), flattened(merge_streams(shown))))
    return cells, glue


def built_view(executed, glue_file):
    """The same view of a notebook as the book build executed it (its glue kept in ``glue_file``)."""
    notebook = nbformat.read(executed, as_version=4)
    cells = [
        (c.source, tuple(c.metadata.get("tags", [])), flattened(merge_streams(c.outputs)))
        for c in notebook.cells
        if c.cell_type == "code"
    ]
    ignored_names = {
        name for c in notebook.cells if IGNORED in c.metadata.get("tags", []) for name in glued_names(c.source)
    }
    glue = {}
    if glue_file.exists():
        glue = {
            name: dict(output["data"])
            for name, output in json.loads(glue_file.read_text()).items()
            if name not in ignored_names
        }
    return cells, glue


def glued_names(source):
    """The names a cell glues (``glue_number("name", ...)`` or ``glue("name", ...)``)."""
    return re.findall(r"""\bglue(?:_number)?\(\s*["']([^"']+)["']""", source)


def differences(committed, built):
    """Human-readable differences between two views; empty when nbval would pass."""
    (cells_c, glue_c), (cells_b, glue_b) = committed, built
    if len(cells_c) != len(cells_b):
        return [f"{len(cells_c)} code cells in the committed notebook, {len(cells_b)} in the build"]
    found = []
    for index, ((source, tags, ref), (_, _, new)) in enumerate(zip(cells_c, cells_b, strict=True), start=1):
        if IGNORED in tags or ref == new:
            continue
        first_line = source.splitlines()[0] if source else ""
        found.append(f"code cell {index} ({first_line[:60]!r}): committed {ref!r:.300} != built {new!r:.300}")
    for name in sorted(set(glue_c) | set(glue_b)):
        if glue_c.get(name) != glue_b.get(name):
            found.append(f"glued {name!r}: committed {glue_c.get(name)!r} != built {glue_b.get(name)!r}")
    return found


@pytest.fixture(scope="module")
def executed(book_html):
    folder = book_html.parent / "jupyter_execute" / "chapters"
    if not folder.is_dir():
        pytest.fail(f"{folder} does not exist: run `make book` (it keeps each executed notebook there)")
    return folder


@pytest.mark.parametrize("source", chapter_sources(), ids=lambda p: p.stem)
def test_build_outputs_equal_the_verified_notebook(source, executed):
    built = built_view(executed / f"{source.stem}.ipynb", executed / f"{source.stem}.glue.json")
    found = differences(committed_view(notebook_path(source)), built)
    assert not found, (
        f"{source.name} printed something else in the book build than its verified notebook "
        "holds; regenerate it (`make notebooks`) and review the change:\n" + "\n".join(found)
    )


def test_a_changed_output_or_glued_value_is_found(executed):
    """Negative control: one printed digit or one glued value changed in a copy is reported."""
    source = Path(ROOT / "chapters" / "one_neuron.md")
    committed = committed_view(notebook_path(source))
    built = built_view(executed / "one_neuron.ipynb", executed / "one_neuron.glue.json")
    assert differences(committed, built) == []

    cells, glue = built
    index = next(i for i, (_, tags, out) in enumerate(cells) if "stdout" in out and IGNORED not in tags)
    src, tags, out = cells[index]
    stream = next(key for key in out if key in ("stdout", "stderr"))
    changed = dict(out, **{stream: [out[stream][0] + " "] + out[stream][1:]})
    assert differences(committed, (cells[:index] + [(src, tags, changed)] + cells[index + 1 :], glue))

    name = sorted(glue)[0]
    assert differences(committed, (cells, dict(glue, **{name: {"text/plain": "-1.0"}})))
    assert differences(committed, (cells[:-1], glue)), "a missing cell must be reported"


def test_nbval_ignore_output_cells_are_skipped_and_nothing_else():
    outputs = [nbformat.v4.new_output("stream", name="stdout", text="0.25 s\n")]
    committed = ([("t = time()", (IGNORED,), flattened(outputs))], {})
    other = [nbformat.v4.new_output("stream", name="stdout", text="0.31 s\n")]
    assert differences(committed, ([("t = time()", (IGNORED,), flattened(other))], {})) == []
    untagged = ([("t = time()", (), flattened(outputs))], {})
    assert differences(untagged, ([("t = time()", (), flattened(other))], {}))


def test_sanitising_and_skipped_fields_follow_nbval():
    a = flattened([nbformat.v4.new_output("display_data", data={"image/png": "AAAA", "text/plain": "<Figure>"})])
    b = flattened([nbformat.v4.new_output("display_data", data={"image/png": "BBBB", "text/plain": "<Figure>"})])
    assert a == b
    svg_a = flattened([nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg>1</svg>"})])
    svg_b = flattened([nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg>2</svg>"})])
    assert svg_a != svg_b
    path = flattened([nbformat.v4.new_output("stream", name="stderr", text="/tmp/ipykernel_12/345.py:1")])
    assert path == {"stderr": ["<kernel-cell>:1"]}


def test_streams_are_joined_exactly_as_printed():
    chunks = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in ("y_hat =", " [[0.5]]\n")]
    figure = nbformat.v4.new_output("display_data", data={"text/plain": "<Figure>"})
    assert flattened(merge_streams(chunks)) == {"stdout": ["y_hat = [[0.5]]\n"]}
    assert flattened(merge_streams([chunks[0], figure, chunks[1]]))["stdout"] == ["y_hat =", " [[0.5]]\n"]
    assert chunks[0]["text"] == "y_hat =", "the outputs passed in are not changed"
    assert glued_names('glue_number("L", L)\nglue("eps_value", 3)') == ["L", "eps_value"]


def shown_streams(notebook):
    """The stream texts a page shows, in order: from cells whose output is not removed."""
    hidden = {"remove-cell", "remove-output"}
    return [
        output["text"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        and not hidden & set(cell.metadata.get("tags", []))
        and IGNORED not in cell.metadata.get("tags", [])
        for output in cell.outputs
        if output.get("output_type") == "stream"
    ]


@pytest.mark.parametrize("name", [p.stem for p in chapter_sources()])
def test_pages_show_what_the_verified_notebooks_printed(name, book_html):
    """End to end: the text in each page's printed-output blocks is the notebook's, line breaks included."""
    page = parse(chapter_pages(book_html)[name])
    ignored = [
        block for cell in page.select("div.cell.tag_nbval-ignore-output") for block in cell.select("div.output.stream")
    ]
    shown = [block.get_text().rstrip("\n") for block in page.select("div.output.stream") if block not in ignored]
    notebook = nbformat.read(notebook_path(ROOT / "chapters" / f"{name}.md"), as_version=4)
    assert shown == [text.rstrip("\n") for text in shown_streams(notebook)]
