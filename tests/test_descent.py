import numpy as np
import pytest

from nbnp import descend


def test_descent_on_a_parabola_is_geometric():
    # L(p) = p^2 has gradient 2p, so each step multiplies p by (1 - 2 alpha).
    positions = descend(lambda p: 2 * p, start=3.0, learning_rate=0.1, steps=5)
    np.testing.assert_allclose(positions, 3.0 * 0.8 ** np.arange(6))


def test_too_large_a_step_diverges():
    positions = descend(lambda p: 2 * p, start=1.0, learning_rate=1.5, steps=4)
    np.testing.assert_allclose(np.abs(positions), 2.0 ** np.arange(5))


def test_steps_must_be_positive():
    with pytest.raises(ValueError, match="steps must be a positive integer; got 0"):
        descend(lambda p: p, 1.0, 0.1, 0)


def test_a_learning_rate_that_would_not_descend_is_named():
    with pytest.raises(ValueError, match="^learning_rate must be a finite number above 0; got -0.1$"):
        descend(lambda p: p, 1.0, -0.1, 3)


def test_descent_names_a_bad_start_gradient_or_function():
    with pytest.raises(TypeError, match="^start must be a number; got '1' of type str$"):
        descend(lambda p: 2 * p, "1", 0.1, 3)
    with pytest.raises(ValueError, match="^start must be a finite number; got nan$"):
        descend(lambda p: 2 * p, np.nan, 0.1, 3)
    with pytest.raises(TypeError, match="^gradient must be a function returning one number; got int$"):
        descend(2, 1.0, 0.1, 3)
    with pytest.raises(TypeError, match="^gradient\\(p\\) must return one number; got NoneType$"):
        descend(lambda p: None, 1.0, 0.1, 3)
    with pytest.raises(TypeError, match="^gradient\\(p\\) must return one number; got ndarray$"):
        descend(lambda p: np.array([1.0, 2.0]), 1.0, 0.1, 3)


def test_a_descent_that_leaves_the_floats_raises_at_that_step():
    with pytest.raises(
        FloatingPointError,
        match=r"^step 2 of the descent gives the gradient -4e\+200 and the position "
        r"inf: the descent diverged$",
    ):
        descend(lambda p: 2 * p, 1.0, 1e200, 5)
    with pytest.raises(FloatingPointError, match=r"^step 1 of the descent gives the gradient nan and the position nan"):
        descend(lambda p: float("nan"), 1.0, 0.1, 3)
    np.testing.assert_allclose(descend(lambda p: 2 * p, 1.0, 1e100, 1), [1.0, -2e100], rtol=1e-15)
