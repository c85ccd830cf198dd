import numpy as np
import pytest

from nbnp import (LinearLayer, SigmoidLayer, accuracy, backward_pass, compute_cost, forward_pass,
                  gradient_step, or_gate, predict, train, xor_gate)
from nbnp.validation import check_matrix

NAN = np.full((1, 1), np.nan)


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


def test_backward_pass_without_input_grad_skips_only_the_gradient_for_the_input():
    X, Y = xor_gate()
    layers, reference = two_layer(X), two_layer(X)
    _, dY_hat = compute_cost(Y, forward_pass(layers, X))
    forward_pass(reference, X)
    assert backward_pass(layers, dY_hat, input_grad=False) is None
    assert backward_pass(reference, dY_hat).shape == X.shape
    for i in (0, 2):
        np.testing.assert_allclose(layers[i].dW, reference[i].dW, rtol=1e-15)
        np.testing.assert_allclose(layers[i].db, reference[i].db, rtol=1e-15)


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


def test_train_never_computes_the_gradient_for_the_data():
    X, Y = xor_gate()
    layers = two_layer(X)
    train(layers, X, Y, epochs=2, learning_rate=1)
    assert layers[0].dA_prev is None
    assert layers[2].dA_prev.shape == (3, 4)


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


class Probe:
    """An identity layer that records, at each forward, whether nbnp's array checks are on."""

    def __init__(self):
        self.checked = []

    def forward(self, A):
        try:
            check_matrix("probe", NAN)
            self.checked.append(False)
        except ValueError:
            self.checked.append(True)
        return A

    def backward(self, upstream_grad, input_grad=True):
        return upstream_grad


def test_train_checks_every_array_in_the_first_epoch_only():
    X, Y = xor_gate()
    probe = Probe()
    train([probe] + two_layer(X), X, Y, epochs=3, learning_rate=1)
    assert probe.checked == [True, False, False]
    with pytest.raises(ValueError, match="^probe must contain only finite values"):
        check_matrix("probe", NAN)


def test_train_names_a_layer_that_does_not_fit_in_the_first_epoch():
    X, Y = xor_gate()
    layers = [LinearLayer(X.shape, 3), SigmoidLayer((2, 4)), LinearLayer((2, 4), 1), SigmoidLayer((1, 4))]
    with pytest.raises(ValueError, match=r"^layer 1 \(SigmoidLayer\) expects 2 inputs but layer 0 \(LinearLayer\) gives 3: "
                                         r"build each layer from the output shape of the one before it, as in "
                                         r"SigmoidLayer\(Z1\.Z\.shape\)$"):
        train(layers, X, Y, epochs=5, learning_rate=1)
    with pytest.raises(ValueError, match="^probe must contain only finite values"):
        check_matrix("probe", NAN)


class BreaksAt:
    """An identity layer that returns NaN from the given epoch on, as a faulty layer of a reader's might."""

    def __init__(self, epoch):
        self.epoch, self.calls = epoch, 0

    def forward(self, A):
        self.calls += 1
        return A * np.nan if self.calls > self.epoch else A

    def backward(self, upstream_grad, input_grad=True):
        return upstream_grad


def test_train_stops_at_the_epoch_whose_cost_is_not_finite():
    X, Y = xor_gate()
    with pytest.raises(FloatingPointError, match="^the cost at epoch 2 is nan: training diverged$"):
        train(two_layer(X) + [BreaksAt(2)], X, Y, epochs=5, learning_rate=1)
    with pytest.raises(ValueError, match="^Y_hat must contain only finite values; got 4 NaN"):
        train(two_layer(X) + [BreaksAt(0)], X, Y, epochs=5, learning_rate=1)


def test_train_checks_its_data_and_learning_rate_by_name():
    X, Y = xor_gate()
    X_nan = X.copy()
    X_nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="^X must contain only finite values; got 1 NaN"):
        train(two_layer(X), X_nan, Y, epochs=1, learning_rate=1)
    with pytest.raises(ValueError, match=r"^Y must be 2-D with shape \(features, examples\); got 1-D"):
        train(two_layer(X), X, Y[0], epochs=1, learning_rate=1)
    with pytest.raises(ValueError, match="^learning_rate must be a finite number above 0; got 0$"):
        train(two_layer(X), X, Y, epochs=1, learning_rate=0)
