"""Running a stack of layers: one forward loop, one backward loop, one update loop.

A network is a plain list of layers, applied in order; for the 2-layer XOR
network of the book::

    layers = [LinearLayer(X.shape, 3, "xavier"), SigmoidLayer((3, m)),
              LinearLayer((3, m), 1, "xavier"), SigmoidLayer((1, m))]

Every function here works for any such list, because every layer's
``forward`` returns its output and every ``backward`` returns the gradient for
the layer below (or skips it when called with ``input_grad=False``).
"""

import contextlib
import math

import numpy as np

from .cost import compute_cost
from .validation import check_learning_rate, check_matrix, check_positive_int, skip_array_checks


def forward_pass(layers, X):
    """Return the last layer's output for input X (n_in, m)."""
    A = X
    for layer in layers:
        A = layer.forward(A)
    return A


def backward_pass(layers, dA, input_grad=True):
    """Back-propagate dC/d(output), last layer first; return dC/dX (n_in, m).

    With ``input_grad=False`` the first layer does not compute dC/dX and
    None is returned: training never uses the gradient for the data.
    """
    for layer in reversed(layers[1:]):
        dA = layer.backward(dA)
    return layers[0].backward(dA, input_grad=input_grad)


def gradient_step(layers, learning_rate):
    """Update the parameters of every layer that has any."""
    for layer in layers:
        if hasattr(layer, "update_params"):
            layer.update_params(learning_rate=learning_rate)


def train(layers, X, Y, epochs, learning_rate, print_every=None):
    """Full-batch gradient descent; return the cost before each update.

    X is (n_in, m), Y is (n_out, m); one cost per epoch is returned. With
    ``print_every=100`` it prints ``Cost at epoch#0: ...`` every 100 epochs,
    at 10 significant digits (digits beyond that depend on the order of
    floating-point sums, which varies between machines).

    Checks: X, Y and the learning rate once, and the first epoch runs with
    every check of every layer, so a layer that does not fit the one before
    it is named at once. Later epochs repeat the same computation on arrays
    of the same shapes and skip those array checks (on the XOR network they
    take as long as the arithmetic); instead each cost must be finite, as a
    NaN anywhere in the network reaches the cost: a run that diverges stops
    with ``FloatingPointError`` at that epoch.
    """
    epochs = check_positive_int("epochs", epochs)
    learning_rate = check_learning_rate(learning_rate)
    if print_every is not None:
        print_every = check_positive_int("print_every", print_every)
    X = check_matrix("X", X)
    Y = check_matrix("Y", Y)
    costs = np.empty(epochs)
    with contextlib.ExitStack() as later_epochs:
        for epoch in range(epochs):
            cost, dY_hat = compute_cost(Y, forward_pass(layers, X))
            if not math.isfinite(cost):
                raise FloatingPointError(f"the cost at epoch {epoch} is "
                                         f"{cost}: training diverged")
            backward_pass(layers, dY_hat, input_grad=False)
            gradient_step(layers, learning_rate)
            costs[epoch] = cost
            if print_every and epoch % print_every == 0:
                print(f"Cost at epoch#{epoch}: {cost:.10g}")
            if epoch == 0:
                later_epochs.enter_context(skip_array_checks())
    return costs


def predict(layers, X, threshold=0.5):
    """Return the predicted classes (0.0 or 1.0), shape (n_out, m): 1 where the output is >= threshold."""
    return (forward_pass(layers, X) >= threshold).astype(float)


def accuracy(Y, predictions):
    """Return the percentage of entries where ``predictions`` equals ``Y`` (both (n, m))."""
    Y = check_matrix("Y", Y)
    predictions = check_matrix("predictions", predictions, shape=Y.shape)
    return 100.0 * float(np.mean(predictions == Y))
