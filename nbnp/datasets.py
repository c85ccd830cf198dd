"""The logic-gate datasets of Part I, examples as columns.

Each function returns ``(X, Y)`` with X of shape (2, 4), rows x1 and x2, and
Y of shape (1, 4). The four examples are always in the order
(0, 0), (0, 1), (1, 0), (1, 1).

>>> X, Y = or_gate()
>>> X
array([[0., 0., 1., 1.],
       [0., 1., 0., 1.]])
>>> Y
array([[0., 1., 1., 1.]])
"""

import numpy as np

from .validation import check_matrix

_INPUTS = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])


def _gate(labels):
    return _INPUTS.copy(), np.array([labels], dtype=float)


def or_gate():
    """Inputs and labels of the OR gate: y = 1 if x1 or x2 is 1."""
    return _gate([0, 1, 1, 1])


def and_gate():
    """Inputs and labels of the AND gate: y = 1 only if both inputs are 1."""
    return _gate([0, 0, 0, 1])


def xor_gate():
    """Inputs and labels of the XOR gate: y = 1 if exactly one input is 1."""
    return _gate([0, 1, 1, 0])


def add_feature_cross(X):
    """Return X (2, m) with a third row x3 = x1 * x2 appended: shape (3, m).

    >>> add_feature_cross(np.array([[1.0, 2.0], [3.0, 4.0]]))
    array([[1., 2.],
           [3., 4.],
           [3., 8.]])
    """
    X = check_matrix("X", X, rows=2, what="the features x1 and x2")
    return np.vstack([X, X[0] * X[1]])
