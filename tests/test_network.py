import numpy as np
import pytest

from nbnp import (LinearLayer, SigmoidLayer, accuracy, backward_pass, compute_cost, forward_pass,
                  gradient_step, or_gate, predict, train, xor_gate)


def two_layer(X, seed=48):
    np.random.seed(seed)
    m = X.shape[1]
    return [LinearLayer(X.shape, 3, "xavier"), SigmoidLayer((3, m)),
            LinearLayer((3, m), 1, "xavier"), SigmoidLayer((1, m))]


def test_forward_pass_chains_the_layers():
    X, _ = xor_gate()
    layers = two_layer(X)
    out = forward_pass(layers, X)
    W1, b1 = layers[0].params["W"], layers[0].params["b"]
    W2, b2 = layers[2].params["W"], layers[2].params["b"]
    expected = 1 / (1 + np.exp(-(W2 @ (1 / (1 + np.exp(-(W1 @ X + b1)))) + b2)))
    np.testing.assert_allclose(out, expected)


def test_backward_pass_returns_the_gradient_for_the_input():
    X, Y = xor_gate()
    layers = two_layer(X)
    _, dY_hat = compute_cost(Y, forward_pass(layers, X))
    dX = backward_pass(layers, dY_hat)
    assert dX.shape == X.shape
    np.testing.assert_allclose(dX, layers[0].params["W"].T @ layers[1].dZ)


def test_gradient_step_updates_only_parametrised_layers():
    X, Y = or_gate()
    layers = two_layer(X)
    _, dY_hat = compute_cost(Y, forward_pass(layers, X))
    backward_pass(layers, dY_hat)
    W_before = layers[2].params["W"].copy()
    gradient_step(layers, 0.5)
    np.testing.assert_allclose(layers[2].params["W"], W_before - 0.5 * layers[2].dW)


def test_train_records_the_cost_before_each_update(capsys):
    X, Y = xor_gate()
    costs = train(two_layer(X), X, Y, epochs=201, learning_rate=1, print_every=100)
    np.testing.assert_allclose(costs[0], 0.12926510193084198, rtol=1e-12)
    assert costs.shape == (201,) and costs[-1] < costs[0]
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["Cost at epoch#0", "Cost at epoch#100", "Cost at epoch#200"]
    assert lines[0] == "Cost at epoch#0: 0.1292651019"


def test_train_rejects_non_positive_epochs():
    X, Y = xor_gate()
    with pytest.raises(ValueError, match="epochs must be a positive integer; got 0"):
        train(two_layer(X), X, Y, epochs=0, learning_rate=1)


def test_predict_thresholds_at_one_half():
    layers = [LinearLayer((1, 3), 1), SigmoidLayer((1, 3))]
    layers[0].params["W"] = np.array([[1.0]])
    np.testing.assert_array_equal(predict(layers, np.array([[-1.0, 0.0, 1.0]])), [[0.0, 1.0, 1.0]])


def test_accuracy_in_percent():
    assert accuracy(np.array([[0, 1, 1, 0]]), np.array([[0, 1, 0, 0]])) == pytest.approx(75.0)
    with pytest.raises(ValueError, match=r"predictions must have shape \(1, 4\)"):
        accuracy(np.zeros((1, 4)), np.zeros((4, 1)))


def test_accuracy_names_the_labels_when_they_are_not_a_matrix():
    with pytest.raises(ValueError, match=r"^Y must be 2-D with shape \(features, examples\); got 1-D"):
        accuracy(np.zeros(4), np.zeros((1, 4)))


def test_train_names_a_bad_print_every():
    X, Y = xor_gate()
    with pytest.raises(ValueError, match="^print_every must be a positive integer; got 0$"):
        train(two_layer(X), X, Y, epochs=1, learning_rate=1, print_every=0)
