"""_ext/glue_math.py and _ext/equation_numbers_in_code.py: glued numbers in math, equation numbers in code."""

import sys

import pytest

from tools.verified_notebooks import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import equation_numbers_in_code  # noqa: E402
import glue_math  # noqa: E402


def test_glue_math_fills_every_placeholder_with_its_formatted_value():
    values = {"w1": "-0.0483", "w2": "-0.0391", "n": "5000"}.get
    assert glue_math.fill(r"W = (\glue{w1:.3f}, \glue{w2:.3f})", values) == "W = (-0.048, -0.039)"
    assert glue_math.fill(r"\frac{1}{2} n = \glue{n}", values) == r"\frac{1}{2} n = 5000"


def test_glue_math_leaves_tex_braces_alone_and_names_a_missing_key():
    with pytest.raises(KeyError):
        glue_math.fill(r"\glue{missing}", {}.__getitem__)
    assert glue_math.fill(r"\hat{y}_{1}", {}.__getitem__) == r"\hat{y}_{1}"


def test_code_comments_get_the_equation_numbers():
    numbers = {"eq-loss": "1.3", "eq-dL-dyhat": "1.4"}.get
    text, unknown = equation_numbers_in_code.replace_labels(
        "dL = y_hat - y   # eq. (eq-dL-dyhat), from eq. (eq-loss)", numbers
    )
    assert text == "dL = y_hat - y   # eq. (1.4), from eq. (1.3)" and unknown == []


def test_an_unknown_equation_label_is_kept_and_reported():
    text, unknown = equation_numbers_in_code.replace_labels("x = 1  # eq. (eq-nowhere)", {}.get)
    assert text == "x = 1  # eq. (eq-nowhere)" and unknown == ["eq-nowhere"]
