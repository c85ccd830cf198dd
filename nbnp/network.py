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
from .layers import SigmoidLayer
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


def cost_and_gradient(layers, X, Y, cost=compute_cost):
    """Run X (n_in, m) forward, apply ``cost``; return ``(cost, gradient, layers to back-propagate)``.

    ``cost(Y, ...)`` says what it needs with two attributes (see
    :mod:`nbnp.cross_entropy`): ``cost.takes`` is ``"output"`` (it is given the
    last layer's output, as :func:`compute_cost` is) or ``"logits"`` (it is
    given Z, the input of the last layer, a sigmoid); ``cost.grad_wrt`` says
    which of the two its gradient is with respect to. The layers to
    back-propagate through are all of them, or, for a gradient with respect
    to the logits (dC/dZ), all but the last sigmoid, whose backward pass would
    multiply by sigma'(Z) a second time.

    >>> from nbnp import LinearLayer, compute_stable_bce_cost, and_gate
    >>> X, Y = and_gate()
    >>> layers = [LinearLayer(X.shape, 1), SigmoidLayer((1, 4))]
    >>> _, dZ, below = cost_and_gradient(layers, X, Y, compute_stable_bce_cost)
    >>> below == layers[:1], dZ.shape
    (True, (1, 4))
    """
    takes, grad_wrt = (getattr(cost, name, None) for name in ("takes", "grad_wrt"))
    if not callable(cost) or takes not in _COST_ARRAYS or grad_wrt not in _COST_ARRAYS:
        raise TypeError(
            f"cost must be a function cost(Y, ...) -> (cost, gradient) with attributes takes and grad_wrt, "
            f"each 'output' or 'logits' (what train passes it, and what its gradient is with respect to); "
            f"got {cost!r} with takes={takes!r}, grad_wrt={grad_wrt!r}: set them, e.g. "
            f"my_cost.takes = my_cost.grad_wrt = 'output' for a cost of the network's output"
        )
    if "logits" in (takes, grad_wrt) and not (len(layers) > 1 and isinstance(layers[-1], SigmoidLayer)):
        raise ValueError(
            f"cost {getattr(cost, '__name__', cost)} works with the logits Z of the last linear layer, so "
            f"layers must end with a SigmoidLayer after another layer; got {[type(x).__name__ for x in layers]}"
        )
    Z = forward_pass(layers[:-1], X)
    A = layers[-1].forward(Z)
    value, gradient = cost(Y, Z if takes == "logits" else A)
    return value, gradient, layers if grad_wrt == "output" else layers[:-1]


_COST_ARRAYS = ("output", "logits")


def train(layers, X, Y, epochs, learning_rate, print_every=None,
          cost=compute_cost):
    """Full-batch gradient descent; return the cost before each update.

    X is (n_in, m), Y is (n_out, m); one cost per epoch is returned. The
    cost function is ``cost`` (squared error by default); one that returns
    dC/dZ of the last linear layer, such as
    :func:`~nbnp.cross_entropy.compute_stable_bce_cost`, is back-propagated
    from there, skipping the last sigmoid (see :func:`cost_and_gradient`). With
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
            value, gradient, below = cost_and_gradient(layers, X, Y, cost)
            if not math.isfinite(value):
                raise FloatingPointError(f"the cost at epoch {epoch} is "
                                         f"{value}: training diverged")
            backward_pass(below, gradient, input_grad=False)
            gradient_step(layers, learning_rate)
            costs[epoch] = value
            if print_every and epoch % print_every == 0:
                print(f"Cost at epoch#{epoch}: {value:.10g}")
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
