"""Random initial weights for a linear layer.

Conventions: a layer maps ``n_in`` features to ``n_out`` units, so its weights
``W`` have shape ``(n_out, n_in)`` and its bias ``b`` has shape ``(n_out, 1)``.
Biases start at zero; only the weights are random, to break the symmetry
between units.
"""

import numpy as np

from .validation import check_choice, check_positive_int

#: How each ``ini_type`` scales a ``(n_out, n_in)`` array of standard normal draws.
SCALINGS = {
    "plain": lambda draws, n_in: draws * 0.01,
    "xavier": lambda draws, n_in: draws / np.sqrt(n_in),
    "he": lambda draws, n_in: draws * np.sqrt(2 / n_in),
}


def initialize_parameters(n_in, n_out, ini_type="plain", rng=None):
    """Return ``{"W": (n_out, n_in) array, "b": (n_out, 1) zeros}``.

    Parameters
    ----------
    n_in, n_out : int
        Number of inputs to the layer and of units in it.
    ini_type : {"plain", "xavier", "he"}
        ``"plain"`` draws ``N(0, 1) * 0.01``; ``"xavier"`` draws
        ``N(0, 1) / sqrt(n_in)`` (variance ``1/n_in``); ``"he"`` draws
        ``N(0, 1) * sqrt(2/n_in)`` (variance ``2/n_in``).
    rng : numpy.random.Generator or numpy.random.RandomState, optional
        Where the draws come from. By default NumPy's global legacy
        generator, as in the blog, so that ``np.random.seed(48)`` fixes the
        weights.

    Example
    -------
    >>> np.random.seed(48)
    >>> initialize_parameters(2, 3, "xavier")["W"].round(3)
    array([[-0.703, -0.752],
           [-0.451,  0.751],
           [-0.111,  0.773]])
    """
    n_in = check_positive_int("n_in", n_in)
    n_out = check_positive_int("n_out", n_out)
    check_choice("ini_type", ini_type, tuple(SCALINGS))
    source = np.random if rng is None else rng
    if not hasattr(source, "standard_normal"):
        raise TypeError(
            "rng must be a numpy.random.Generator or "
            f"RandomState; got {type(rng).__name__}"
        )
    W = SCALINGS[ini_type](source.standard_normal((n_out, n_in)), n_in)
    return {"W": W, "b": np.zeros((n_out, 1))}
