"""Gradient descent on a function of one parameter, for the learning-rate pictures."""

import numpy as np

from .validation import (
    check_callable,
    check_learning_rate,
    check_number,
    check_positive_int,
)


def descend(gradient, start, learning_rate, steps):
    """Return the ``steps + 1`` positions p_0 = start, p_{k+1} = p_k - learning_rate * gradient(p_k).

    ``gradient`` takes a position and returns one number. A position or a
    gradient that is no longer finite (a descent that diverged past the
    largest float) raises ``FloatingPointError``.

    >>> descend(lambda p: 2 * p, start=1.0, learning_rate=0.25, steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    check_callable("gradient", gradient, "one number")
    learning_rate = check_learning_rate(learning_rate)
    positions = [check_number("start", start)]
    for step in range(check_positive_int("steps", steps)):
        slope = gradient(positions[-1])
        try:
            slope = float(slope)
        except TypeError:
            raise TypeError(
                f"gradient(p) must return one number; got {type(slope).__name__}"
            ) from None
        position = positions[-1] - learning_rate * slope
        if not (np.isfinite(slope) and np.isfinite(position)):
            raise FloatingPointError(
                f"step {step + 1} of the descent gives the gradient {slope} and "
                f"the position {position}: the descent diverged"
            )
        positions.append(position)
    return np.array(positions)
