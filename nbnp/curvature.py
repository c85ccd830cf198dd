"""The gradient as one vector, and the curvature of the cost: its Hessian.

Used where the book asks how sharply the cost curves (the step-size limit
alpha < 2 / lambda_max of chapters/deeper_networks.md). The parameters are
every linear layer's W, then its b, in the order of the layers, each read row
by row, as ``np.ravel`` reads them. For a 2-3-1 network that is
W1 (3 x 2), b1 (3), W2 (1 x 3), b2 (1): 13 parameters.
"""

import numpy as np

from .cost import compute_cost
from .layers import LinearLayer
from .network import backward_pass, cost_and_gradient
from .validation import check_positive_number, skip_array_checks


def parameter_gradient(layers, X, Y, cost=compute_cost):
    """dC/d(every W and b) as one vector, on X (n_in, m) and Y (n_out, m).

    One forward pass, the cost and one backward pass, as an epoch of
    :func:`~nbnp.network.train` does before its update; the layers keep their
    dW and db, and, as in ``train``, the gradient of the data is not computed
    (the first layer's dA_prev is None). For the 2-3-1 XOR network the vector
    has 13 entries.
    """
    _, gradient, below = cost_and_gradient(layers, X, Y, cost)
    backward_pass(below, gradient, input_grad=False)
    linear = [layer for layer in layers if isinstance(layer, LinearLayer)]
    return np.concatenate(
        [g.ravel() for layer in linear for g in (layer.dW, layer.db)]
    )


def hessian(layers, X, Y, cost=compute_cost, eps=1e-5):
    """The Hessian of the cost in every W and b: shape (P, P), symmetric.

    Column k is how the gradient changes when parameter k moves by +-eps
    (central finite differences of :func:`parameter_gradient`); the matrix is
    then symmetrised, (H + H^T) / 2, since a Hessian is symmetric and the
    differences are not exactly. Every parameter is restored afterwards. The
    first gradient runs with every check (the layers, X, Y, the cost); the
    2P that follow repeat it on arrays of the same shapes and skip the array
    checks, as the epochs of ``train`` after the first do.
    """
    eps = check_positive_number("eps", eps)
    parameter_gradient(layers, X, Y, cost)
    linear = [layer for layer in layers if isinstance(layer, LinearLayer)]
    columns = []
    with skip_array_checks():
        for P in (layer.params[name] for layer in linear for name in "Wb"):
            for k in np.ndindex(P.shape):
                kept = P[k]
                P[k] = kept + eps
                g_plus = parameter_gradient(layers, X, Y, cost)
                P[k] = kept - eps
                g_minus = parameter_gradient(layers, X, Y, cost)
                P[k] = kept
                columns.append((g_plus - g_minus) / (2 * eps))
    H = np.array(columns)
    return (H + H.T) / 2
