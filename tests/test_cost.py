import numpy as np
import pytest

from nbnp import compute_cost
from nbnp.gradcheck import numerical_gradient


def test_cost_is_half_the_mean_squared_error():
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    Y_hat = np.array([[0.1, 0.7, 0.4, 0.0]])
    cost, _ = compute_cost(Y, Y_hat)
    np.testing.assert_allclose(cost, (0.01 + 0.09 + 0.36 + 0.0) / (2 * 4))
    assert isinstance(cost, float)


def test_single_example_cost_is_the_loss():
    cost, dY_hat = compute_cost(np.array([[0.0]]), np.array([[0.5]]))
    np.testing.assert_allclose(cost, 0.125)
    np.testing.assert_allclose(dY_hat, [[0.5]])


def test_derivative_matches_finite_differences(rng):
    Y = rng.integers(0, 2, size=(2, 5)).astype(float)
    Y_hat = rng.uniform(size=(2, 5))
    _, dY_hat = compute_cost(Y, Y_hat)
    numerical = numerical_gradient(lambda: compute_cost(Y, Y_hat)[0], Y_hat)
    np.testing.assert_allclose(dY_hat, numerical, rtol=1e-6, atol=1e-10)


def test_derivative_carries_one_over_m():
    Y = np.zeros((1, 8))
    Y_hat = np.ones((1, 8))
    np.testing.assert_allclose(compute_cost(Y, Y_hat)[1], np.full((1, 8), 1 / 8))


def test_shape_mismatch_names_both_shapes():
    with pytest.raises(
        ValueError,
        match=r"^Y and Y_hat must have the same shape \(outputs, examples\); "
        r"got Y \(1, 4\) and Y_hat \(4, 1\): did you pass Y_hat\.T\?$",
    ):
        compute_cost(np.zeros((1, 4)), np.zeros((4, 1)))


def test_one_dimensional_labels_raise():
    with pytest.raises(
        ValueError, match=r"Y must be 2-D with shape \(features, examples\); got 1-D array of shape \(4,\)"
    ):
        compute_cost(np.zeros(4), np.zeros((1, 4)))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_predictions_raise(bad):
    with pytest.raises(ValueError, match="Y_hat must contain only finite values; got 1 NaN or infinite"):
        compute_cost(np.zeros((1, 3)), np.array([[0.1, bad, 0.2]]))


def test_non_numeric_input_raises_type_error():
    with pytest.raises(TypeError, match="Y must be a 2-D numeric array; got dtype <U1"):
        compute_cost(np.array([["a"]]), np.zeros((1, 1)))


def test_transposed_labels_are_named_as_the_array_to_transpose():
    with pytest.raises(
        ValueError,
        match=r"^Y and Y_hat must have the same shape \(outputs, examples\); got Y \(4, 1\) "
        r"and Y_hat \(1, 4\): did you pass Y\.T\?$",
    ):
        compute_cost(np.zeros((4, 1)), np.zeros((1, 4)))
    with pytest.raises(
        ValueError,
        match=r"^Y and Y_hat must have the same shape \(outputs, examples\); got Y \(1, 3\) "
        r"and Y_hat \(1, 4\)$",
    ):
        compute_cost(np.zeros((1, 3)), np.zeros((1, 4)))


def test_an_empty_batch_has_no_cost():
    with pytest.raises(
        ValueError,
        match=r"^Y must hold at least one example; got shape \(1, 0\) \(an empty batch has "
        r"no cost to average\)$",
    ):
        compute_cost(np.zeros((1, 0)), np.zeros((1, 0)))


def test_complex_predictions_raise_instead_of_being_cast():
    with pytest.raises(TypeError, match=r"^Y_hat must hold real numbers; got dtype complex128"):
        compute_cost(np.zeros((1, 2)), np.zeros((1, 2)) + 0.5j)


def test_labels_outside_0_1_are_accepted_by_the_squared_error_itself():
    cost, _ = compute_cost([[255.0]], [[0.0]])
    np.testing.assert_allclose(cost, 255.0**2 / 2, rtol=1e-15)


def test_a_cost_that_needs_probabilities_checks_them_in_one_call():
    from nbnp.validation import UNIT_INTERVAL, check_cost_inputs

    Y, Y_hat = check_cost_inputs([[0, 1]], [[0.2, 0.9]], bounds=UNIT_INTERVAL)
    assert Y.dtype == Y_hat.dtype == np.float64
    with pytest.raises(ValueError, match=r"^Y_hat must hold values in \[0, 1\]; got values from 0\.2 to 1\.5$"):
        check_cost_inputs([[0, 1]], [[0.2, 1.5]], bounds=UNIT_INTERVAL)
    with pytest.raises(ValueError, match=r"^Y must hold values in \[0, 1\]; got values from -1 to 1$"):
        check_cost_inputs([[-1, 1]], [[0.2, 0.5]], bounds=UNIT_INTERVAL)


def test_a_cost_with_other_bounds_checks_those_bounds():
    from nbnp.validation import check_cost_inputs

    Y, Y_hat = check_cost_inputs([[-0.5, 0.5]], [[0.5, -1.0]], bounds=(-1, 1))
    np.testing.assert_array_equal(Y, [[-0.5, 0.5]])
    np.testing.assert_array_equal(Y_hat, [[0.5, -1.0]])
