import numpy as np
import pytest

from nbnp import (
    LinearLayer,
    SigmoidLayer,
    accuracy,
    and_gate,
    backward_pass,
    compute_bce_cost,
    compute_cost,
    compute_keras_like_bce_cost,
    compute_stable_bce_cost,
    cost_and_gradient,
    forward_pass,
    gradient_step,
    or_gate,
    predict,
    train,
    xor_gate,
)
from nbnp.validation import check_matrix

NAN = np.full((1, 1), np.nan)


def two_layer(X, seed=48):
    np.random.seed(seed)
    m = X.shape[1]
    return [
        LinearLayer(X.shape, 3, "xavier"),
        SigmoidLayer((3, m)),
        LinearLayer((3, m), 1, "xavier"),
        SigmoidLayer((1, m)),
    ]


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
    with pytest.raises(
        ValueError,
        match=r"^layer 1 \(SigmoidLayer\) expects 2 inputs but layer 0 \(LinearLayer\) gives 3: "
        r"build each layer from the output shape of the one before it, as in "
        r"SigmoidLayer\(Z1\.Z\.shape\)$",
    ):
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


# --- Whatever runs a list of layers checks the list and names a failing layer by position and type. ---


def _forwarded(X):
    layers = two_layer(X)
    forward_pass(layers, X)
    return layers


NOT_A_LIST = [
    (
        lambda layers: layers[0],
        TypeError,
        r"^layers must be a list of layers; got LinearLayer: put it in a list, "
        r"\[layer\]$",
    ),
    (lambda layers: iter(layers), TypeError, r"^layers must be a list of layers; got list_iterator$"),
    (lambda layers: [], ValueError, r"^layers must hold at least one layer; got an empty list$"),
    (
        lambda layers: layers[:1] + ["sigmoid"],
        TypeError,
        r"^layers\[1\] must be a layer, with forward\(\) and "
        r"backward\(\); got str$",
    ),
    (
        lambda layers: layers[:2] * 2,
        ValueError,
        r"^layer 2 \(LinearLayer\) is the same object as layer 0: a network "
        r"needs a new layer at each position \(a list repeated with \* "
        r"repeats the same layers\)$",
    ),
]
RUNNERS = {
    "forward_pass": lambda layers, X, Y: forward_pass(layers, X),
    "backward_pass": lambda layers, X, Y: backward_pass(layers, np.zeros((1, 4))),
    "gradient_step": lambda layers, X, Y: gradient_step(layers, 1.0),
    "train": lambda layers, X, Y: train(layers, X, Y, epochs=2, learning_rate=1.0),
    "predict": lambda layers, X, Y: predict(layers, X),
}


@pytest.mark.parametrize("runner", RUNNERS, ids=str)
@pytest.mark.parametrize(
    "make, error, message", NOT_A_LIST, ids=["one layer", "iterator", "empty", "not a layer", "repeated"]
)
def test_every_network_function_refuses_what_is_not_a_list_of_distinct_layers(runner, make, error, message):
    X, Y = xor_gate()
    with pytest.raises(error, match=message):
        RUNNERS[runner](make(two_layer(X)), X, Y)


def test_a_tuple_of_layers_is_a_network_too():
    X, Y = xor_gate()
    np.testing.assert_allclose(forward_pass(tuple(two_layer(X)), X), forward_pass(two_layer(X), X), rtol=0, atol=0)


@pytest.mark.parametrize("runner", ["forward_pass", "train", "predict"])
def test_layers_that_do_not_fit_are_named_with_their_sizes(runner):
    X, Y = xor_gate()
    layers = [LinearLayer(X.shape, 3), SigmoidLayer((3, 4)), LinearLayer((4, 4), 1), SigmoidLayer((1, 4))]
    with pytest.raises(
        ValueError,
        match=r"^layer 2 \(LinearLayer\) expects 4 inputs but layer 1 \(SigmoidLayer\) "
        r"gives 3: build each layer from the output shape of the one before it, as "
        r"in LinearLayer\(A1\.A\.shape, n_out\)$",
    ):
        RUNNERS[runner](layers, X, Y)


@pytest.mark.parametrize("runner", ["forward_pass", "train", "predict"])
def test_transposed_data_is_named_with_the_fix(runner):
    X, Y = xor_gate()
    with pytest.raises(
        ValueError,
        match=r"^X must have 2 rows \(one per input of layer 0 \(LinearLayer\), examples "
        r"as columns\); got shape \(4, 2\): did you pass X\.T\?$",
    ):
        RUNNERS[runner](two_layer(X), X.T, Y)


@pytest.mark.parametrize("runner", ["forward_pass", "train", "predict", "gradient_step"])
def test_a_parameter_set_wrong_by_hand_is_named_with_its_layer(runner):
    X, Y = xor_gate()
    layers = _forwarded(X)
    backward_pass(layers, np.zeros((1, 4)))
    layers[2].params["b"] = np.zeros(1)
    with pytest.raises(
        ValueError,
        match=r'^layer 2 \(LinearLayer\): params\["b"\] must be 2-D with shape '
        r"\(n_out, 1\); got 1-D array of shape \(1,\)$",
    ):
        RUNNERS[runner](layers, X, Y)


def test_backward_pass_before_forward_names_the_layer_and_the_fix():
    X, _ = xor_gate()
    with pytest.raises(
        RuntimeError,
        match=r"^layer 0 \(LinearLayer\): call forward\(\) before backward\(\): this "
        r"LinearLayer has not received an input yet$",
    ):
        backward_pass(two_layer(X), np.zeros((1, 4)))
    layers = two_layer(X)
    layers[0].forward(X)
    with pytest.raises(RuntimeError, match=r"^layer 1 \(SigmoidLayer\): call forward\(\) before backward\(\)"):
        backward_pass(layers, np.zeros((1, 4)))


def test_backward_pass_after_layers_saw_different_batches_says_to_run_forward_again():
    X, _ = xor_gate()
    layers = _forwarded(X)
    layers[3].forward(np.zeros((1, 7)))
    with pytest.raises(
        ValueError,
        match=r"^layer 3 \(SigmoidLayer\) last saw a batch of 7 examples but layer 0 saw "
        r"4: run forward_pass\(layers, X\) again$",
    ):
        backward_pass(layers, np.zeros((1, 7)))


def test_backward_pass_names_a_transposed_gradient_and_a_bad_flag():
    X, _ = xor_gate()
    with pytest.raises(
        ValueError,
        match=r"^dA must have shape \(1, 4\) \(the output of layer 3 \(SigmoidLayer\)\); "
        r"got shape \(4, 1\): did you pass dA\.T\?$",
    ):
        backward_pass(_forwarded(X), np.zeros((4, 1)))
    with pytest.raises(TypeError, match=r"^input_grad must be True or False; got 'no' of type str$"):
        backward_pass(_forwarded(X), np.zeros((1, 4)), input_grad="no")


def test_gradient_step_before_backward_names_the_layer():
    X, _ = xor_gate()
    with pytest.raises(RuntimeError, match=r"^layer 0 \(LinearLayer\): call backward\(\) before update_params\(\)"):
        gradient_step(_forwarded(X), 1.0)
    layers = _forwarded(X)
    backward_pass(layers, np.ones((1, 4)))
    gradient_step(layers, 1.0)
    with pytest.raises(
        RuntimeError,
        match=r"^layer 0 \(LinearLayer\): update_params\(\) has already used these "
        r"gradients",
    ):
        gradient_step(layers, 1.0)


def test_gradient_step_checks_the_rate_before_any_layer_moves():
    X, _ = xor_gate()
    layers = _forwarded(X)
    backward_pass(layers, np.ones((1, 4)))
    W = layers[0].params["W"]
    with pytest.raises(ValueError, match="^learning_rate must be a finite number above 0; got 0$"):
        gradient_step(layers, 0)
    assert layers[0].params["W"] is W


class Identity:
    """A layer of a reader's own: no sizes that nbnp knows."""

    def forward(self, A):
        return A

    def backward(self, upstream_grad, input_grad=True):
        return upstream_grad


def test_a_readers_own_layer_is_run_and_the_known_layers_around_it_are_still_checked():
    X, Y = xor_gate()
    layers = two_layer(X)
    out = forward_pass([Identity()] + layers + [Identity()], X)
    np.testing.assert_allclose(out, forward_pass(layers, X), rtol=0, atol=0)
    np.testing.assert_allclose(
        backward_pass([Identity()] + layers + [Identity()], np.ones((1, 4))),
        backward_pass(layers, np.ones((1, 4))),
        rtol=0,
        atol=0,
    )
    assert backward_pass([Identity()], np.ones((3, 3))).shape == (3, 3)
    bad = [Identity(), LinearLayer((3, 4), 1), SigmoidLayer((2, 4))]
    with pytest.raises(
        ValueError,
        match=r"^layer 2 \(SigmoidLayer\) expects 2 inputs but layer 1 \(LinearLayer\) "
        r"gives 1: .* as in SigmoidLayer\(Z1\.Z\.shape\)$",
    ):
        forward_pass(bad, X)
    with pytest.raises(
        ValueError,
        match=r"^Y must have shape \(1, 4\) \(one row per output of layer 1 "
        r"\(LinearLayer\), one column per example of X\); got shape \(2, 4\)$",
    ):
        train([Identity(), LinearLayer((2, 4), 1)], X, np.vstack([Y, Y]), epochs=1, learning_rate=1.0)
    costs = train([LinearLayer((2, 4), 1), Identity()], X, Y * 3, epochs=2, learning_rate=0.1)
    assert costs.shape == (2,)


@pytest.mark.parametrize("labels, low, high", [(255, 0, 255), (-1, -1, 1)])
def test_train_refuses_labels_a_sigmoid_cannot_reach(labels, low, high):
    X, Y = xor_gate()
    wrong = np.where(Y == 1, labels, 0) if labels > 0 else 2 * Y - 1
    with pytest.raises(
        ValueError,
        match=rf"^Y must hold values in \[0, 1\] \(a sigmoid's outputs cannot reach "
        rf"other targets\); got values from {low} to {high}$",
    ):
        train(two_layer(X), X, wrong, epochs=1, learning_rate=1.0)


def test_train_keeps_soft_labels_and_labels_given_as_lists_or_booleans():
    X, Y = xor_gate()
    soft = train(two_layer(X), X, 0.1 + 0.8 * Y, epochs=3, learning_rate=1.0)
    hard = train(two_layer(X), X, Y, epochs=3, learning_rate=1.0)
    assert not np.allclose(soft, hard)
    for X_as, Y_as in ((X.tolist(), Y.tolist()), (X.astype(int), Y.astype(bool))):
        np.testing.assert_allclose(train(two_layer(X), X_as, Y_as, epochs=3, learning_rate=1.0), hard, rtol=0, atol=0)


def test_train_names_a_transposed_label_array_not_the_output():
    X, Y = xor_gate()
    with pytest.raises(
        ValueError,
        match=r"^Y must have shape \(1, 4\) \(one row per output of layer 3 "
        r"\(SigmoidLayer\), one column per example of X\); got shape \(4, 1\): did "
        r"you pass Y\.T\?$",
    ):
        train(two_layer(X), X, Y.T, epochs=1, learning_rate=1.0)


@pytest.mark.parametrize("runner", ["train", "forward_pass"])
def test_an_empty_batch_raises(runner):
    X, Y = xor_gate()
    with pytest.raises(
        ValueError,
        match=r"^X must hold at least one example; got shape \(2, 0\) \(an empty batch "
        r"has no cost to average\)$",
    ):
        RUNNERS[runner](two_layer(X), X[:, :0], Y[:, :0])


@pytest.mark.parametrize("epochs, error", [(2.0, TypeError), (True, TypeError), (-1, ValueError)])
def test_train_names_bad_epochs(epochs, error):
    X, Y = xor_gate()
    with pytest.raises(error, match=f"^epochs must be a positive integer; got {epochs!r}"):
        train(two_layer(X), X, Y, epochs=epochs, learning_rate=1.0)


def test_train_names_a_bad_learning_rate_and_print_every_of_the_wrong_kind():
    X, Y = xor_gate()
    with pytest.raises(TypeError, match="^learning_rate must be a number; got '1' of type str$"):
        train(two_layer(X), X, Y, epochs=1, learning_rate="1")
    with pytest.raises(TypeError, match="^print_every must be a positive integer; got True of type bool$"):
        train(two_layer(X), X, Y, epochs=1, learning_rate=1.0, print_every=True)


@pytest.mark.parametrize(
    "threshold, error, message",
    [
        (np.nan, ValueError, r"^threshold must be a finite number in \(0, 1\); got nan$"),
        (50, ValueError, r"^threshold must be a finite number in \(0, 1\); got 50\.0$"),
        (0, ValueError, r"^threshold must be a finite number in \(0, 1\); got 0\.0$"),
        (1, ValueError, r"^threshold must be a finite number in \(0, 1\); got 1\.0$"),
        ("0.5", TypeError, r"^threshold must be a number; got '0\.5' of type str$"),
    ],
)
def test_predict_after_a_sigmoid_needs_a_threshold_inside_0_1(threshold, error, message):
    X, _ = xor_gate()
    with pytest.raises(error, match=message):
        predict(two_layer(X), X, threshold=threshold)


def test_predict_after_a_linear_layer_takes_any_finite_threshold():
    X, _ = xor_gate()
    layer = LinearLayer(X.shape, 1)
    layer.params["W"] = np.array([[10.0, 20.0]])
    np.testing.assert_array_equal(predict([layer], X, threshold=15), [[0.0, 1.0, 0.0, 1.0]])
    with pytest.raises(ValueError, match=r"^threshold must be a finite number; got inf$"):
        predict([layer], X, threshold=np.inf)


def test_accuracy_refuses_probabilities_and_labels_that_are_not_classes():
    X, Y = xor_gate()
    with pytest.raises(
        ValueError,
        match=r"^predictions must hold only the classes 0 and 1; got other values: pass "
        r"predict\(layers, X\), not the network's output$",
    ):
        accuracy(Y, forward_pass(two_layer(X), X))
    with pytest.raises(ValueError, match=r"^Y must hold only the classes 0 and 1; got 2 other values, such as 255$"):
        accuracy(Y * 255, Y)
    with pytest.raises(
        ValueError,
        match=r"^predictions must have shape \(1, 4\) \(the shape of Y\); got shape "
        r"\(4, 1\): did you pass predictions\.T\?$",
    ):
        accuracy(Y, Y.T)
    with pytest.raises(ValueError, match=r"^Y must hold at least one example; got shape \(1, 0\)"):
        accuracy(Y[:, :0], Y[:, :0])
    assert accuracy(Y.astype(bool), Y.tolist()) == 100.0
    assert accuracy(Y, 1 - Y) == 0.0


def test_train_restores_the_checks_after_a_run_that_raised():
    X, Y = xor_gate()
    with pytest.raises(FloatingPointError):
        train(two_layer(X) + [BreaksAt(2)], X, Y, epochs=5, learning_rate=1)
    with pytest.raises(ValueError, match="^probe must contain only finite values"):
        check_matrix("probe", NAN)


def test_after_train_a_manual_update_would_reuse_the_last_gradients_and_raises():
    X, Y = xor_gate()
    layers = two_layer(X)
    train(layers, X, Y, epochs=3, learning_rate=1.0)
    with pytest.raises(
        RuntimeError,
        match=r"^layer 0 \(LinearLayer\): update_params\(\) has already used these "
        r"gradients",
    ):
        gradient_step(layers, 1.0)


def test_backward_pass_checks_the_gradient_after_a_readers_layer_and_names_a_linear_output():
    X, _ = xor_gate()
    layers = [Identity()] + two_layer(X)
    forward_pass(layers, X)
    with pytest.raises(ValueError, match=r"^dA must have shape \(1, 4\) \(the output of layer 4 \(SigmoidLayer\)\)"):
        backward_pass(layers, np.zeros((2, 4)))
    linear_out = two_layer(X)[:3]
    forward_pass(linear_out, X)
    with pytest.raises(
        ValueError,
        match=r"^dA must have shape \(1, 4\) \(the output of layer 2 \(LinearLayer\)\); "
        r"got shape \(4, 1\): did you pass dA\.T\?$",
    ):
        backward_pass(linear_out, np.zeros((4, 1)))


def test_train_names_the_labels_when_the_last_layer_is_a_readers_own():
    X, Y = xor_gate()
    with pytest.raises(ValueError, match=r"^Y must be 2-D with shape \(features, examples\); got 1-D array"):
        train(two_layer(X) + [Identity()], X, Y[0], epochs=1, learning_rate=1.0)


def test_an_object_with_forward_but_no_backward_is_not_a_layer():
    class ForwardOnly:
        def forward(self, A):
            return A

    X, _ = xor_gate()
    with pytest.raises(
        TypeError,
        match=r"^layers\[1\] must be a layer, with forward\(\) and backward\(\); got "
        r"ForwardOnly$",
    ):
        forward_pass(two_layer(X)[:1] + [ForwardOnly()], X)


def iris_neuron_layers(X):
    np.random.seed(48)
    return [LinearLayer(X.shape, 1), SigmoidLayer((1, X.shape[1]))]


def test_train_with_a_logits_cost_skips_the_last_sigmoid():
    # One hand-written epoch: dZ = (sigma(Z) - Y) / m goes straight into the linear layer.
    X, Y = and_gate()
    layers = iris_neuron_layers(X)
    W, b = layers[0].params["W"].copy(), layers[0].params["b"].copy()
    costs = train(layers, X, Y, epochs=1, learning_rate=0.5, cost=compute_stable_bce_cost)
    Z = W @ X + b
    dZ = (1 / (1 + np.exp(-Z)) - Y) / 4
    np.testing.assert_allclose(costs[0], np.mean(np.log1p(np.exp(-np.abs(Z))) + np.maximum(Z, 0) - Z * Y))
    np.testing.assert_allclose(layers[0].params["W"], W - 0.5 * dZ @ X.T, rtol=1e-14)
    np.testing.assert_allclose(layers[0].params["b"], b - 0.5 * dZ.sum(axis=1, keepdims=True), rtol=1e-14)
    assert not hasattr(layers[1], "dZ")


@pytest.mark.parametrize("cost", [compute_stable_bce_cost, compute_keras_like_bce_cost])
def test_train_with_a_logits_gradient_matches_the_same_run_by_hand(cost):
    X, Y = xor_gate()
    layers, by_hand = two_layer(X), two_layer(X)
    costs = train(layers, X, Y, epochs=30, learning_rate=2, cost=cost)
    expected = []
    for _ in range(30):
        A2 = forward_pass(by_hand, X)
        value, dZ = cost(Y, by_hand[2].Z if cost.takes == "logits" else A2)
        backward_pass(by_hand[:3], dZ)
        gradient_step(by_hand, 2)
        expected.append(value)
    np.testing.assert_allclose(costs, expected, rtol=1e-13)
    np.testing.assert_allclose(layers[0].params["W"], by_hand[0].params["W"], rtol=1e-13)


def test_train_default_cost_is_the_squared_error():
    X, Y = xor_gate()
    np.testing.assert_array_equal(
        train(two_layer(X), X, Y, epochs=20, learning_rate=1),
        train(two_layer(X), X, Y, epochs=20, learning_rate=1, cost=compute_cost),
    )


def test_cost_and_gradient_passes_what_each_cost_takes():
    X, Y = xor_gate()
    layers = two_layer(X)
    for cost, array, below in [
        (compute_cost, "A", 4),
        (compute_bce_cost, "A", 4),
        (compute_stable_bce_cost, "Z", 3),
        (compute_keras_like_bce_cost, "A", 3),
    ]:
        value, gradient, layers_below = cost_and_gradient(layers, X, Y, cost)
        given = layers[3].A if array == "A" else layers[2].Z
        expected_value, expected_gradient = cost(Y, given)
        assert value == expected_value and layers_below == layers[:below]
        np.testing.assert_array_equal(gradient, expected_gradient)


def my_cost(Y, Y_hat):
    return compute_cost(Y, Y_hat)


@pytest.mark.parametrize("takes, grad_wrt", [(None, None), ("output", None), ("Z", "logits"), ("logits", "P_hat")])
def test_a_cost_must_say_what_it_takes_and_differentiates(takes, grad_wrt, monkeypatch):
    X, Y = xor_gate()
    for name, value in (("takes", takes), ("grad_wrt", grad_wrt)):
        if value is not None:
            monkeypatch.setattr(my_cost, name, value, raising=False)
    with pytest.raises(
        TypeError,
        match=rf"^cost must be a function cost\(Y, \.\.\.\) -> \(cost, gradient\) with "
        rf"attributes takes and grad_wrt, each 'output' or 'logits' .*"
        rf"takes={takes!r}, grad_wrt={grad_wrt!r}: set them",
    ):
        train(two_layer(X), X, Y, epochs=1, learning_rate=1, cost=my_cost)


def test_a_declared_cost_of_the_output_trains():
    X, Y = xor_gate()
    my_cost.takes = my_cost.grad_wrt = "output"
    try:
        np.testing.assert_array_equal(
            train(two_layer(X), X, Y, epochs=5, learning_rate=1, cost=my_cost),
            train(two_layer(X), X, Y, epochs=5, learning_rate=1),
        )
    finally:
        del my_cost.takes, my_cost.grad_wrt


def test_a_logits_cost_needs_a_last_sigmoid():
    X, Y = xor_gate()
    with pytest.raises(
        ValueError,
        match=r"^cost compute_stable_bce_cost works with the logits Z of the last "
        r"linear layer, so layers must end with a SigmoidLayer after another "
        r"layer; got \['LinearLayer', 'SigmoidLayer', 'LinearLayer'\]$",
    ):
        train(two_layer(X)[:3], X, Y, epochs=1, learning_rate=1, cost=compute_stable_bce_cost)
    with pytest.raises(ValueError, match=r"got \['SigmoidLayer'\]$"):
        train([SigmoidLayer((1, 4))], X[:1], Y, epochs=1, learning_rate=1, cost=compute_keras_like_bce_cost)


def test_a_logits_cost_without_a_name_is_shown_as_itself():
    import functools

    X, Y = xor_gate()
    cost = functools.partial(compute_keras_like_bce_cost, from_logits=True)
    cost.takes = cost.grad_wrt = "logits"
    with pytest.raises(
        ValueError,
        match=r"^cost functools\.partial\(<function compute_keras_like_bce_cost .*"
        r"from_logits=True\) works with the logits Z",
    ):
        train(two_layer(X)[:3], X, Y, epochs=1, learning_rate=1, cost=cost)
    np.testing.assert_array_equal(
        train(two_layer(X), X, Y, epochs=3, learning_rate=1, cost=cost),
        train(two_layer(X), X, Y, epochs=3, learning_rate=1, cost=compute_stable_bce_cost),
    )
