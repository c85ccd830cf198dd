"""Running a stack of layers: one forward loop, one backward loop, one update loop.

A network is a plain list of layers, applied in order; for the 2-layer XOR
network of the book::

    layers = [LinearLayer(X.shape, 3, "xavier"), SigmoidLayer((3, m)),
              LinearLayer((3, m), 1, "xavier"), SigmoidLayer((1, m))]

Every function here works for any such list, because every layer's
``forward`` returns its output and every ``backward`` returns the gradient for
the layer below (or skips it when called with ``input_grad=False``).

Each function first checks the whole list (the ``_check`` functions at the
end of this module): it must hold each layer once, each layer must fit the
one before it, and a failing layer is named by its position and type::

    >>> import nbnp
    >>> X, Y = nbnp.xor_gate()
    >>> layers = [nbnp.LinearLayer(X.shape, 3), nbnp.SigmoidLayer((3, 4)),
    ...           nbnp.LinearLayer((4, 4), 1)]
    >>> forward_pass(layers, X)
    Traceback (most recent call last):
    ...
    ValueError: layer 2 (LinearLayer) expects 4 inputs but layer 1 (SigmoidLayer) gives 3: build each layer from the output shape of the one before it, as in LinearLayer(A1.A.shape, n_out)
"""

import contextlib
import math

import numpy as np

from .cost import compute_cost
from .layers import LinearLayer, SigmoidLayer
from .validation import (
    UNIT_INTERVAL,
    check_classes,
    check_flag,
    check_learning_rate,
    check_matrix,
    check_number,
    check_positive_int,
    check_within,
    checking,
    first_pass_checked,
)


def forward_pass(layers, X):
    """Return the last layer's output for input X (n_in, m)."""
    A = _check_forward(layers, X)
    for layer in layers:
        A = layer.forward(A)
    return A


def backward_pass(layers, dA, input_grad=True):
    """Back-propagate dC/d(output), last layer first; return dC/dX (n_in, m).

    With ``input_grad=False`` the first layer does not compute dC/dX and
    None is returned: training never uses the gradient for the data.
    """
    dA = _check_backward(layers, dA, input_grad)
    for layer in reversed(layers[1:]):
        dA = layer.backward(dA)
    return layers[0].backward(dA, input_grad=input_grad)


def gradient_step(layers, learning_rate):
    """Update the parameters of every layer that has any."""
    learning_rate = _check_step(layers, learning_rate)
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
    takes, grad_wrt = (
        getattr(cost, name, None) for name in ("takes", "grad_wrt")
    )
    if (
        not callable(cost)
        or takes not in _COST_ARRAYS
        or grad_wrt not in _COST_ARRAYS
    ):
        raise TypeError(
            f"cost must be a function cost(Y, ...) -> (cost, gradient) with attributes takes and grad_wrt, "
            f"each 'output' or 'logits' (what train passes it, and what its gradient is with respect to); "
            f"got {cost!r} with takes={takes!r}, grad_wrt={grad_wrt!r}: set them, e.g. "
            f"my_cost.takes = my_cost.grad_wrt = 'output' for a cost of the network's output"
        )
    if "logits" in (takes, grad_wrt) and not (
        len(layers) > 1 and isinstance(layers[-1], SigmoidLayer)
    ):
        raise ValueError(
            f"cost {getattr(cost, '__name__', cost)} works with the logits Z of the last linear layer, so "
            f"layers must end with a SigmoidLayer after another layer; got {[type(x).__name__ for x in layers]}"
        )
    Z = _check_forward(layers, X)
    for layer in layers[:-1]:
        Z = layer.forward(Z)
    A = layers[-1].forward(Z)
    value, gradient = cost(Y, Z if takes == "logits" else A)
    return value, gradient, layers if grad_wrt == "output" else layers[:-1]


_COST_ARRAYS = ("output", "logits")


def train(
    layers, X, Y, epochs, learning_rate, print_every=None, cost=compute_cost
):
    """Full-batch gradient descent; return the cost before each update.

    X is (n_in, m), Y is (n_out, m); one cost per epoch is returned. The
    cost function is ``cost`` (squared error by default); one that returns
    dC/dZ of the last linear layer, such as
    :func:`~nbnp.cross_entropy.compute_stable_bce_cost`, is back-propagated
    from there, skipping the last sigmoid (see :func:`cost_and_gradient`).
    With ``print_every=100`` it prints ``Cost at epoch#0: ...`` every 100
    epochs, at 10 significant digits (digits beyond that depend on the order
    of floating-point sums, which varies between machines).

    Checks: the layers, X, Y (in [0, 1] when the last layer is a sigmoid)
    and the learning rate once, and the first epoch runs with every check
    of every layer. Later epochs repeat the same computation on arrays of
    the same shapes and skip those array checks (on the XOR network they
    take as long as the arithmetic); instead each cost must be finite, as a
    NaN anywhere in the network reaches the cost: a run that diverges stops
    with ``FloatingPointError`` at that epoch.
    """
    X, Y = _check_training(layers, X, Y, epochs, learning_rate, print_every)
    costs = np.empty(epochs)
    with first_pass_checked(range(epochs)) as epoch_numbers:
        for epoch in epoch_numbers:
            value, gradient, below = cost_and_gradient(layers, X, Y, cost)
            if not math.isfinite(value):
                raise FloatingPointError(
                    f"the cost at epoch {epoch} is "
                    f"{value}: training diverged"
                )
            backward_pass(below, gradient, input_grad=False)
            gradient_step(layers, learning_rate)
            costs[epoch] = value
            if print_every and epoch % print_every == 0:
                print(f"Cost at epoch#{epoch}: {value:.10g}")
    return costs


def predict(layers, X, threshold=0.5):
    """Return the predicted classes (0.0 or 1.0), shape (n_out, m): 1 where the output is >= threshold.

    After a sigmoid the threshold must lie strictly between 0 and 1 (at 0 or
    1 every prediction would be the same class); otherwise it must be finite.
    """
    if isinstance(_check_layers(layers)[-1], SigmoidLayer):
        threshold = check_number("threshold", threshold, *UNIT_INTERVAL)
    else:
        threshold = check_number("threshold", threshold)
    return (forward_pass(layers, X) >= threshold).astype(float)


def accuracy(Y, predictions):
    """Return the percentage of entries where ``predictions`` equals ``Y`` (both (n, m), classes 0 and 1).

    ``predictions`` are classes, as :func:`predict` returns them, not the
    network's outputs: probabilities raise ``ValueError``.
    """
    Y = check_classes("Y", Y)
    predictions = check_matrix(
        "predictions", predictions, shape=Y.shape, what="the shape of Y"
    )
    if not np.isin(predictions, (0, 1)).all():
        raise ValueError(
            "predictions must hold only the classes 0 and 1; got other values: "
            "pass predict(layers, X), not the network's output"
        )
    return 100.0 * float(np.mean(predictions == Y))


def _name(position, layer):
    return f"layer {position} ({type(layer).__name__})"


@contextlib.contextmanager
def _naming(position, layer):
    """Put the layer's position and type before the message of an error raised inside."""
    try:
        yield
    except (TypeError, ValueError, RuntimeError) as error:
        raise type(error)(f"{_name(position, layer)}: {error}") from None


def _check_layers(layers):
    """Return ``layers`` if it is a non-empty list or tuple of distinct layers, or raise."""
    if not isinstance(layers, (list, tuple)):
        fix = (
            ": put it in a list, [layer]"
            if hasattr(layers, "forward")
            else ""
        )
        raise TypeError(
            f"layers must be a list of layers; got {type(layers).__name__}{fix}"
        )
    if not layers:
        raise ValueError(
            "layers must hold at least one layer; got an empty list"
        )
    positions = {}
    for position, layer in enumerate(layers):
        if not (
            callable(getattr(layer, "forward", None))
            and callable(getattr(layer, "backward", None))
        ):
            raise TypeError(
                f"layers[{position}] must be a layer, with forward() and backward(); "
                f"got {type(layer).__name__}"
            )
        if id(layer) in positions:
            raise ValueError(
                f"{_name(position, layer)} is the same object as layer {positions[id(layer)]}: "
                "a network needs a new layer at each position (a list repeated with * "
                "repeats the same layers)"
            )
        positions[id(layer)] = position
    return layers


def _check_forward(layers, X):
    """Return X checked against the first layer, after checking that every layer fits the one before it."""
    if not checking():
        return X
    _check_layers(layers)
    X = check_matrix("X", X)
    rows, source = X.shape[0], None
    for position, layer in enumerate(layers):
        if not isinstance(layer, (LinearLayer, SigmoidLayer)):
            rows = None  # a layer of the reader's own: its sizes are unknown
            continue
        with _naming(position, layer):
            n_in, n_out = layer._sizes()
        if rows is not None and rows != n_in:
            if source is None:
                check_matrix(
                    "X",
                    X,
                    rows=n_in,
                    what=f"one per input of {_name(position, layer)}, "
                    "examples as columns",
                )
            example = (
                "LinearLayer(A1.A.shape, n_out)"
                if isinstance(layer, LinearLayer)
                else "SigmoidLayer(Z1.Z.shape)"
            )
            raise ValueError(
                f"{_name(position, layer)} expects {n_in} inputs but {source} gives {rows}: "
                f"build each layer from the output shape of the one before it, as in {example}"
            )
        rows, source = n_out, _name(position, layer)
    return X


def _check_backward(layers, dA, input_grad):
    """Return dA checked against the last layer's output, after checking that every layer has
    run forward on the same batch."""
    if not checking():
        return dA
    _check_layers(layers)
    check_flag("input_grad", input_grad)
    output, first = None, None
    for position, layer in enumerate(layers):
        if not isinstance(layer, (LinearLayer, SigmoidLayer)):
            output = None
            continue
        with _naming(position, layer):
            output = layer._output()
        if first is None:
            first = position, output.shape[1]
        elif output.shape[1] != first[1]:
            raise ValueError(
                f"{_name(position, layer)} last saw a batch of {output.shape[1]} examples but "
                f"layer {first[0]} saw {first[1]}: run forward_pass(layers, X) again"
            )
    if output is None:
        return dA
    return check_matrix(
        "dA",
        dA,
        shape=output.shape,
        what=f"the output of {_name(len(layers) - 1, layers[-1])}",
    )


def _check_step(layers, learning_rate):
    if not checking():
        return learning_rate
    learning_rate = check_learning_rate(learning_rate)
    for position, layer in enumerate(_check_layers(layers)):
        if isinstance(layer, LinearLayer):
            with _naming(position, layer):
                layer._sizes()
                layer._check_gradients()
    return learning_rate


def _check_training(layers, X, Y, epochs, learning_rate, print_every):
    """Return (X, Y) as float arrays after checking every argument of :func:`train`."""
    check_positive_int("epochs", epochs)
    check_learning_rate(learning_rate)
    if print_every is not None:
        check_positive_int("print_every", print_every)
    X = _check_forward(layers, X)
    last = layers[-1]
    if not isinstance(last, (LinearLayer, SigmoidLayer)):
        return X, check_matrix("Y", Y)
    shape = (last._sizes()[1], X.shape[1])
    where = f"one row per output of {_name(len(layers) - 1, last)}, one column per example of X"
    if isinstance(last, SigmoidLayer):
        return X, check_within(
            "Y",
            Y,
            why="a sigmoid's outputs cannot reach other targets",
            shape=shape,
            what=where,
        )
    return X, check_matrix("Y", Y, shape=shape, what=where)
