"""Tests of nbnp.curvature: the gradient as one vector and the Hessian of the cost."""

import numpy as np
import pytest

import nbnp
from nbnp.curvature import hessian, parameter_gradient
from nbnp.validation import checking


def linear_model(seed=0, m=5):
    """One linear layer 3 -> 1 costed by squared error: C = 1/(2m) sum (W x + b - y)^2, a quadratic."""
    rng = np.random.default_rng(seed)
    X, Y = rng.standard_normal((3, m)), rng.standard_normal((1, m))
    return [nbnp.LinearLayer(X.shape, 1, "xavier", rng=rng)], X, Y


def xor_network(seed=48):
    X, Y = nbnp.xor_gate()
    rng = np.random.RandomState(seed)
    layers = [
        nbnp.LinearLayer(X.shape, 3, "xavier", rng=rng),
        nbnp.SigmoidLayer((3, 4)),
        nbnp.LinearLayer((3, 4), 1, "xavier", rng=rng),
        nbnp.SigmoidLayer((1, 4)),
    ]
    return layers, X, Y


def test_the_gradient_vector_is_every_dW_then_db_layer_by_layer_row_by_row():
    layers, X, Y = xor_network()
    g = parameter_gradient(layers, X, Y)
    W1, b1, W2, b2 = layers[0].dW, layers[0].db, layers[2].dW, layers[2].db
    assert g.shape == (13,)
    np.testing.assert_array_equal(g, np.concatenate([W1.ravel(), b1.ravel(), W2.ravel(), b2.ravel()]))
    np.testing.assert_array_equal(g[:2], W1[0])  # W1's first row comes first
    assert layers[0].dA_prev is None  # nothing is computed for the data, as in train


def test_the_gradient_vector_matches_finite_differences_of_the_cost():
    layers, X, Y = xor_network()
    stable = nbnp.compute_stable_bce_cost
    g = parameter_gradient(layers, X, Y, stable)

    def cost():
        return nbnp.cost_and_gradient(layers, X, Y, stable)[0]

    numeric = [nbnp.numerical_gradient(cost, layer.params[name]).ravel() for layer in layers[::2] for name in "Wb"]
    np.testing.assert_allclose(g, np.concatenate(numeric), rtol=1e-6, atol=1e-10)


def test_the_hessian_of_a_quadratic_cost_is_its_exact_second_derivative():
    layers, X, Y = linear_model()
    m = X.shape[1]
    A = np.vstack([X, np.ones((1, m))])  # d Z / d(w1, w2, w3, b) for each example
    np.testing.assert_allclose(hessian(layers, X, Y), A @ A.T / m, rtol=1e-7, atol=1e-9)


def test_a_hessian_in_the_wrong_order_fails_the_comparison():
    """Negative control: with b read before W, the same numbers in another order do not pass."""
    layers, X, Y = linear_model()
    m = X.shape[1]
    A = np.vstack([np.ones((1, m)), X])
    assert not np.allclose(hessian(layers, X, Y), A @ A.T / m, rtol=1e-7, atol=1e-9)


def test_the_hessian_is_symmetric_the_gradients_derivative_and_leaves_the_parameters_as_they_were():
    layers, X, Y = xor_network()
    before = [{k: v.copy() for k, v in layer.params.items()} for layer in layers[::2]]
    H = hessian(layers, X, Y, nbnp.compute_stable_bce_cost)
    assert H.shape == (13, 13)
    np.testing.assert_array_equal(H, H.T)
    for layer, params in zip(layers[::2], before, strict=True):
        for name in ("W", "b"):
            np.testing.assert_array_equal(layer.params[name], params[name])
    # column 4 (W1[2, 0]) against a step of the gradient along that parameter, done by hand
    step = np.zeros(13)
    step[4] = 1e-4
    g0 = parameter_gradient(layers, X, Y, nbnp.compute_stable_bce_cost)
    layers[0].params["W"][2, 0] += 1e-4
    g1 = parameter_gradient(layers, X, Y, nbnp.compute_stable_bce_cost)
    np.testing.assert_allclose(H @ step, g1 - g0, rtol=1e-3, atol=1e-12)


def test_the_xor_networks_sharpest_curvature_at_the_start_is_about_seven_sixteenths():
    """chapters/deeper_networks.md: with weights of about 0.01, lambda_max is near 1/4 (1 + 3/4)."""
    X, Y = nbnp.xor_gate()
    np.random.seed(48)
    layers = [
        nbnp.LinearLayer(X.shape, 3, "plain"),
        nbnp.SigmoidLayer((3, 4)),
        nbnp.LinearLayer((3, 4), 1, "plain"),
        nbnp.SigmoidLayer((1, 4)),
    ]
    sharpest = np.linalg.eigvalsh(hessian(layers, X, Y, nbnp.compute_keras_like_bce_cost))[-1]
    assert sharpest == pytest.approx(7 / 16, rel=0.01)


def test_the_hessian_checks_its_inputs_once_and_turns_the_checks_back_on():
    layers, X, Y = linear_model()
    bad = X.copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="X must contain only finite values"):
        hessian(layers, bad, Y)
    hessian(layers, X, Y)
    assert checking()


@pytest.mark.parametrize("eps", [0, -1e-5, float("nan")])
def test_the_hessian_refuses_a_step_that_is_not_positive(eps):
    layers, X, Y = linear_model()
    with pytest.raises(ValueError, match="^eps must be"):
        hessian(layers, X, Y, eps=eps)


def test_the_step_is_the_one_given():
    """A larger step changes a non-quadratic cost's Hessian: eps is used, not a fixed value."""
    layers, X, Y = xor_network()
    small = hessian(layers, X, Y, nbnp.compute_stable_bce_cost)
    large = hessian(layers, X, Y, nbnp.compute_stable_bce_cost, eps=0.5)
    assert not np.allclose(small, large, rtol=1e-3, atol=0)
    np.testing.assert_allclose(
        small, hessian(layers, X, Y, nbnp.compute_stable_bce_cost, eps=1e-4), rtol=1e-3, atol=1e-8
    )


def test_every_gradient_of_the_hessian_uses_the_cost_given_the_checked_one_too():
    layers, X, Y = linear_model()
    calls = []

    def cost(Y, Y_hat):
        calls.append(Y_hat.shape)
        return nbnp.compute_cost(Y, Y_hat)

    cost.takes = cost.grad_wrt = "output"
    hessian(layers, X, Y, cost)
    assert len(calls) == 1 + 2 * 4  # the checked gradient, then two per parameter (w1, w2, w3, b)
