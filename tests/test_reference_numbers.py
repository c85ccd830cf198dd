"""The blog's figures (../shared/reference/numbers.md) asserted directly against nbnp.

These do not read the chapters' notebooks, so a wrongly regenerated notebook
cannot make them pass.
"""

import numpy as np
import pytest

import nbnp


def one_step(X, Y, W, b, learning_rate=1.0):
    """Forward, cost and gradients of one sigmoid neuron with the layer classes, then one update."""
    linear = nbnp.LinearLayer(X.shape, 1)
    linear.params["W"], linear.params["b"] = np.array(W, dtype=float), np.array([[b]], dtype=float)
    activation = nbnp.SigmoidLayer(linear.Z.shape)
    Y_hat = nbnp.forward_pass([linear, activation], X)
    cost, dY_hat = nbnp.compute_cost(Y, Y_hat)
    nbnp.backward_pass([linear, activation], dY_hat)
    grads = linear.dW.copy(), linear.db.copy()
    linear.update_params(learning_rate)
    return Y_hat, cost, grads, linear


def test_single_example_with_bias():
    X, Y = nbnp.or_gate()
    Y_hat, cost, (dW, db), linear = one_step(X[:, :1], Y[:, :1], [[0.1, 0.6]], 0.0)
    np.testing.assert_allclose(Y_hat, [[0.5]])
    np.testing.assert_allclose(cost, 0.125)
    np.testing.assert_allclose(dW, [[0.0, 0.0]])
    np.testing.assert_allclose(db, [[0.125]])
    np.testing.assert_allclose(linear.params["b"], [[-0.125]])
    y_hat = nbnp.sigmoid(-0.125)
    np.testing.assert_allclose(y_hat, 0.46879062662624377, rtol=1e-14)
    np.testing.assert_allclose(
        nbnp.compute_cost(np.array([[0.0]]), np.array([[y_hat]]))[0], 0.10988232580631314, rtol=1e-14
    )


def test_or_gate_first_two_batch_steps():
    X, Y = nbnp.or_gate()
    Y_hat, cost, (dW, db), linear = one_step(X, Y, [[0.1, 0.6]], 0.0)
    np.testing.assert_allclose(Y_hat, [[0.5, 0.646, 0.525, 0.668]], atol=5e-4)
    np.testing.assert_allclose(cost, 0.08891294752305501, rtol=1e-14)
    np.testing.assert_allclose(dW, [[-0.048, -0.039]], atol=5e-4)
    np.testing.assert_allclose(db, [[-0.037]], atol=5e-4)
    np.testing.assert_allclose(linear.params["W"], [[0.148, 0.639]], atol=5e-4)
    np.testing.assert_allclose(linear.params["b"], [[0.037]], atol=5e-4)
    _, cost2, (dW2, db2), _ = one_step(X, Y, linear.params["W"], linear.params["b"].item())
    np.testing.assert_allclose(cost2, 0.08400959542290769, rtol=1e-13)
    np.testing.assert_allclose(dW2, [[-0.044, -0.035]], atol=5e-4)
    np.testing.assert_allclose(db2, [[-0.031]], atol=5e-4)


def train_neuron(X, Y, W, epochs=5000):
    linear = nbnp.LinearLayer(X.shape, 1)
    linear.params["W"] = np.array(W, dtype=float)
    layers = [linear, nbnp.SigmoidLayer(linear.Z.shape)]
    return nbnp.train(layers, X, Y, epochs=epochs, learning_rate=1), linear


def test_or_gate_after_5000_epochs():
    X, Y = nbnp.or_gate()
    costs, linear = train_neuron(X, Y, [[0.1, 0.6]])
    # costs[k] is the cost before update k; the cost after 5000 updates is one more forward pass.
    final = nbnp.compute_cost(Y, nbnp.sigmoid(linear.params["W"] @ X + linear.params["b"]))[0]
    np.testing.assert_allclose(final, 0.000527569180279875, rtol=1e-9)
    np.testing.assert_allclose(linear.params["W"], [[6.434, 6.434]], atol=5e-4)
    np.testing.assert_allclose(linear.params["b"], [[-2.973]], atol=5e-4)
    assert costs[0] == pytest.approx(0.08891294752305501, rel=1e-14)


def test_xor_with_feature_cross():
    X, Y = nbnp.xor_gate()
    X3 = nbnp.add_feature_cross(X)
    _, cost, (dW, db), _ = one_step(X3, Y, [[0.1, 0.6, 0.2]], 0.0)
    np.testing.assert_allclose(cost, 0.13833167761605697, rtol=1e-14)
    np.testing.assert_allclose(dW, [[0.007, 0.016, 0.037]], atol=5e-4)
    np.testing.assert_allclose(db, [[0.018]], atol=5e-4)
    costs, _ = train_neuron(X3, Y, [[0.1, 0.6, 0.2]])
    # numbers.md quotes this one as the cost computed in the 5000th epoch (before its update).
    np.testing.assert_allclose(costs[-1], 0.0015668521770716719, rtol=1e-9)
