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
