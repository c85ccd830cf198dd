"""Input checks shared by the package: every bad input raises, none passes silently.

Each check names what was expected and what was received, so that a reader who
passes ``X`` with examples as rows instead of columns learns that at once::

    >>> check_matrix("A_prev", np.zeros((4, 2)), rows=2)
    Traceback (most recent call last):
    ...
    ValueError: A_prev must have 2 rows (one per input feature, examples as columns); got shape (4, 2)
"""

import contextlib
import contextvars
import math

import numpy as np

_FLOAT64 = np.dtype(np.float64)
_CHECKING = contextvars.ContextVar("nbnp_checking", default=True)


@contextlib.contextmanager
def skip_array_checks():
    """Inside this block, :func:`check_matrix` and :func:`check_learning_rate` return their argument unchecked.

    For a loop that repeats a computation whose arrays were all checked on its
    first pass, as :func:`nbnp.train` does after its first epoch: the later
    passes see arrays of the same shapes, and on a small network the checks
    would take as long as the arithmetic. The checks are back on when the
    block ends, also when it ends with an exception, and in other threads
    they stay on (the switch is a context variable, like ``np.errstate``)::

        >>> with skip_array_checks():
        ...     check_matrix("A", np.full((1, 1), np.nan))
        array([[nan]])
        >>> check_matrix("A", np.full((1, 1), np.nan))
        Traceback (most recent call last):
        ...
        ValueError: A must contain only finite values; got 1 NaN or infinite entries
    """
    token = _CHECKING.set(False)
    try:
        yield
    finally:
        _CHECKING.reset(token)


def check_matrix(name, value, rows=None, shape=None, what="one per input feature, examples as columns"):
    """Return ``value`` as a finite 2-D float array, or raise.

    Parameters
    ----------
    name : str
        The argument's name, used in the error message.
    value : array_like
        The array to check.
    rows : int, optional
        The number of rows it must have.
    shape : tuple of int, optional
        The exact shape it must have (takes precedence over ``rows``).
    what : str
        What a row stands for, said in the message when ``rows`` does not match.
    """
    if not _CHECKING.get():
        return value
    if type(value) is np.ndarray and value.dtype is _FLOAT64:
        # The common case, checked on every forward and backward step: already a float64 array,
        # so the conversions below would return it unchanged.
        array = value
    else:
        if isinstance(value, (str, bytes)) or value is None:
            raise TypeError(f"{name} must be a 2-D numeric array; got {type(value).__name__}")
        array = np.asarray(value)
        if not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
            raise TypeError(f"{name} must be a 2-D numeric array; got dtype {array.dtype}")
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with shape (features, examples); got {array.ndim}-D array of shape {array.shape}"
        )
    if shape is not None and array.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}; got shape {array.shape}")
    if rows is not None and array.shape[0] != rows:
        raise ValueError(f"{name} must have {rows} rows ({what}); got shape {array.shape}")
    if not np.isfinite(array).all():
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(f"{name} must contain only finite values; got {bad} NaN or infinite entries")
    return array.astype(float, copy=False)


def check_learning_rate(value):
    """Return ``value`` if it is a finite number above 0, or raise."""
    if not _CHECKING.get():
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"learning_rate must be a number; got {value!r} of type {type(value).__name__}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"learning_rate must be a finite number above 0; got {value}")
    return value


def check_positive_int(name, value):
    """Return ``value`` if it is a positive integer, or raise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a positive integer; got {value!r} of type {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer; got {value}")
    return int(value)


def check_shape(name, shape):
    """Return ``shape`` as a tuple of two positive integers ``(rows, columns)``, or raise."""
    try:
        shape = tuple(shape)
    except TypeError:
        raise TypeError(f"{name} must be a shape (rows, columns); got {shape!r}") from None
    if len(shape) != 2:
        raise ValueError(f"{name} must be a 2-D shape (rows, columns); got {shape}")
    return tuple(check_positive_int(f"{name}[{i}]", n) for i, n in enumerate(shape))


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices``, or raise naming them."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value
