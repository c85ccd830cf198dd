"""The two layers of the blog's Part II: a linear layer and a sigmoid layer.

Conventions (the book's notation): examples are *columns*. A batch of ``m``
examples with ``n`` features is an array of shape ``(n, m)``. A linear layer
with ``n_in`` inputs and ``n_out`` units computes

    Z = W A_prev + b,   W: (n_out, n_in),  A_prev: (n_in, m),  b: (n_out, 1),

and a sigmoid layer computes A = sigma(Z) elementwise.

Every layer keeps what its backward pass needs from the forward pass (its input,
or its output) and stores the gradients of the cost C with respect to its
parameters and its input. The gradient flowing *into* a layer from above is
called ``upstream_grad``; it is dC/d(output), with the output's shape.

Example: one sigmoid neuron on the OR gate, W = (0.1, 0.6), b = 0::

    >>> X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    >>> Z1 = LinearLayer(input_shape=X.shape, n_out=1)
    >>> Z1.params["W"] = np.array([[0.1, 0.6]])
    >>> A1 = SigmoidLayer(Z1.Z.shape)
    >>> A1.forward(Z1.forward(X)).round(3)
    array([[0.5  , 0.646, 0.525, 0.668]])
"""

import numpy as np

from .activations import sigmoid
from .initialization import initialize_parameters
from .validation import check_learning_rate, check_matrix, check_positive_int, check_shape


class LinearLayer:
    """Z = W A_prev + b for a batch of column examples.

    Parameters
    ----------
    input_shape : tuple (n_in, m)
        Shape of the input this layer will receive; ``n_in`` fixes the
        weights' shape, ``m`` the shape of the placeholder ``Z`` (batches of
        any size are accepted later).
    n_out : int
        Number of units.
    ini_type : {"plain", "xavier", "he"}
        How to draw the initial weights (see :func:`initialize_parameters`).
    rng : numpy.random.Generator, optional
        Source of the draws; NumPy's global generator by default.

    Attributes
    ----------
    params : dict
        ``"W"`` of shape (n_out, n_in) and ``"b"`` of shape (n_out, 1).
    A_prev : (n_in, m) array
        The last input.
    Z : (n_out, m) array
        The last output.
    dW, db, dA_prev : arrays shaped like W, b and A_prev
        Set by :meth:`backward` (dA_prev is None after
        ``backward(..., input_grad=False)``).
    """

    def __init__(self, input_shape, n_out, ini_type="plain", rng=None):
        n_in, m = check_shape("input_shape", input_shape)
        n_out = check_positive_int("n_out", n_out)
        self.params = initialize_parameters(n_in, n_out, ini_type, rng=rng)
        self.Z = np.zeros((n_out, m))

    def forward(self, A_prev):
        """Store ``A_prev`` (n_in, m); return Z = W A_prev + b, (n_out, m)."""
        n_in = self.params["W"].shape[1]
        self.A_prev = check_matrix("A_prev", A_prev, rows=n_in)
        self.Z = self.params["W"] @ self.A_prev + self.params["b"]
        return self.Z

    def backward(self, upstream_grad, input_grad=True):
        """From dC/dZ (n_out, m), set dW, db, and dA_prev (n_in, m); return it.

        The cost is already averaged over the batch (its derivative carries the
        1/m), so the sums over examples below give averaged gradients. With
        ``input_grad=False`` dA_prev is not computed and is None: the first
        layer of a network does not need it, because its input is the data.
        """
        upstream_grad = check_matrix("upstream_grad", upstream_grad,
                                     shape=self.Z.shape)
        # dC/dW = dC/dZ . A_prev^T: each example's dZ_j x_j^T, summed over them.
        self.dW = upstream_grad @ self.A_prev.T
        # dC/db: b is shared by every example, so its gradient sums the columns.
        self.db = upstream_grad.sum(axis=1, keepdims=True)
        # dC/dA_prev = W^T . dC/dZ, the upstream gradient of the layer below.
        self.dA_prev = self.params["W"].T @ upstream_grad if input_grad else None
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        """One gradient-descent step, p <- p - learning_rate * dC/dp, on W, b."""
        learning_rate = check_learning_rate(learning_rate)
        self.params["W"] = self.params["W"] - learning_rate * self.dW
        self.params["b"] = self.params["b"] - learning_rate * self.db


class SigmoidLayer:
    """A = sigma(Z), elementwise.

    Parameters
    ----------
    shape : tuple (n, m)
        Shape of the input it will receive; fixes the placeholder ``A``.

    Attributes
    ----------
    A : (n, m) array
        The last output.
    dZ : (n, m) array
        Set by :meth:`backward`.
    """

    def __init__(self, shape):
        self.A = np.zeros(check_shape("shape", shape))

    def forward(self, Z):
        """Store and return A = sigma(Z), the same shape as ``Z`` (n, m)."""
        Z = check_matrix("Z", Z, rows=self.A.shape[0],
                         what="one per unit of the layer below")
        self.A = sigmoid(Z)
        return self.A

    def backward(self, upstream_grad, input_grad=True):
        """From dC/dA (n, m), set and return dZ = dC/dA * sigma'(Z), (n, m).

        sigma'(Z) = A (1 - A) uses the stored output: the input is not kept.
        dZ is the gradient for the layer's input, so ``input_grad=False`` (a
        network whose first layer is a sigmoid) leaves nothing to compute,
        and dZ is None.
        """
        upstream_grad = check_matrix("upstream_grad", upstream_grad,
                                     shape=self.A.shape)
        # dC/dZ = dC/dA * dA/dZ, with dA/dZ = sigma(Z)(1 - sigma(Z)) = A (1 - A).
        self.dZ = upstream_grad * self.A * (1 - self.A) if input_grad else None
        return self.dZ
