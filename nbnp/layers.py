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
from .validation import (
    check_flag,
    check_learning_rate,
    check_matrix,
    check_positive_int,
    check_shape,
    checking,
)


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

    Each method's first line checks its input (see :mod:`nbnp.validation`);
    the checks are in the private methods (``_check_input`` and the like).
    """

    def __init__(self, input_shape, n_out, ini_type="plain", rng=None):
        n_in, m = check_shape("input_shape", input_shape)
        n_out = check_positive_int("n_out", n_out)
        self.params = initialize_parameters(n_in, n_out, ini_type, rng=rng)
        self.Z = np.zeros((n_out, m))

    def forward(self, A_prev):
        """Store ``A_prev`` (n_in, m); return Z = W A_prev + b, (n_out, m)."""
        self.A_prev = self._check_input(A_prev)
        self.Z = self.params["W"] @ self.A_prev + self.params["b"]
        return self.Z

    def backward(self, upstream_grad, input_grad=True):
        """From dC/dZ (n_out, m), set dW, db, and dA_prev (n_in, m); return it.

        The cost is already averaged over the batch (its derivative carries the
        1/m), so the sums over examples below give averaged gradients. With
        ``input_grad=False`` dA_prev is not computed and is None: the first
        layer of a network does not need it, because its input is the data.
        """
        upstream_grad = self._check_upstream(upstream_grad, input_grad)
        # dC/dW = dC/dZ . A_prev^T: each example's dZ_j x_j^T, summed over them.
        self.dW = upstream_grad @ self.A_prev.T
        # dC/db: b is shared by every example, so its gradient sums the columns.
        self.db = upstream_grad.sum(axis=1, keepdims=True)
        # dC/dA_prev = W^T . dC/dZ, the upstream gradient of the layer below.
        self.dA_prev = (
            self.params["W"].T @ upstream_grad if input_grad else None
        )
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        """One gradient-descent step, p <- p - learning_rate * dC/dp, on W, b."""
        learning_rate = self._check_update(learning_rate)
        self.params["W"] = self.params["W"] - learning_rate * self.dW
        self.params["b"] = self.params["b"] - learning_rate * self.db

    #: The dW of the last update, so that a second update on it raises.
    _used_gradient = None

    def _sizes(self):
        """Return (n_in, n_out) if W is a finite (n_out, n_in) array and b
        a finite (n_out, 1) column, storing them as float arrays; or raise."""
        W = check_matrix(
            'params["W"]', self.params["W"], layout="(n_out, n_in)"
        )
        b = check_matrix(
            'params["b"]', self.params["b"], layout="(n_out, 1)"
        )
        # W transposed: b, and the layer's units (the rows of Z), fit W.T.
        if b.shape[0] == W.shape[1] == self.Z.shape[0] != W.shape[0]:
            check_matrix(
                'params["W"]',
                W,
                shape=W.shape[::-1],
                what="n_out by n_in, one row per entry of b",
            )
        b = check_matrix(
            'params["b"]',
            b,
            shape=(W.shape[0], 1),
            what="a column, one bias per row of W",
        )
        self.params["W"], self.params["b"] = W, b
        return W.shape[1], W.shape[0]

    def _check_input(self, A_prev):
        if not checking():
            return A_prev
        n_in, _ = self._sizes()
        return check_matrix("A_prev", A_prev, rows=n_in)

    def _output(self):
        """The last output Z, or RuntimeError if forward has not run."""
        if not hasattr(self, "A_prev"):
            raise RuntimeError(
                "call forward() before backward(): this "
                "LinearLayer has not received an input yet"
            )
        return self.Z

    def _check_upstream(self, upstream_grad, input_grad):
        if not checking():
            return upstream_grad
        shape = self._output().shape
        check_flag("input_grad", input_grad)
        return check_matrix(
            "upstream_grad",
            upstream_grad,
            shape=shape,
            what="like the output Z",
        )

    def _check_gradients(self):
        """Raise RuntimeError unless backward has set gradients that no
        update has used yet, for the current shapes of W and b."""
        if not hasattr(self, "dW"):
            raise RuntimeError(
                "call backward() before update_params(): "
                "this LinearLayer has no gradients yet"
            )
        if self.dW is self._used_gradient:
            raise RuntimeError(
                "update_params() has already used these "
                "gradients: call forward() and backward() "
                "again for new ones"
            )
        if self.dW.shape != np.shape(self.params["W"]):
            raise RuntimeError(
                f"the gradient dW has shape {self.dW.shape} "
                f"but W has {np.shape(self.params['W'])}: "
                "run forward() and backward() again"
            )

    def _check_update(self, learning_rate):
        if checking():
            learning_rate = check_learning_rate(learning_rate)
            self._sizes()
            self._check_gradients()
        # Recorded also when the checks are off, so that a later update
        # knows this gradient was used (train updates unchecked).
        self._used_gradient = self.dW
        return learning_rate


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

    As in :class:`LinearLayer`, the input checks are in private methods.
    """

    def __init__(self, shape):
        self.A = np.zeros(check_shape("shape", shape))

    def forward(self, Z):
        """Store and return A = sigma(Z), the same shape as ``Z`` (n, m)."""
        self.A = sigmoid(self._check_input(Z))
        return self.A

    def backward(self, upstream_grad, input_grad=True):
        """From dC/dA (n, m), set and return dZ = dC/dA * sigma'(Z), (n, m).

        sigma'(Z) = A (1 - A) uses the stored output: the input is not kept.
        dZ is the gradient for the layer's input, so ``input_grad=False`` (a
        network whose first layer is a sigmoid) leaves nothing to compute,
        and dZ is None.
        """
        upstream_grad = self._check_upstream(upstream_grad, input_grad)
        # dC/dZ = dC/dA * dA/dZ, with dA/dZ = sigma(Z)(1 - sigma(Z)) = A (1 - A).
        self.dZ = (
            upstream_grad * self.A * (1 - self.A) if input_grad else None
        )
        return self.dZ

    #: Set by the first forward; backward before it raises.
    _has_input = False

    def _sizes(self):
        """Return (n, n): a sigmoid layer has as many outputs as inputs."""
        return self.A.shape[0], self.A.shape[0]

    def _check_input(self, Z):
        self._has_input = True
        return check_matrix(
            "Z",
            Z,
            rows=self.A.shape[0],
            what="one per unit of the layer below",
        )

    def _output(self):
        """The last output A, or RuntimeError if forward has not run."""
        if not self._has_input:
            raise RuntimeError(
                "call forward() before backward(): this "
                "SigmoidLayer has not received an input yet"
            )
        return self.A

    def _check_upstream(self, upstream_grad, input_grad):
        if not checking():
            return upstream_grad
        shape = self._output().shape
        check_flag("input_grad", input_grad)
        return check_matrix(
            "upstream_grad",
            upstream_grad,
            shape=shape,
            what="like the output A",
        )
