"""Gradient descent on a function of one parameter, for the learning-rate pictures."""

import numpy as np

from .validation import check_learning_rate, check_positive_int


def descend(gradient, start, learning_rate, steps):
    """Return the ``steps + 1`` positions p_0 = start, p_{k+1} = p_k - learning_rate * gradient(p_k).

    >>> descend(lambda p: 2 * p, start=1.0, learning_rate=0.25, steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    learning_rate = check_learning_rate(learning_rate)
    positions = [float(start)]
    for _ in range(check_positive_int("steps", steps)):
        positions.append(positions[-1] - learning_rate * float(gradient(positions[-1])))
    return np.array(positions)
