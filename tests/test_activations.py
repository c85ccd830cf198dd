import numpy as np

from nbnp import sigmoid, sigmoid_derivative
from nbnp.gradcheck import numerical_gradient


def test_sigmoid_values():
    np.testing.assert_allclose(sigmoid(np.array([0.0, np.log(3.0), -np.log(3.0)])), [0.5, 0.75, 0.25])


def test_sigmoid_saturates_without_warning_or_nan():
    out = sigmoid(np.array([-1000.0, 1000.0]))
    np.testing.assert_allclose(out, [0.0, 1.0])


def test_sigmoid_is_symmetric(rng):
    z = rng.normal(size=50) * 5
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), rtol=1e-12, atol=1e-15)


def test_sigmoid_derivative_matches_finite_differences(rng):
    z = rng.normal(size=(3, 4)) * 3
    # sigma acts elementwise, so the gradient of sum(sigma(z)) is sigma'(z) entry by entry.
    numerical = numerical_gradient(lambda: float(np.sum(sigmoid(z))), z)
    np.testing.assert_allclose(sigmoid_derivative(z), numerical, rtol=1e-6, atol=1e-9)


def test_sigmoid_derivative_is_evaluated_at_the_input_not_the_output():
    z = 2.0
    assert not np.isclose(sigmoid_derivative(sigmoid(z)), sigmoid_derivative(z))
    np.testing.assert_allclose(sigmoid_derivative(z), sigmoid(z) * (1 - sigmoid(z)))


def test_sigmoid_of_booleans_and_unsigned_integers_uses_their_numeric_values():
    """-z on a bool array raises and on unsigned integers wraps around: sigma must convert to float first."""
    np.testing.assert_allclose(sigmoid(np.array([True, False])), [1 / (1 + np.exp(-1.0)), 0.5])
    np.testing.assert_allclose(sigmoid(np.array([1, 3], dtype=np.uint8)), 1 / (1 + np.exp(-np.array([1.0, 3.0]))))


def test_sigmoid_refuses_what_is_not_a_finite_real_number():
    import pytest

    with pytest.raises(TypeError, match="^z must be a number or an array of numbers; got str$"):
        sigmoid("1")
    with pytest.raises(ValueError, match="^z must contain only finite values; got 1 NaN or infinite entries$"):
        sigmoid(np.array([0.0, np.nan]))
    with pytest.raises(TypeError, match=r"^z must hold real numbers; got dtype complex128"):
        sigmoid_derivative(1j)
    np.testing.assert_allclose(sigmoid([0, True]), [0.5, sigmoid(1.0)], rtol=0, atol=0)
