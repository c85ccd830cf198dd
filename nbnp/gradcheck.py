"""Gradient checking: compare analytic gradients with central finite differences.

The derivative of a scalar function f with respect to one entry p of an array is
approximated by the central difference

    (f(p + eps) - f(p - eps)) / (2 eps),

whose error is of order eps^2. The check passes when the relative error
is below a tolerance for the whole array. With the analytic gradient a and the
numerical one n of an array, both taken as vectors, that error is

    ||a - n|| / (||a|| + ||n||)        (0 when both are zero),

with Euclidean norms, as in CS231n. A NaN or infinite gradient, or a cost
function that returns one, raises instead of passing.

Example: the cost of one sigmoid neuron as a function of its weights::

    >>> from nbnp import LinearLayer, SigmoidLayer, compute_cost, or_gate
    >>> X, Y = or_gate()
    >>> lin, sig = LinearLayer(X.shape, 1, rng=np.random.default_rng(0)), SigmoidLayer((1, 4))
    >>> def cost():
    ...     return compute_cost(Y, sig.forward(lin.forward(X)))[0]
    >>> _, dY_hat = compute_cost(Y, sig.forward(lin.forward(X)))
    >>> _ = lin.backward(sig.backward(dY_hat))
    >>> relative_error(lin.dW, numerical_gradient(cost, lin.params["W"])) < 1e-7
    True
"""

import math
import numbers

import numpy as np

from .cost import compute_cost
from .network import backward_pass, cost_and_gradient
from .validation import (
    check_array,
    check_callable,
    check_matrix,
    check_positive_number,
)


def _cost_value(f):
    """Call ``f()`` and return its value, a finite real number, or raise."""
    value = f()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fix = (
            ": compute_cost returns (cost, dY_hat), take [0]"
            if isinstance(value, tuple)
            else ""
        )
        raise TypeError(
            f"f() must return the cost as one number; got {type(value).__name__}{fix}"
        )
    if not math.isfinite(value):
        raise ValueError(f"f() must return a finite cost; got {value}")
    return value


def numerical_gradient(f, x, eps=1e-6):
    """Return the central-difference gradient of ``f()`` with respect to the array ``x``.

    ``f`` takes no arguments and reads ``x``, which is perturbed *in place*,
    one entry at a time, and restored. Shape: like ``x``. ``eps`` is the
    step, a number above 0; ``f`` must return a finite number at every
    perturbed point.
    """
    check_callable("f", f, "the cost, one number")
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        got = type(x).__name__ + (
            f" of dtype {x.dtype}" if isinstance(x, np.ndarray) else ""
        )
        raise TypeError(
            f"x must be a float64 NumPy array perturbed in place; got {got}"
        )
    eps = check_positive_number("eps", eps)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            f_plus = _cost_value(f)
            x[index] = original - eps
            f_minus = _cost_value(f)
        finally:
            x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(analytic, numerical):
    """Return ||analytic - numerical|| / (||analytic|| + ||numerical||), 0 if both are zero.

    Both must be finite arrays (or numbers) of one shape.
    """
    analytic, numerical = (
        check_array("analytic", analytic),
        check_array("numerical", numerical),
    )
    if analytic.shape != numerical.shape:
        raise ValueError(
            f"gradients must have the same shape; got {analytic.shape} and {numerical.shape}"
        )
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numerical)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(analytic - numerical) / denominator)


def check_gradients(f, params, grads, eps=1e-6, tol=1e-7):
    """Compare analytic ``grads`` with finite differences of ``f()`` for each array in ``params``.

    Parameters
    ----------
    f : callable
        Takes no arguments; returns the scalar cost, reading the arrays in ``params``.
    params : dict of str -> ndarray
        The arrays to differentiate with respect to (perturbed in place).
    grads : dict of str -> ndarray
        The analytic gradients, same keys and shapes.
    eps : float
        The step of the central differences, above 0.
    tol : float
        Largest relative error accepted, above 0.

    Returns
    -------
    dict of str -> float
        The relative error of each gradient.

    Raises
    ------
    AssertionError
        If any relative error exceeds ``tol``, naming which one.
    ValueError
        If ``f()`` returns NaN or infinity, at the parameters or at a
        perturbed point, or a gradient holds one: such a check cannot pass.
    """
    check_callable("f", f, "the cost, one number")
    eps, tol = (
        check_positive_number("eps", eps),
        check_positive_number("tol", tol),
    )
    for name, mapping in (("params", params), ("grads", grads)):
        if not isinstance(mapping, dict):
            raise TypeError(
                f"{name} must be a dict of name -> array; got {type(mapping).__name__}"
            )
    if set(params) != set(grads):
        raise ValueError(
            f"params and grads must have the same keys; got {sorted(params)} and {sorted(grads)}"
        )
    _cost_value(f)
    errors = {}
    for name, value in params.items():
        if not isinstance(value, np.ndarray):
            raise TypeError(
                f"params[{name!r}] must be the NumPy array f reads; got {type(value).__name__}"
            )
        analytic = check_matrix(
            f"grads[{name!r}]", grads[name], shape=value.shape
        )
        errors[name] = relative_error(
            analytic, numerical_gradient(f, value, eps)
        )
    failed = {name: err for name, err in errors.items() if not err <= tol}
    if failed:
        report = ", ".join(
            f"{name}: {err:.2e}" for name, err in failed.items()
        )
        raise AssertionError(
            f"gradient check failed (relative error above {tol:g}): {report}"
        )
    return errors


def check_network_gradients(
    layers, X, Y, eps=1e-6, tol=1e-7, cost=compute_cost
):
    """Gradient-check every parameter of a network against finite differences of its cost.

    Runs one forward and backward pass on X (n_in, m) and Y (n_out, m) at the
    current parameters, as :func:`nbnp.train` does with the same ``cost``
    (squared error by default; see :func:`nbnp.network.cost_and_gradient`),
    compares each layer's ``dW`` and ``db`` with central differences of the
    cost, and finally runs
    the passes again, so that the layers hold the unperturbed values and
    gradients. Parameters are named by layer position: ``W0``, ``b0`` for
    ``layers[0]``, ``W2``, ``b2`` for ``layers[2]``, and so on.

    Returns the relative error of each gradient; raises ``AssertionError`` like
    :func:`check_gradients` when one exceeds ``tol``, and the errors of
    :func:`nbnp.forward_pass` and :func:`nbnp.compute_cost` for layers, X or
    Y that do not fit.
    """

    def value():
        return cost_and_gradient(layers, X, Y, cost)[0]

    def passes():
        _, gradient, below = cost_and_gradient(layers, X, Y, cost)
        backward_pass(below, gradient)

    trained = {
        i: layer
        for i, layer in enumerate(layers)
        if hasattr(layer, "params")
    }
    if not trained:
        raise ValueError("layers has no layer with parameters to check")
    passes()
    params = {
        f"{name}{i}": layer.params[name]
        for i, layer in trained.items()
        for name in ("W", "b")
    }
    grads = {f"W{i}": layer.dW for i, layer in trained.items()} | {
        f"b{i}": layer.db for i, layer in trained.items()
    }
    try:
        return check_gradients(value, params, grads, eps=eps, tol=tol)
    finally:
        passes()
