"""The blog's Part II training loop, written exactly as the blog wrote it, runs against nbnp."""

import numpy as np

from nbnp import LinearLayer, SigmoidLayer, compute_cost, xor_gate

BLOG_COST_AT_4900 = 0.0009210166430616655


def run_blog_loop(capsys=None):
    X_train, Y_train = xor_gate()
    np.random.seed(48)
    Z1 = LinearLayer(input_shape=X_train.shape, n_out=3, ini_type="xavier")
    A1 = SigmoidLayer(Z1.Z.shape)
    Z2 = LinearLayer(input_shape=A1.A.shape, n_out=1, ini_type="xavier")
    A2 = SigmoidLayer(Z2.Z.shape)
    costs = []
    for _epoch in range(5000):
        Z1.forward(X_train)
        A1.forward(Z1.Z)
        Z2.forward(A1.A)
        A2.forward(Z2.Z)
        cost, dA2 = compute_cost(Y=Y_train, Y_hat=A2.A)
        A2.backward(dA2)
        Z2.backward(A2.dZ)
        A1.backward(Z2.dA_prev)
        Z1.backward(A1.dZ)
        Z2.update_params(learning_rate=1)
        Z1.update_params(learning_rate=1)
        costs.append(cost)
    return costs, A2


def test_blog_loop_reproduces_the_published_cost_to_12_significant_digits():
    costs, A2 = run_blog_loop()
    np.testing.assert_allclose(costs[0], 0.12926510193084198, rtol=1e-12)
    np.testing.assert_allclose(costs[4900], BLOG_COST_AT_4900, rtol=1e-12)
    assert f"{costs[4900]:.6g}" == "0.000921017"
    np.testing.assert_array_equal((A2.A >= 0.5).astype(float), [[0.0, 1.0, 1.0, 0.0]])
