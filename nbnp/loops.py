"""The gradients of one sigmoid neuron, by a loop over examples and vectorized.

For a neuron y_hat = sigma(W x + b) with the cost C = 1/(2m) sum (y - y_hat)^2
over m examples (the columns of X), both functions return (dC/dW, dC/db).
They compute the same numbers in two ways:

- :func:`gradients_by_loop` visits one example at a time and adds its gradients
  into accumulators (the capital deltas), then divides by m at the end;
- :func:`gradients_vectorized` treats the whole batch as matrices, with no
  Python loop: dZ = (Y_hat - Y) * Y_hat (1 - Y_hat) / m, dW = dZ X^T,
  db = sum of dZ.

The book times one against the other to show what vectorization buys.

>>> X, Y = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]]), np.array([[0.0, 1.0, 1.0, 1.0]])
>>> W, b = np.array([[0.1, 0.6]]), 0.0
>>> dW, db = gradients_by_loop(X, Y, W, b)
>>> dW.round(3), db.round(3)
(array([[-0.048, -0.039]]), array([[-0.037]]))
"""

import numpy as np

from .activations import sigmoid
from .validation import check_matrix


def _check_neuron(X, Y, W, b):
    X = check_matrix("X", X)
    Y = check_matrix("Y", Y, shape=(1, X.shape[1]))
    W = check_matrix("W", W, shape=(1, X.shape[0]))
    if isinstance(
        b, (int, float, np.integer, np.floating)
    ) and not isinstance(b, bool):
        b = np.full(
            (1, 1), float(b)
        )  # a plain number: the bias of the one unit
    b = check_matrix("b", b, shape=(1, 1))
    return X, Y, W, b


def gradients_by_loop(X, Y, W, b):
    """Return ``(dW, dC/db)`` of one sigmoid neuron, one example at a time.

    Parameters
    ----------
    X : (n, m) array
        The examples as columns.
    Y : (1, m) array
        Their labels.
    W : (1, n) array
        The weights.
    b : float or (1, 1) array
        The bias.

    Returns
    -------
    dW : (1, n) array
    db : (1, 1) array
        The gradients of the cost, averages of the per-example loss gradients.
    """
    X, Y, W, b = _check_neuron(X, Y, W, b)
    n, m = X.shape
    Delta_W = np.zeros((1, n))  # accumulates each example's dL/dW
    Delta_b = 0.0  # accumulates each example's dL/db
    for j in range(m):
        x = X[:, j]
        z = float(W[0] @ x) + float(b[0, 0])
        y_hat = float(sigmoid(z))
        # dL/dz of this example, then dL/dW = dL/dz x^T and dL/db = dL/dz
        delta_z = (y_hat - Y[0, j]) * y_hat * (1 - y_hat)
        Delta_W[0] += delta_z * x
        Delta_b += delta_z
    return Delta_W / m, np.array([[Delta_b / m]])


def gradients_vectorized(X, Y, W, b):
    """Return ``(dW, dC/db)`` of one sigmoid neuron for the whole batch at once.

    Same arguments, shapes and results as :func:`gradients_by_loop`.
    """
    X, Y, W, b = _check_neuron(X, Y, W, b)
    m = X.shape[1]
    Y_hat = sigmoid(W @ X + b)  # (1, m)
    dZ = (Y_hat - Y) * Y_hat * (1 - Y_hat) / m  # dC/dZ, (1, m)
    return dZ @ X.T, np.sum(dZ, axis=1, keepdims=True)
