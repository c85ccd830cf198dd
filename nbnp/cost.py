"""The squared-error cost and its derivative.

For labels Y and predictions Y_hat of shape (1, m) (or (n, m) for n outputs),

    C = 1/(2m) * sum (Y - Y_hat)^2,        dC/dY_hat = -(1/m) (Y - Y_hat).

For one example (m = 1) the cost is the loss L = 1/2 (y - y_hat)^2 and its
derivative is y_hat - y.

The labels may be any finite numbers here (the squared error is defined for
all); :func:`nbnp.train` checks that they are in [0, 1] when the network ends
with a sigmoid, whose outputs cannot reach other targets.
"""

from .validation import check_cost_inputs


def compute_cost(Y, Y_hat):
    """Return ``(cost, dY_hat)``: the cost (a float) and dC/dY_hat (like Y).

    >>> import numpy as np
    >>> cost, dY_hat = compute_cost(np.array([[0.0]]), np.array([[0.5]]))
    >>> cost, dY_hat
    (0.125, array([[0.5]]))
    """
    Y, Y_hat = check_cost_inputs(Y, Y_hat)
    m = Y.shape[1]
    cost = float(((Y - Y_hat) ** 2).sum() / (2 * m))
    # dC/dY_hat: this 1/m makes every parameter gradient an average over
    # the examples.
    dY_hat = -(Y - Y_hat) / m
    return cost, dY_hat


# What nbnp.train passes to the cost (the network's output) and what its gradient is with respect to.
compute_cost.takes = compute_cost.grad_wrt = "output"

#: The sequel's name for the same squared-error cost: ``compute_mse_cost(Y, Y_hat)``.
compute_mse_cost = compute_cost
