import math

import numpy as np
import pytest

from nbnp import (
    check_gradients,
    compute_bce_cost,
    compute_cost,
    compute_keras_like_bce_cost,
    compute_mse_cost,
    compute_stable_bce_cost,
    sigmoid,
)
from nbnp.cross_entropy import EPSILON

Y = np.array([[1.0, 0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0, 0.0]])
P = np.array([[0.9, 0.2, 0.35, 0.6, 0.999], [0.01, 0.5, 0.7, 0.45, 0.3]])
Z = np.array([[2.5, -1.0, 0.3, 4.0, -0.7], [-3.0, 0.0, 1.2, -2.2, 5.5]])


def loss_by_hand(y, p):
    """One example's negative log-likelihood, written with math.log, branch by label."""
    return -math.log(p) if y == 1 else -math.log(1 - p)


def cost_by_hand(Y, P):
    return sum(loss_by_hand(y, p) for y, p in zip(Y.ravel(), P.ravel(), strict=True)) / Y.shape[1]


# --- the naive form ---------------------------------------------------------------------------


def test_bce_cost_is_the_mean_negative_log_likelihood():
    cost, _ = compute_bce_cost(Y, P)
    assert isinstance(cost, float)
    np.testing.assert_allclose(cost, cost_by_hand(Y, P), rtol=1e-14)


def test_bce_single_examples_are_minus_log_of_the_right_probability():
    np.testing.assert_allclose(compute_bce_cost([[1.0]], [[0.25]])[0], -math.log(0.25), rtol=1e-15)
    np.testing.assert_allclose(compute_bce_cost([[0.0]], [[0.25]])[0], -math.log(0.75), rtol=1e-15)


def test_bce_gradient_is_written_out():
    _, dP = compute_bce_cost(Y, P)
    np.testing.assert_allclose(dP, np.where(Y == 1, -1 / P, 1 / (1 - P)) / Y.shape[1], rtol=1e-14)


def test_bce_gradient_passes_the_gradient_check():
    P_hat = P.copy()
    errors = check_gradients(
        lambda: compute_bce_cost(Y, P_hat)[0], {"P_hat": P_hat}, {"P_hat": compute_bce_cost(Y, P_hat)[1]}
    )
    assert errors["P_hat"] < 1e-7


@pytest.mark.parametrize(
    "wrong",
    [
        lambda dP: dP * Y.shape[1],  # the 1/m forgotten
        lambda dP: np.where(Y == 1, dP, 0.0),  # the (1 - Y) term dropped
        lambda dP: -dP,  # the sign flipped
    ],
)
def test_bce_gradient_check_fails_for_a_wrong_gradient(wrong):
    P_hat = P.copy()
    with pytest.raises(AssertionError, match="gradient check failed"):
        check_gradients(
            lambda: compute_bce_cost(Y, P_hat)[0], {"P_hat": P_hat}, {"P_hat": wrong(compute_bce_cost(Y, P_hat)[1])}
        )


@pytest.mark.parametrize("y, p", [(1.0, 0.0), (0.0, 1.0), (0.0, 0.0), (1.0, 1.0), (1.0, 5e-324)])
def test_bce_log_of_zero_raises_naming_the_stable_cost(y, p):
    # Wrong and certain (log 0 = -inf), right and certain (0 * log 0 and 0 / 0 are NaN), or so
    # close to 0 that 1 / P_hat overflows: each would be inf or NaN, so each raises.
    with pytest.raises(
        ValueError,
        match=r"^compute_bce_cost cannot take log\(0\): P_hat is 0 or 1 .* at 1 "
        r"entries, e.g. P_hat\[0, 1\] = .*use compute_stable_bce_cost\(Y, Z\) "
        r".*compute_keras_like_bce_cost\(Y, P_hat\), which clips P_hat to "
        r"\[1e-07, 1 - 1e-07\]$",
    ):
        compute_bce_cost([[1.0, y]], [[0.5, p]])


def test_bce_of_a_sigmoid_that_rounds_to_one_raises():
    with pytest.raises(ValueError, match="compute_stable_bce_cost"):
        compute_bce_cost([[0.0]], sigmoid(np.array([[40.0]])))


# --- the stable form --------------------------------------------------------------------------


def test_stable_cost_equals_the_naive_cost_of_the_sigmoid():
    cost, _ = compute_stable_bce_cost(Y, Z)
    assert isinstance(cost, float)
    np.testing.assert_allclose(cost, cost_by_hand(Y, sigmoid(Z)), rtol=1e-13)


def test_stable_cost_each_term():
    # For Z >= 0 the loss is Z - Z Y + log(1 + e^-Z); for Z < 0 it is -Z Y + log(1 + e^Z).
    for y, z, expected in [
        (0.0, 2.0, 2.0 + math.log1p(math.exp(-2.0))),
        (1.0, 2.0, math.log1p(math.exp(-2.0))),
        (1.0, -3.0, 3.0 + math.log1p(math.exp(-3.0))),
        (0.0, -3.0, math.log1p(math.exp(-3.0))),
    ]:
        np.testing.assert_allclose(compute_stable_bce_cost([[y]], [[z]])[0], expected, rtol=1e-15)


def test_stable_cost_is_finite_and_exact_where_the_naive_form_fails():
    cost, dZ = compute_stable_bce_cost([[0.0, 1.0, 1.0, 0.0]], [[800.0, -800.0, 800.0, -800.0]])
    np.testing.assert_allclose(cost, (800.0 + 800.0) / 4, rtol=1e-15)
    np.testing.assert_allclose(dZ, [[0.25, -0.25, 0.0, 0.0]], atol=1e-300)


def test_stable_gradient_is_p_hat_minus_y_over_m():
    _, dZ = compute_stable_bce_cost(Y, Z)
    np.testing.assert_allclose(dZ, (sigmoid(Z) - Y) / Y.shape[1], rtol=1e-14)


def test_stable_gradient_passes_the_gradient_check():
    Z_ = Z.copy()
    check_gradients(lambda: compute_stable_bce_cost(Y, Z_)[0], {"Z": Z_}, {"Z": compute_stable_bce_cost(Y, Z_)[1]})


def test_stable_gradient_equals_the_chain_through_the_sigmoid():
    # dC/dZ = dC/dP_hat * sigma'(Z): the naive gradient times the sigmoid's slope.
    P_hat = sigmoid(Z)
    _, dP = compute_bce_cost(Y, P_hat)
    np.testing.assert_allclose(compute_stable_bce_cost(Y, Z)[1], dP * P_hat * (1 - P_hat), rtol=1e-12)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda Z_: sigmoid(Z_) - Y,  # the 1/m forgotten
        lambda Z_: (sigmoid(Z_) - Y) * sigmoid(Z_) * (1 - sigmoid(Z_)) / Y.shape[1],  # sigma' applied twice
        lambda Z_: (Y - sigmoid(Z_)) / Y.shape[1],  # the sign flipped
    ],
)
def test_stable_gradient_check_fails_for_a_wrong_gradient(wrong):
    Z_ = Z.copy()
    with pytest.raises(AssertionError, match="gradient check failed"):
        check_gradients(lambda: compute_stable_bce_cost(Y, Z_)[0], {"Z": Z_}, {"Z": wrong(Z_)})


# --- the Keras-like form ----------------------------------------------------------------------


def test_keras_like_cost_equals_the_naive_cost_inside_the_clip_range():
    cost, dZ = compute_keras_like_bce_cost(Y, P)
    np.testing.assert_allclose(cost, compute_bce_cost(Y, P)[0], rtol=1e-12)
    np.testing.assert_allclose(dZ, (P - Y) / Y.shape[1], rtol=1e-9, atol=1e-15)


def test_keras_like_gradient_passes_the_gradient_check_with_respect_to_z():
    Z_ = Z.copy()
    check_gradients(
        lambda: compute_keras_like_bce_cost(Y, sigmoid(Z_))[0],
        {"Z": Z_},
        {"Z": compute_keras_like_bce_cost(Y, sigmoid(Z_))[1]},
    )


def test_keras_like_gradient_check_fails_for_the_gradient_with_respect_to_p_hat():
    # A negative control: dC/dP_hat is not dC/dZ.
    Z_ = Z.copy()
    with pytest.raises(AssertionError, match="gradient check failed"):
        check_gradients(
            lambda: compute_keras_like_bce_cost(Y, sigmoid(Z_))[0],
            {"Z": Z_},
            {"Z": compute_bce_cost(Y, sigmoid(Z_))[1]},
        )


def test_keras_like_clips_to_epsilon_and_one_minus_epsilon():
    assert EPSILON == 1e-7
    labels = np.array([[1.0, 0.0, 0.0, 1.0]])
    certain = np.array([[0.0, 1.0, 0.0, 1.0]])
    cost, dZ = compute_keras_like_bce_cost(labels, certain)
    clipped = np.array([[1e-7, 1 - 1e-7, 1e-7, 1 - 1e-7]])
    np.testing.assert_allclose(cost, compute_bce_cost(labels, clipped)[0], rtol=1e-7)
    np.testing.assert_allclose(cost, (2 * -math.log(1e-7) + 2 * -math.log(1 - 1e-7)) / 4, rtol=1e-7)
    np.testing.assert_allclose(dZ, (clipped - labels) / 4, rtol=1e-7, atol=1e-15)


def test_keras_like_cost_is_flat_beyond_the_clip_bounds_and_not_inside():
    labels = np.array([[1.0]])
    at_bound = compute_keras_like_bce_cost(labels, [[1e-7]])[0]
    assert compute_keras_like_bce_cost(labels, [[0.0]])[0] == at_bound
    assert compute_keras_like_bce_cost(labels, [[0.5e-7]])[0] == at_bound
    np.testing.assert_allclose(compute_keras_like_bce_cost(labels, [[2e-7]])[0], -math.log(2e-7), rtol=1e-8)
    top = compute_keras_like_bce_cost([[0.0]], [[1 - 1e-7]])[0]
    assert compute_keras_like_bce_cost([[0.0]], [[1.0]])[0] == top
    np.testing.assert_allclose(compute_keras_like_bce_cost([[0.0]], [[1 - 2e-7]])[0], -math.log(2e-7), rtol=1e-8)


def test_keras_like_from_logits_is_the_stable_cost():
    cost, dZ = compute_keras_like_bce_cost(Y, Z, from_logits=True)
    expected_cost, expected_dZ = compute_stable_bce_cost(Y, Z)
    assert cost == expected_cost
    np.testing.assert_array_equal(dZ, expected_dZ)


@pytest.mark.parametrize("flag", [1, "yes", None])
def test_keras_like_from_logits_must_be_a_bool(flag):
    with pytest.raises(
        TypeError, match=f"^from_logits must be True or False; got {flag!r} of type {type(flag).__name__}$"
    ):
        compute_keras_like_bce_cost(Y, P, from_logits=flag)


# --- validation shared by the three -----------------------------------------------------------


@pytest.mark.parametrize(
    "cost, second", [(compute_bce_cost, P), (compute_stable_bce_cost, Z), (compute_keras_like_bce_cost, P)]
)
def test_labels_must_be_zero_or_one(cost, second):
    labels = Y.copy()
    labels[1, 2] = 2.0
    with pytest.raises(
        ValueError,
        match=r"^Y must contain only the labels 0 and 1; got 1 other values, "
        r"e.g. Y\[1, 2\] = 2\.0 \(binarise the classes first",
    ):
        cost(labels, second)


@pytest.mark.parametrize("cost", [compute_bce_cost, compute_keras_like_bce_cost])
@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_probabilities_must_be_in_zero_one(cost, bad):
    P_hat = P.copy()
    P_hat[0, 3] = bad
    with pytest.raises(
        ValueError,
        match=r"^P_hat must contain probabilities in \[0, 1\]; got 1 entries outside, "
        rf"e.g. P_hat\[0, 3\] = {bad} \(pass the last sigmoid's output A, or pass "
        r"the last linear layer's Z to compute_stable_bce_cost\)$",
    ):
        cost(Y, P_hat)


@pytest.mark.parametrize(
    "cost, name", [(compute_bce_cost, "P_hat"), (compute_stable_bce_cost, "Z"), (compute_keras_like_bce_cost, "P_hat")]
)
def test_shapes_must_match(cost, name):
    with pytest.raises(
        ValueError, match=rf"^{name} must have shape \(2, 5\); got shape \(5, 2\): did you pass {name}.T\?$"
    ):
        cost(Y, P.T)


def test_labels_must_be_two_dimensional():
    with pytest.raises(ValueError, match=r"^Y must be 2-D with shape \(features, examples\)"):
        compute_stable_bce_cost(np.zeros(3), np.zeros((1, 3)))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_logits_must_be_finite(bad):
    with pytest.raises(ValueError, match="^Z must contain only finite values; got 1 NaN or infinite"):
        compute_stable_bce_cost([[0.0, 1.0]], [[0.0, bad]])


def test_integer_labels_and_inputs_are_accepted():
    # The sequel's labels are ints ((Y == 2).astype('int')).
    cost, dZ = compute_stable_bce_cost(np.array([[0, 1]]), np.array([[0, 0]]))
    np.testing.assert_allclose(cost, math.log(2), rtol=1e-15)
    np.testing.assert_allclose(dZ, [[0.25, -0.25]])


# --- what train needs to know -----------------------------------------------------------------


@pytest.mark.parametrize(
    "cost, takes, grad_wrt",
    [
        (compute_cost, "output", "output"),
        (compute_bce_cost, "output", "output"),
        (compute_stable_bce_cost, "logits", "logits"),
        (compute_keras_like_bce_cost, "output", "logits"),
    ],
)
def test_each_cost_says_what_it_takes_and_differentiates(cost, takes, grad_wrt):
    assert (cost.takes, cost.grad_wrt) == (takes, grad_wrt)


def test_mse_cost_is_the_squared_error_cost():
    assert compute_mse_cost is compute_cost
    cost, dY_hat = compute_mse_cost(Y=np.array([[0.0, 1.0]]), Y_hat=np.array([[0.5, 0.5]]))
    np.testing.assert_allclose(cost, 0.125)
    np.testing.assert_allclose(dY_hat, [[0.25, -0.25]])
