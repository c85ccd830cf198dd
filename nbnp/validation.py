"""Input checks shared by the package, and the rule every public function keeps.

The rule
--------
No public function of ``nbnp`` returns a wrong answer quietly. An input it
can tell is wrong raises, before any result is computed:

- ``TypeError`` for a wrong kind of thing (a string for an array, a single
  layer where a list of layers is expected, complex numbers, a float where a
  whole number is needed);
- ``ValueError`` for a wrong shape or value (examples as rows instead of
  columns, NaN or infinity, an empty batch, labels outside [0, 1], a layer
  listed twice, two layers whose sizes do not fit);
- ``RuntimeError`` for calls out of order (``backward`` before ``forward``,
  ``update_params`` before ``backward`` or twice on the same gradients);
- ``FloatingPointError`` when a computation diverges (a cost or a gradient
  descent that is no longer a finite number).

Each message names the argument, says what was expected and what was
received, and, where there is a likely fix, says it: "did you pass Y.T?",
"call forward() before backward()". Whatever runs a list of layers names a
failing layer by its position and type: "layer 2 (LinearLayer) expects 4
inputs but layer 1 (SigmoidLayer) gives 3".

What stays legitimate: nested lists, integer and boolean arrays (converted
to float), a layer reused on a batch of another size, soft labels inside
[0, 1]. Two choices: an empty batch (m = 0) raises ``ValueError``, as its
cost, an average over no examples, is undefined; a learning rate of 0
raises ``ValueError``, as a step of size 0 never changes a parameter and a
run with it would quietly return a constant cost.

For example, a reader who passes ``X`` with examples as rows learns that at
once::

    >>> check_matrix("A_prev", np.zeros((4, 2)), rows=2)
    Traceback (most recent call last):
    ...
    ValueError: A_prev must have 2 rows (one per input feature, examples as columns); got shape (4, 2): did you pass A_prev.T?
"""

import contextlib
import contextvars
import math
import numbers

import numpy as np

_FLOAT64 = np.dtype(np.float64)
_CHECKING = contextvars.ContextVar("nbnp_checking", default=True)

#: The closed interval of a sigmoid's outputs, of labels and of probabilities.
UNIT_INTERVAL = (0.0, 1.0)


def checking():
    """Return False inside :func:`skip_array_checks`, True everywhere else."""
    return _CHECKING.get()


@contextlib.contextmanager
def skip_array_checks():
    """Inside this block, the array checks return their argument unchecked.

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


@contextlib.contextmanager
def first_pass_checked(items):
    """``with first_pass_checked(items) as passes``: iterate over ``items``,
    every check on for the first item, :func:`skip_array_checks` after it.

    The checks are back on when the block ends, however it ends::

        >>> with first_pass_checked(range(2)) as passes:
        ...     [checking() for _ in passes]
        [True, False]
        >>> checking()
        True
    """
    with contextlib.ExitStack() as stack:

        def passes():
            for index, item in enumerate(items):
                if index == 1:
                    stack.enter_context(skip_array_checks())
                yield item

        yield passes()


def _transposed(name, got, expected_rows=None, expected_shape=None):
    """': did you pass NAME.T?' when ``got`` transposed is what was expected."""
    if expected_shape is not None:
        fits = got[::-1] == tuple(expected_shape)
    else:
        fits = got[1] == expected_rows
    return f": did you pass {name}.T?" if fits and got[0] != got[1] else ""


def check_matrix(
    name,
    value,
    rows=None,
    shape=None,
    what=None,
    layout="(features, examples)",
):
    """Return ``value`` as a finite, non-empty 2-D float array, or raise.

    Parameters
    ----------
    name : str
        The argument's name, used in the error message.
    value : array_like
        The array to check: an array or nested list of real numbers or
        booleans.
    rows : int, optional
        The number of rows it must have.
    shape : tuple of int, optional
        The exact shape it must have (takes precedence over ``rows``).
    what : str, optional
        What a row stands for (with ``rows``; by default one input feature),
        or where the expected shape comes from (with ``shape``), said in the
        message.
    layout : str
        What the two axes are, said when ``value`` is not 2-D.

    When the array transposed would fit, the message asks whether it was
    passed transposed.
    """
    if not _CHECKING.get():
        return value
    if type(value) is np.ndarray and value.dtype is _FLOAT64:
        # The common case, checked on every forward and backward step: already a float64 array,
        # so the conversions below would return it unchanged.
        array = value
    else:
        array = _numeric_array(name, value, "a 2-D numeric array")
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with shape {layout}; got {array.ndim}-D array of shape {array.shape}"
        )
    if shape is not None and array.shape != tuple(shape):
        about = f" ({what})" if what else ""
        raise ValueError(
            f"{name} must have shape {tuple(shape)}{about}; got shape {array.shape}"
            + _transposed(name, array.shape, expected_shape=shape)
        )
    if rows is not None and array.shape[0] != rows:
        what = what or "one per input feature, examples as columns"
        raise ValueError(
            f"{name} must have {rows} row{'s' * (rows != 1)} ({what}); got shape {array.shape}"
            + _transposed(name, array.shape, expected_rows=rows)
        )
    if array.size == 0:
        raise ValueError(
            f"{name} must hold at least one example; got shape {array.shape} "
            "(an empty batch has no cost to average)"
        )
    _check_finite(name, array)
    return array.astype(float, copy=False)


def _numeric_array(name, value, kind):
    """``value`` as a real (or boolean) NumPy array, or raise TypeError naming ``kind``."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be {kind}; got {type(value).__name__}")
    try:
        array = np.asarray(value)
    except ValueError:
        raise ValueError(
            f"{name} must be {kind}; got a ragged {type(value).__name__} whose rows "
            "differ in length"
        ) from None
    if np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(
            f"{name} must hold real numbers; got dtype {array.dtype}: "
            f"pass {name}.real if the imaginary parts are 0"
        )
    if not (
        np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_
    ):
        raise TypeError(f"{name} must be {kind}; got dtype {array.dtype}")
    return array


def _check_finite(name, array):
    if not np.isfinite(array).all():
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(
            f"{name} must contain only finite values; got {bad} NaN or infinite entries"
        )


def check_array(name, value):
    """Return ``value`` as a finite float array of any shape (a number too), or raise."""
    if not _CHECKING.get():
        return value
    array = _numeric_array(name, value, "a number or an array of numbers")
    _check_finite(name, array)
    return array.astype(float, copy=False)


def check_within(name, value, bounds=UNIT_INTERVAL, why="", **matrix):
    """Return ``value`` checked by :func:`check_matrix` (with ``**matrix``), every entry in ``bounds``.

    The check of labels or probabilities in [0, 1] (the default bounds) is
    this one call; ``why`` says in the message why the range matters::

        >>> check_within("Y", [[0, 255]], why="a sigmoid's outputs")
        Traceback (most recent call last):
        ...
        ValueError: Y must hold values in [0, 1] (a sigmoid's outputs); got values from 0 to 255
    """
    array = check_matrix(name, value, **matrix)
    if not _CHECKING.get():
        return array
    low, high = array.min(), array.max()
    if low < bounds[0] or high > bounds[1]:
        about = f" ({why})" if why else ""
        raise ValueError(
            f"{name} must hold values in [{bounds[0]:g}, {bounds[1]:g}]{about}; "
            f"got values from {low:g} to {high:g}"
        )
    return array


def check_cost_inputs(Y, Y_hat, bounds=None):
    """Return ``(Y, Y_hat)`` checked by :func:`check_matrix`, of one shape, or raise.

    With ``bounds`` (``UNIT_INTERVAL`` for a cost that needs probabilities)
    both must lie within them. When the two are each other's transpose, the
    one with more rows than columns (examples are columns) is named::

        >>> check_cost_inputs(np.zeros((4, 1)), np.zeros((1, 4)))
        Traceback (most recent call last):
        ...
        ValueError: Y and Y_hat must have the same shape (outputs, examples); got Y (4, 1) and Y_hat (1, 4): did you pass Y.T?
    """
    if bounds is None:
        Y, Y_hat = check_matrix("Y", Y), check_matrix("Y_hat", Y_hat)
    else:
        Y, Y_hat = (
            check_within("Y", Y, bounds),
            check_within("Y_hat", Y_hat, bounds),
        )
    if Y.shape != Y_hat.shape:
        fix = ""
        if Y.shape[::-1] == Y_hat.shape:
            fix = f": did you pass {'Y' if Y.shape[0] > Y.shape[1] else 'Y_hat'}.T?"
        raise ValueError(
            "Y and Y_hat must have the same shape (outputs, examples); "
            f"got Y {Y.shape} and Y_hat {Y_hat.shape}{fix}"
        )
    return Y, Y_hat


def check_classes(name, value, **matrix):
    """Return ``value`` checked by :func:`check_matrix`, if every entry is the class 0 or 1, or raise."""
    array = check_matrix(name, value, **matrix)
    other = array[(array != 0) & (array != 1)]
    if other.size:
        raise ValueError(
            f"{name} must hold only the classes 0 and 1; got {other.size} other values, "
            f"such as {other[0]:g}"
        )
    return array


def check_number(name, value, low=-math.inf, high=math.inf, closed=False):
    """Return ``value`` as a float if it is a finite real number between ``low`` and ``high``, or raise.

    The bounds are excluded, or included with ``closed=True``.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number; got {value!r} of type {type(value).__name__}"
        )
    value = float(value)
    inside = low <= value <= high if closed else low < value < high
    if not (math.isfinite(value) and inside):
        opening, closing, at_least = (
            ("[", "]", ">=") if closed else ("(", ")", ">")
        )
        if high < math.inf:
            where = f" in {opening}{low:g}, {high:g}{closing}"
        elif low > -math.inf:
            where = f" {at_least} {low:g}"
        else:
            where = ""
        raise ValueError(
            f"{name} must be a finite number{where}; got {value}"
        )
    return value


def check_positive_number(name, value):
    """Return ``value`` if it is a finite real number above 0, or raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number; got {value!r} of type {type(value).__name__}"
        )
    if not (math.isfinite(value) and value > 0):
        raise ValueError(
            f"{name} must be a finite number above 0; got {value}"
        )
    return value


def check_learning_rate(value):
    """Return ``value`` if it is a finite number above 0, or raise (0 too: it would never move)."""
    if not _CHECKING.get():
        return value
    return check_positive_number("learning_rate", value)


def check_positive_int(name, value):
    """Return ``value`` if it is a positive integer, or raise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(
            f"{name} must be a positive integer; got {value!r} of type {type(value).__name__}"
        )
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer; got {value}")
    return int(value)


def check_flag(name, value):
    """Return ``value`` if it is True or False (a NumPy bool too), or raise."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{name} must be True or False; got {value!r} of type {type(value).__name__}"
        )
    return bool(value)


def check_callable(name, value, returns):
    """Return ``value`` if it can be called, or raise saying what it should return."""
    if not callable(value):
        raise TypeError(
            f"{name} must be a function returning {returns}; got {type(value).__name__}"
        )
    return value


def check_shape(name, shape):
    """Return ``shape`` as a tuple of two positive integers ``(rows, columns)``, or raise."""
    if np.ndim(shape) > 1:
        raise TypeError(
            f"{name} must be a shape (rows, columns), such as X.shape; got an array of shape "
            f"{np.shape(shape)}: pass its .shape"
        )
    try:
        shape = tuple(shape)
    except TypeError:
        raise TypeError(
            f"{name} must be a shape (rows, columns); got {shape!r}"
        ) from None
    if len(shape) != 2:
        raise ValueError(
            f"{name} must be a 2-D shape (rows, columns); got {shape}"
        )
    return tuple(
        check_positive_int(f"{name}[{i}]", n) for i, n in enumerate(shape)
    )


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices``, or raise naming them."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value
