import sys

import numpy as np
import pytest

import nbnp.book
from nbnp.book import glue_number


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
