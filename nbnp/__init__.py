"""nbnp: Nothing but NumPy, the package behind the book.

Examples are columns: a batch of m examples with n features has shape (n, m).

>>> import numpy as np, nbnp
>>> X, Y = nbnp.xor_gate()
>>> X.shape, Y.shape
((2, 4), (1, 4))
"""

from .activations import sigmoid, sigmoid_derivative
from .cost import compute_cost, compute_mse_cost
from .cross_entropy import (
    compute_bce_cost,
    compute_keras_like_bce_cost,
    compute_stable_bce_cost,
)
from .curvature import hessian, parameter_gradient
from .datasets import (
    add_feature_cross,
    and_gate,
    load_iris,
    or_gate,
    xor_gate,
)
from .descent import descend
from .gradcheck import (
    check_gradients,
    check_network_gradients,
    numerical_gradient,
    relative_error,
)
from .initialization import initialize_parameters
from .layers import LinearLayer, SigmoidLayer
from .network import (
    accuracy,
    backward_pass,
    cost_and_gradient,
    forward_pass,
    gradient_step,
    predict,
    train,
)

__all__ = [
    "LinearLayer",
    "SigmoidLayer",
    "accuracy",
    "add_feature_cross",
    "and_gate",
    "backward_pass",
    "check_gradients",
    "check_network_gradients",
    "compute_bce_cost",
    "compute_cost",
    "compute_keras_like_bce_cost",
    "compute_mse_cost",
    "compute_stable_bce_cost",
    "cost_and_gradient",
    "descend",
    "forward_pass",
    "gradient_step",
    "hessian",
    "initialize_parameters",
    "load_iris",
    "numerical_gradient",
    "or_gate",
    "parameter_gradient",
    "predict",
    "relative_error",
    "sigmoid",
    "sigmoid_derivative",
    "train",
    "xor_gate",
]
__version__ = "0.1.0"
