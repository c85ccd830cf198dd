"""Binary cross-entropy, the cost of a classifier whose output is a probability.

Labels Y are 0 or 1 and the network's output P_hat = sigma(Z) is the
probability that the label is 1; both have shape (1, m) (or (n, m) for n
independent outputs), examples as columns. The cost is the mean negative
log-likelihood of the labels,

    C = 1/m * sum( -Y log(P_hat) - (1 - Y) log(1 - P_hat) ),

with dC/dP_hat = 1/m * ( -Y / P_hat + (1 - Y) / (1 - P_hat) ). Through the
last sigmoid, dP_hat/dZ = P_hat (1 - P_hat), and the product simplifies to

    dC/dZ = 1/m * (P_hat - Y).

Three functions compute it, with the sequel's names and signatures:

- :func:`compute_bce_cost` takes P_hat and returns dC/dP_hat: the formula as
  written, which fails where P_hat rounds to 0 or 1 (log(0));
- :func:`compute_stable_bce_cost` takes the logits Z of the last linear layer
  and returns dC/dZ: the same cost rearranged so that no exp overflows and no
  log sees 0;
- :func:`compute_keras_like_bce_cost` takes P_hat, clips it to
  [1e-7, 1 - 1e-7] as Keras does, turns it back into logits and returns the
  stable cost and dC/dZ.

Each function carries two attributes that tell :func:`nbnp.train` how to use
it: ``takes`` (``"output"``: the network's output P_hat; ``"logits"``: the Z
of the last linear layer) and ``grad_wrt`` (which of the two the returned
gradient is with respect to). A gradient with respect to the logits is
back-propagated from the last linear layer: the last sigmoid's backward pass is
skipped, as its derivative is already inside P_hat - Y.

>>> Y, Z = np.array([[1.0, 0.0]]), np.array([[0.0, 0.0]])
>>> cost, dZ = compute_stable_bce_cost(Y, Z)
>>> round(cost, 6), dZ                  # log 2, and (sigma(0) - Y) / 2
(0.693147, array([[-0.25,  0.25]]))
"""

import numpy as np

from .activations import sigmoid
from .validation import check_matrix

#: Keras's clipping bound: probabilities are clipped to [EPSILON, 1 - EPSILON].
EPSILON = 1e-7


def check_labels(name, Y):
    """Return the 2-D array ``Y`` if every entry is 0 or 1, or raise naming a bad entry."""
    Y = check_matrix(name, Y)
    bad = (Y != 0) & (Y != 1)
    if bad.any():
        raise ValueError(
            f"{name} must contain only the labels 0 and 1; got {_where(name, Y, bad, 'other values')} "
            f"(binarise the classes first, e.g. Y = (species == 2).astype(float))"
        )
    return Y


def check_probabilities(name, P, shape):
    """Return the 2-D array ``P`` of shape ``shape`` if every entry is in [0, 1], or raise."""
    P = check_matrix(name, P, shape=shape)
    bad = (P < 0) | (P > 1)
    if bad.any():
        raise ValueError(
            f"{name} must contain probabilities in [0, 1]; got {_where(name, P, bad, 'entries outside')} "
            f"(pass the last sigmoid's output A, or pass the last linear layer's Z to compute_stable_bce_cost)"
        )
    return P


def _where(name, array, bad, what):
    """Say how many entries of ``array`` are ``bad`` and show the first: '2 entries outside, e.g. P[0, 3] = 1.5'."""
    i, j = (int(k) for k in np.argwhere(bad)[0])
    return f"{int(bad.sum())} {what}, e.g. {name}[{i}, {j}] = {float(array[i, j])!r}"


def compute_bce_cost(Y, P_hat):
    """Return ``(cost, dP_hat)``: the cross-entropy (a float) and dC/dP_hat, shaped like Y.

    Y (n, m) holds labels 0 or 1, P_hat (n, m) probabilities in [0, 1]; the
    formulas are the module's. Where P_hat is 0 or 1 (a sigmoid's output
    rounds to 1 once Z > 37), a log or a division meets 0 and the cost or the
    gradient would be inf or NaN: this raises instead, naming the stable cost.

    >>> cost, dP_hat = compute_bce_cost(np.array([[1.0, 0.0]]), np.array([[0.8, 0.2]]))
    >>> round(cost, 6), dP_hat.round(4)     # -log(0.8); (-1/0.8 / 2, 1/0.8 / 2)
    (0.223144, array([[-0.625,  0.625]]))
    """
    Y = check_labels("Y", Y)
    P_hat = check_probabilities("P_hat", P_hat, shape=Y.shape)
    m = Y.shape[1]
    with np.errstate(
        divide="ignore", invalid="ignore", over="ignore"
    ):  # checked just below
        losses = -Y * np.log(P_hat) - (1 - Y) * np.log(1 - P_hat)
        # dC/dP_hat, one term per label value; the 1/m averages every parameter gradient.
        dP_hat = (-Y / P_hat + (1 - Y) / (1 - P_hat)) / m
    bad = ~(np.isfinite(losses) & np.isfinite(dP_hat))
    if bad.any():
        raise ValueError(
            f"compute_bce_cost cannot take log(0): P_hat is 0 or 1 (to rounding) at "
            f"{_where('P_hat', P_hat, bad, 'entries')}, which makes the cost or dC/dP_hat inf or NaN; "
            f"use compute_stable_bce_cost(Y, Z) with the last linear layer's Z, "
            f"or compute_keras_like_bce_cost(Y, P_hat), which clips P_hat to [{EPSILON:g}, 1 - {EPSILON:g}]"
        )
    return float(losses.sum() / m), dP_hat


def compute_stable_bce_cost(Y, Z):
    """Return ``(cost, dZ)``: the cross-entropy computed from the logits Z, and dC/dZ.

    Y (n, m) holds labels 0 or 1; Z (n, m) is the last linear layer's output,
    any finite numbers, with P_hat = sigma(Z). Per entry the loss
    -Y log sigma(Z) - (1 - Y) log(1 - sigma(Z)) equals

        max(Z, 0) - Z Y + log(1 + exp(-|Z|)),

    in which exp never overflows and the log's argument lies in (1, 2]
    (computed with ``log1p`` for accuracy). The cost is the sum over entries
    divided by m, and dZ = (sigma(Z) - Y) / m, shaped like Z.

    >>> cost, dZ = compute_stable_bce_cost(np.array([[0.0]]), np.array([[800.0]]))
    >>> cost, dZ                            # sigma(800) is 1.0: the naive form takes log(0)
    (800.0, array([[1.]]))
    """
    Y = check_labels("Y", Y)
    Z = check_matrix("Z", Z, shape=Y.shape)
    m = Y.shape[1]
    losses = np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))
    # dC/dZ = dC/dP_hat * sigma'(Z): the sigmoid's slope cancels the cross-entropy's denominators.
    dZ = (sigmoid(Z) - Y) / m
    return float(losses.sum() / m), dZ


def compute_keras_like_bce_cost(Y, P_hat, from_logits=False):
    """Return ``(cost, dZ)`` from probabilities, the way Keras does: clip, back to logits, stable cost.

    Y (n, m) holds labels 0 or 1 and P_hat (n, m) probabilities in [0, 1].
    P_hat is clipped to [EPSILON, 1 - EPSILON] with EPSILON = 1e-7, turned
    back into logits Z = log(P / (1 - P)), and handed to
    :func:`compute_stable_bce_cost`: the result is finite for every P_hat.
    The gradient passed back to the last linear layer is
    dZ = (clip(P_hat) - Y) / m, the cross-entropy's dC/dZ at the clipped
    probability. Where the clip is active (P_hat within 1e-7 of 0 or 1) that
    is not the slope of the returned cost, which is flat there; Keras itself
    passes back 0 through the clip. The sequel's choice, kept here, lets a
    confidently wrong example still pull its weights. With
    ``from_logits=True`` the second argument is already Z and the stable cost
    is returned unchanged.

    >>> cost, dZ = compute_keras_like_bce_cost(np.array([[0.0]]), np.array([[1.0]]))
    >>> round(cost, 4), dZ.round(7)         # -log(1e-7), and 1 - 1e-7 - 0
    (16.1181, array([[0.9999999]]))
    """
    if not isinstance(from_logits, (bool, np.bool_)):
        raise TypeError(
            f"from_logits must be True or False; got {from_logits!r} of type {type(from_logits).__name__}"
        )
    if from_logits:
        return compute_stable_bce_cost(Y, Z=P_hat)
    Y = check_labels("Y", Y)
    P = np.clip(
        check_probabilities("P_hat", P_hat, shape=Y.shape),
        EPSILON,
        1 - EPSILON,
    )
    return compute_stable_bce_cost(Y, np.log(P / (1 - P)))


# What nbnp.train passes each cost (the network's output P_hat, or the last linear layer's Z)
# and what the gradient it returns is with respect to.
compute_bce_cost.takes, compute_bce_cost.grad_wrt = "output", "output"
compute_stable_bce_cost.takes, compute_stable_bce_cost.grad_wrt = (
    "logits",
    "logits",
)
compute_keras_like_bce_cost.takes, compute_keras_like_bce_cost.grad_wrt = (
    "output",
    "logits",
)
