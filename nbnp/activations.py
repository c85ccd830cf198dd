"""The sigmoid (logistic) function and its derivative."""

import numpy as np

from .validation import check_array


# exp(-z) overflows to inf for z < -709; 1 / (1 + inf) = 0 is then the exact limit, so the overflow
# is not reported. (As a decorator, errstate costs half as much per call as a `with` block.)
@np.errstate(over="ignore")
def sigmoid(z):
    """Return sigma(z) = 1 / (1 + exp(-z)), elementwise; any shape.

    ``z`` must be finite real numbers (a NaN would come out as NaN).

    >>> float(sigmoid(0.0))
    0.5
    """
    return 1 / (1 + np.exp(-np.asarray(check_array("z", z), dtype=float)))


def sigmoid_derivative(z):
    """Return d sigma / dz = sigma(z) (1 - sigma(z)), elementwise, evaluated at ``z``.

    The argument is the *input* z of the sigmoid, not its output: passing
    sigma(z) here computes sigma'(sigma(z)), a different number.

    >>> float(sigmoid_derivative(0.0))
    0.25
    """
    s = sigmoid(z)
    return s * (1 - s)
