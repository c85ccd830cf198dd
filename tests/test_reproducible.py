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


def png(pixels):
    """A base64 PNG of the RGB array ``pixels``."""
    import base64
    import io

    import numpy as np
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.asarray(pixels, dtype=np.uint8)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def figure_notebook(path, image, result="0.125", tags=()):
    cell = nbformat.v4.new_code_cell(
        "plot()",
        metadata={"tags": list(tags)},
        outputs=[
            nbformat.v4.new_output("stream", name="stdout", text=result),
            nbformat.v4.new_output("display_data", data={"image/png": image, "text/plain": "<Figure>"}),
        ],
    )
    cell["id"] = "cell-0"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    return path


def test_a_figure_may_differ_by_rendering_noise_but_not_by_a_change(tmp_path):
    import numpy as np

    base = np.full((200, 300, 3), 255)
    base[100:, :, :] = 30  # a boundary across the figure
    noise, moved, resized = base.copy(), base.copy(), base[:, :299]
    noise[100, 150] = 31  # one pixel one level off: a contour rounded on another CPU
    moved[90:100, :, :] = 30  # the boundary moved by ten pixels
    committed = figure_notebook(tmp_path / "a", png(base))
    assert compare(committed, figure_notebook(tmp_path / "b", png(base))) == "identical"
    assert compare(committed, figure_notebook(tmp_path / "c", png(noise))).startswith(
        "identical but for the outputs of 0 cells tagged nbval-ignore-output and the rendering noise of 1 PNG"
    )
    assert compare(committed, figure_notebook(tmp_path / "d", png(moved))) == "DIFFERENT"
    assert compare(committed, figure_notebook(tmp_path / "e", png(resized))) == "DIFFERENT"
    # the allowance covers pixels only: a printed number beside the figure must still match
    assert compare(committed, figure_notebook(tmp_path / "f", png(noise), result="0.126")) == "DIFFERENT"


def test_a_chaotic_run_s_figure_may_differ_but_not_its_size_or_its_printed_numbers(tmp_path):
    import numpy as np

    rng = np.random.default_rng(0)
    first, second = (rng.integers(0, 256, (50, 80, 3)) for _ in range(2))
    committed = figure_notebook(tmp_path / "a", png(first), tags=["chaotic-figure"])
    assert compare(committed, figure_notebook(tmp_path / "b", png(second), tags=["chaotic-figure"])).startswith(
        "identical but"
    )
    assert compare(committed, figure_notebook(tmp_path / "c", png(second[:, :79]), tags=["chaotic-figure"])) == (
        "DIFFERENT"
    )
    assert compare(committed, figure_notebook(tmp_path / "d", png(first), "0.126", ["chaotic-figure"])) == "DIFFERENT"
    # untagged, the same two figures are different
    assert compare(figure_notebook(tmp_path / "e", png(first)), figure_notebook(tmp_path / "f", png(second))) == (
        "DIFFERENT"
    )
