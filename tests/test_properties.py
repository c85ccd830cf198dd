"""Property-based tests: what must hold for any layer sizes, batch sizes and inputs.

Hypothesis draws the sizes of a 2-layer sigmoid network (n_in -> n_hidden -> n_out),
the batch size m, the inputs and the seed of the weights; each property below is
checked on every draw. The draws are few (``max_examples``) so the suite stays fast.
"""

import copy

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nbnp import (
    LinearLayer,
    SigmoidLayer,
    backward_pass,
    check_gradients,
    compute_cost,
    forward_pass,
    gradient_step,
    predict,
    train,
)

SETTINGS = settings(max_examples=25, deadline=None, database=None)
sizes = st.integers(min_value=1, max_value=6)
batches = st.integers(min_value=1, max_value=8)
seeds = st.integers(min_value=0, max_value=2**32 - 1)
# Inputs in [-3, 3] on a grid of 1/64: zero or at least 1/64 in size. A tiny nonzero input such as 1e-118
# makes a gradient no finite difference can resolve, and the relative error meaningless.
inputs = st.integers(min_value=-192, max_value=192).map(lambda k: k / 64)


@st.composite
def networks(draw):
    """A random 2-layer network, a batch X (n_in, m) of inputs in [-3, 3] and labels Y (n_out, m) in {0, 1}."""
    n_in, n_hidden, n_out, m = draw(sizes), draw(sizes), draw(sizes), draw(batches)
    rng = np.random.default_rng(draw(seeds))
    # The placeholders are built for a batch of 4; forward must accept any m.
    layers = [
        LinearLayer((n_in, 4), n_hidden, "xavier", rng=rng),
        SigmoidLayer((n_hidden, 4)),
        LinearLayer((n_hidden, 4), n_out, "xavier", rng=rng),
        SigmoidLayer((n_out, 4)),
    ]
    for linear in layers[::2]:
        linear.params["b"] = rng.normal(size=linear.params["b"].shape)
    X = draw(arrays(np.float64, (n_in, m), elements=inputs))
    Y = rng.integers(0, 2, size=(n_out, m)).astype(float)
    return layers, X, Y


def cost_of(layers, X, Y):
    return compute_cost(Y, forward_pass(layers, X))[0]


def parameters(layers):
    return {f"{name}{i}": layers[i].params[name] for i in (0, 2) for name in ("W", "b")}


def gradients(layers):
    return {f"W{i}": layers[i].dW for i in (0, 2)} | {f"b{i}": layers[i].db for i in (0, 2)}


@SETTINGS
@given(networks())
def test_every_layer_has_the_documented_output_shape(network):
    layers, X, _ = network
    (n_in, m), n_hidden, n_out = X.shape, layers[0].params["W"].shape[0], layers[2].params["W"].shape[0]
    shapes = []
    A = X
    for layer in layers:
        A = layer.forward(A)
        shapes.append(A.shape)
    assert shapes == [(n_hidden, m), (n_hidden, m), (n_out, m), (n_out, m)]
    assert np.all((A >= 0) & (A <= 1))
    _, dY_hat = compute_cost(np.zeros((n_out, m)), A)
    dX = backward_pass(layers, dY_hat)
    assert dX.shape == (n_in, m)
    assert layers[0].dW.shape == (n_hidden, n_in) and layers[0].db.shape == (n_hidden, 1)
    assert layers[2].dW.shape == (n_out, n_hidden) and layers[2].db.shape == (n_out, 1)


@SETTINGS
@given(networks())
def test_backpropagation_passes_the_gradient_check(network):
    layers, X, Y = network
    _, dY_hat = compute_cost(Y, forward_pass(layers, X))
    backward_pass(layers, dY_hat)
    # Rounding in a central difference of a cost near 0.1 is about 1e-10 per entry, so a relative error means
    # something only for gradients well above that: skip draws where a sigmoid saturates and some gradient
    # nearly vanishes. A wrong backward pass (a lost factor, a transposed product) gives 1e-2 or more.
    assume(min(np.linalg.norm(g) for g in gradients(layers).values()) > 1e-4)
    errors = check_gradients(lambda: cost_of(layers, X, Y), parameters(layers), gradients(layers), tol=1e-6)
    assert set(errors) == {"W0", "b0", "W2", "b2"}


@SETTINGS
@given(networks())
def test_a_small_gradient_step_does_not_increase_the_cost(network):
    layers, X, Y = network
    learning_rate = 1e-3
    cost, dY_hat = compute_cost(Y, forward_pass(layers, X))
    backward_pass(layers, dY_hat)
    squared_norm = sum(float(np.sum(g**2)) for g in gradients(layers).values())
    gradient_step(layers, learning_rate)
    new_cost = cost_of(layers, X, Y)
    # First order: the cost falls by learning_rate * |g|^2; at least half of that with a step this small.
    assert new_cost <= cost
    assert cost - new_cost >= 0.5 * learning_rate * squared_norm - 1e-15


@SETTINGS
@given(networks(), st.integers(min_value=1, max_value=12))
def test_train_computes_what_the_loop_written_out_computes(network, epochs):
    """train skips dC/dX and, after the first epoch, the array checks: neither may change a number."""
    layers, X, Y = network
    reference = copy.deepcopy(layers)
    costs = train(layers, X, Y, epochs=epochs, learning_rate=0.5)
    expected = []
    for _ in range(epochs):
        cost, dY_hat = compute_cost(Y, forward_pass(reference, X))
        backward_pass(reference, dY_hat)
        gradient_step(reference, 0.5)
        expected.append(cost)
    np.testing.assert_allclose(costs, expected, rtol=1e-15, atol=0)
    for trained, written_out in zip(parameters(layers).values(), parameters(reference).values(), strict=False):
        np.testing.assert_allclose(trained, written_out, rtol=1e-15, atol=0)


@SETTINGS
@given(networks(), st.integers(min_value=1, max_value=7))
def test_input_with_the_wrong_number_of_rows_raises_the_documented_error(network, extra):
    layers, X, _ = network
    n_in, m = X.shape
    wrong = np.zeros((n_in + extra, m))
    with pytest.raises(
        ValueError,
        match=rf"^X must have {n_in} rows? \(one per input of layer 0 \(LinearLayer\), "
        rf"examples as columns\); got shape \({n_in + extra}, {m}\)",
    ):
        forward_pass(layers, wrong)
    with pytest.raises(ValueError, match=rf"^X must be 2-D .*; got 1-D array of shape \({n_in},\)$"):
        forward_pass(layers, X[:, 0])


@SETTINGS
@given(networks(), st.integers(min_value=1, max_value=7))
def test_gradients_and_labels_of_the_wrong_shape_raise_the_documented_errors(network, extra):
    layers, X, Y = network
    n_out, m = Y.shape
    Y_hat = forward_pass(layers, X)
    with pytest.raises(
        ValueError,
        match=rf"^Y and Y_hat must have the same shape \(outputs, examples\); got "
        rf"Y \({n_out}, {m}\) and Y_hat \({n_out}, {m + extra}\)$",
    ):
        compute_cost(Y, np.zeros((n_out, m + extra)))
    with pytest.raises(
        ValueError,
        match=rf"^dA must have shape \({n_out}, {m}\) \(the output of layer 3 "
        rf"\(SigmoidLayer\)\); got shape \({n_out + extra}, {m}\)",
    ):
        backward_pass(layers, np.zeros((n_out + extra, m)))
    _, dY_hat = compute_cost(Y, Y_hat)
    with pytest.raises(ValueError, match=r"^dA must contain only finite values; got 1 NaN"):
        backward_pass(layers, np.where(np.arange(dY_hat.size).reshape(dY_hat.shape) == 0, np.nan, dY_hat))


MISTAKES = (
    "X transposed",
    "X rows",
    "X 1-D",
    "Y transposed",
    "Y rows",
    "Y columns",
    "W shape",
    "W transposed",
    "b shape",
    "b 1-D",
    "layer twice",
    "dA transposed",
)


@settings(max_examples=60, deadline=None, database=None)
@given(networks(), st.sampled_from(MISTAKES), st.integers(min_value=1, max_value=5), st.sampled_from([0, 2]))
def test_every_random_wrong_shape_raises_an_error_that_names_it(network, mistake, extra, position):
    """A learner's shape mistake, drawn at random for a random network, always raises a ValueError
    that names the argument or the layer, and the shape that was wrong."""
    layers, X, Y = network
    (n_in, m), n_out = X.shape, Y.shape[0]
    linear = layers[position]
    W = linear.params["W"]
    if mistake == "X transposed":
        assume(n_in != m)
        call, words = (
            lambda: forward_pass(layers, X.T),
            rf"^X must have .*; got shape \({m}, {n_in}\): did you pass X\.T\?$",
        )
    elif mistake == "X rows":
        call, words = lambda: train(layers, np.ones((n_in + extra, m)), Y, 1, 1.0), rf"^X must have {n_in} rows?"
    elif mistake == "X 1-D":
        call, words = lambda: predict(layers, X.ravel()), rf"^X must be 2-D .*; got 1-D array of shape \({n_in * m},\)$"
    elif mistake == "Y transposed":
        assume(n_out != m)
        call, words = (
            lambda: train(layers, X, Y.T, 1, 1.0),
            rf"^Y must have shape \({n_out}, {m}\) \(one row per output of layer 3 \(SigmoidLayer\), "
            rf"one column per example of X\); got shape \({m}, {n_out}\): did you pass Y\.T\?$",
        )
    elif mistake == "Y rows":
        call, words = (
            lambda: train(layers, X, np.zeros((n_out + extra, m)), 1, 1.0),
            rf"^Y must have shape \({n_out}, {m}\) .*; got shape \({n_out + extra}, {m}\)",
        )
    elif mistake == "Y columns":
        call, words = (
            lambda: train(layers, X, np.zeros((n_out, m + extra)), 1, 1.0),
            rf"^Y must have shape \({n_out}, {m}\) .*; got shape \({n_out}, {m + extra}\)",
        )
    elif mistake == "W shape":
        linear.params["W"] = np.ones((W.shape[0], W.shape[1] + extra))
        call, words = (
            lambda: forward_pass(layers, X),
            rf"^(X must have {W.shape[1] + extra} rows?|layer {position} \(LinearLayer\) expects "
            rf"{W.shape[1] + extra} inputs but layer {position - 1} \(SigmoidLayer\) gives {W.shape[1]}|"
            rf"layer {position + 1} \(SigmoidLayer\) expects)",
        )
    elif mistake == "W transposed":
        assume(W.shape[0] != W.shape[1])
        linear.params["W"] = W.T
        call, words = (
            lambda: forward_pass(layers, X),
            rf'^layer {position} \(LinearLayer\): params\["W"\] must have shape \({W.shape[0]}, {W.shape[1]}\) '
            rf"\(n_out by n_in, one row per entry of b\); got shape \({W.shape[1]}, {W.shape[0]}\): "
            r'did you pass params\["W"\]\.T\?$',
        )
    elif mistake == "b shape":
        linear.params["b"] = np.zeros((W.shape[0] + extra, 1))
        call, words = (
            lambda: forward_pass(layers, X),
            rf'^layer {position} \(LinearLayer\): params\["b"\] must have shape \({W.shape[0]}, 1\) '
            rf"\(a column, one bias per row of W\); got shape \({W.shape[0] + extra}, 1\)$",
        )
    elif mistake == "b 1-D":
        linear.params["b"] = np.zeros(W.shape[0])
        call, words = (
            lambda: forward_pass(layers, X),
            rf'^layer {position} \(LinearLayer\): params\["b"\] must be 2-D with shape \(n_out, 1\); '
            rf"got 1-D array of shape \({W.shape[0]},\)$",
        )
    elif mistake == "layer twice":
        call, words = (
            lambda: forward_pass(layers + [layers[position]], X),
            rf"^layer 4 \(LinearLayer\) is the same object as layer {position}: ",
        )
    else:
        assume(n_out != m)
        _, dY_hat = compute_cost(Y, forward_pass(layers, X))
        call, words = (
            lambda: backward_pass(layers, dY_hat.T),
            rf"^dA must have shape \({n_out}, {m}\) .*; got shape \({m}, {n_out}\): did you pass dA\.T\?$",
        )
    with pytest.raises(ValueError, match=words):
        call()
