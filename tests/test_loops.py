import numpy as np
import pytest

from nbnp import LinearLayer, SigmoidLayer, compute_cost, or_gate
from nbnp.loops import gradients_by_loop, gradients_vectorized


def layer_gradients(X, Y, W, b):
    """dC/dW and dC/db of one sigmoid neuron from the layer classes."""
    linear = LinearLayer(X.shape, 1)
    linear.params["W"], linear.params["b"] = W.copy(), np.array([[b]])
    activation = SigmoidLayer(linear.Z.shape)
    _, dY_hat = compute_cost(Y, activation.forward(linear.forward(X)))
    linear.backward(activation.backward(dY_hat))
    return linear.dW, linear.db


@pytest.mark.parametrize("gradients", [gradients_by_loop, gradients_vectorized])
def test_both_agree_with_the_layer_classes_on_random_data(gradients, rng):
    X = rng.normal(size=(3, 17))
    Y = (rng.random((1, 17)) > 0.5).astype(float)
    W, b = rng.normal(size=(1, 3)), 0.3
    dW, db = gradients(X, Y, W, b)
    expected_dW, expected_db = layer_gradients(X, Y, W, b)
    assert dW.shape == (1, 3) and db.shape == (1, 1)
    np.testing.assert_allclose(dW, expected_dW, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(db, expected_db, rtol=1e-12, atol=1e-15)


def test_the_blogs_first_or_gradients():
    X, Y = or_gate()
    dW, db = gradients_by_loop(X, Y, np.array([[0.1, 0.6]]), 0.0)
    np.testing.assert_allclose(dW, [[-0.048, -0.039]], atol=5e-4)
    np.testing.assert_allclose(db, [[-0.037]], atol=5e-4)


def test_the_loop_averages_instead_of_summing():
    # Repeating the batch must not change an average (a sum would double).
    X, Y = or_gate()
    W = np.array([[0.1, 0.6]])
    once = gradients_by_loop(X, Y, W, 0.0)
    twice = gradients_by_loop(np.hstack([X, X]), np.hstack([Y, Y]), W, 0.0)
    for a, b in zip(once, twice, strict=False):
        np.testing.assert_allclose(a, b, rtol=1e-12)


def test_bias_may_be_a_number_or_a_1_by_1_array():
    X, Y = or_gate()
    W = np.array([[0.1, 0.6]])
    for gradients in (gradients_by_loop, gradients_vectorized):
        a, b = gradients(X, Y, W, -0.5), gradients(X, Y, W, np.array([[-0.5]]))
        np.testing.assert_allclose(a[0], b[0])
        np.testing.assert_allclose(a[1], b[1])


@pytest.mark.parametrize("gradients", [gradients_by_loop, gradients_vectorized])
def test_bad_shapes_are_named(gradients):
    X, Y = or_gate()
    with pytest.raises(ValueError, match=r"W must have shape \(1, 2\); got shape \(2, 1\)"):
        gradients(X, Y, np.zeros((2, 1)), 0.0)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 4\); got shape \(1, 3\)"):
        gradients(X, Y[:, :3], np.zeros((1, 2)), 0.0)
    with pytest.raises(ValueError, match=r"b must have shape \(1, 1\); got shape \(2, 1\)"):
        gradients(X, Y, np.zeros((1, 2)), np.zeros((2, 1)))
    with pytest.raises(TypeError, match="b must be a 2-D numeric array; got str"):
        gradients(X, Y, np.zeros((1, 2)), "0")


@pytest.mark.parametrize("gradients", [gradients_by_loop, gradients_vectorized])
def test_examples_that_are_not_a_matrix_are_named_X(gradients):
    with pytest.raises(ValueError, match=r"^X must be 2-D with shape \(features, examples\); got 1-D"):
        gradients(np.zeros(2), np.zeros((1, 2)), np.zeros((1, 2)), 0.0)
