import re
import sys

import numpy as np
import pytest

import nbnp.book
from nbnp.book import SVG_PAD, glue_number


@pytest.fixture
def glued(monkeypatch):
    import myst_nb

    calls = []
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display=True: calls.append((name, value, display)))
    return calls


def test_glues_a_python_float_rounded_to_ten_significant_digits(glued):
    glue_number("L", np.float64(0.10988232580631314))
    assert glued == [("L", 0.1098823258, False)]
    assert type(glued[0][1]) is float


def test_rounding_is_by_significant_digits_not_decimals(glued):
    glue_number("c", 0.0009210166430616655, digits=6)
    assert glued[0][1] == pytest.approx(0.000921017, rel=0, abs=1e-15)


def test_prints_instead_when_myst_nb_is_missing(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "myst_nb", None)
    glue_number("y_hat", 0.46879062662624377)
    assert capsys.readouterr().out == "y_hat = 0.4687906266\n"


def test_rejects_non_numbers():
    with pytest.raises((TypeError, ValueError)):
        nbnp.book.glue_number("x", "not a number")


def _graph():
    from nbnp.graphs import neuron_graph

    return neuron_graph(dict(x1=0.0, x2=0.0, w1=0.1, w2=0.6, z=0.0, y_hat=0.5, y=0.0, L=0.125)).figure


def test_svg_text_is_the_same_on_every_run_with_no_date_and_fixed_ids():
    first, second = nbnp.book.svg_text(_graph()), nbnp.book.svg_text(_graph())
    assert first == second
    assert "<dc:date>" not in first
    assert re.search(r'<path id="DejaVuSans-\w+"', first)  # glyphs as paths: the same on every machine
    assert 'id="graph-label-x1"' in first and 'id="graph-label-L"' in first


def test_svg_text_keeps_paths_and_fixed_ids_whatever_the_readers_settings():
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": None}):
        first, second = nbnp.book.svg_text(_graph()), nbnp.book.svg_text(_graph())
    assert first == second
    assert "<text" not in first and re.search(r'<path id="DejaVuSans-\w+"', first)


def test_svg_text_crops_to_the_drawing_with_the_books_margin():
    fig = _graph()
    tight = fig.get_tightbbox(fig.canvas.get_renderer())
    size = re.search(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"', nbnp.book.svg_text(fig))
    inches = np.array([float(size[1]), float(size[2])]) / 72
    np.testing.assert_allclose(inches, [tight.width + 2 * SVG_PAD, tight.height + 2 * SVG_PAD], atol=0.01)
    assert SVG_PAD != 0.1  # matplotlib's default margin, so a lost pad_inches shows


def test_svg_text_does_not_change_the_global_settings():
    import matplotlib

    before = dict(matplotlib.rcParams)
    nbnp.book.svg_text(_graph())
    assert dict(matplotlib.rcParams) == before


def test_show_svg_displays_the_svg_and_closes_the_figure(monkeypatch):
    import IPython.display
    import matplotlib.pyplot as plt

    shown = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    fig = _graph()
    nbnp.book.show_svg(fig)
    assert not plt.fignum_exists(fig.number)
    (svg,) = shown
    assert svg.data.startswith("<svg") and 'id="graph-label-z"' in svg.data


def test_show_svg_closes_its_own_figure_not_the_current_one(monkeypatch):
    import IPython.display
    import matplotlib.pyplot as plt

    monkeypatch.setattr(IPython.display, "display", lambda svg: None)
    fig = _graph()
    current = plt.figure()
    nbnp.book.show_svg(fig)
    assert not plt.fignum_exists(fig.number) and plt.fignum_exists(current.number)
    plt.close(current)


def test_show_svg_prints_the_svg_outside_ipython(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "IPython.display", None)
    nbnp.book.show_svg(_graph())
    out = capsys.readouterr().out
    assert out.startswith("<?xml") and 'id="graph-label-z"' in out
