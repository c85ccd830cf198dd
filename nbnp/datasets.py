"""The datasets of the book, examples as columns: Part I's logic gates and Part III's irises.

Each function returns ``(X, Y)`` with X of shape (2, 4), rows x1 and x2, and
Y of shape (1, 4). The four examples are always in the order
(0, 0), (0, 1), (1, 0), (1, 1).

>>> X, Y = or_gate()
>>> X
array([[0., 0., 1., 1.],
       [0., 1., 0., 1.]])
>>> Y
array([[0., 1., 1., 1.]])
"""

import collections
import importlib.resources

import numpy as np

from .validation import check_matrix

_INPUTS = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])


def _gate(labels):
    return _INPUTS.copy(), np.array([labels], dtype=float)


def or_gate():
    """Inputs and labels of the OR gate: y = 1 if x1 or x2 is 1."""
    return _gate([0, 1, 1, 1])


def and_gate():
    """Inputs and labels of the AND gate: y = 1 only if both inputs are 1."""
    return _gate([0, 0, 0, 1])


def xor_gate():
    """Inputs and labels of the XOR gate: y = 1 if exactly one input is 1."""
    return _gate([0, 1, 1, 0])


def add_feature_cross(X):
    """Return X (2, m) with a third row x3 = x1 * x2 appended: shape (3, m).

    >>> add_feature_cross(np.array([[1.0, 2.0], [3.0, 4.0]]))
    array([[1., 2.],
           [3., 4.],
           [3., 8.]])
    """
    X = check_matrix("X", X, rows=2, what="the features x1 and x2")
    return np.vstack([X, X[0] * X[1]])


#: What :func:`load_iris` returns (a named tuple: unpack it or use the names).
Iris = collections.namedtuple(
    "Iris", ["X", "species", "feature_names", "species_names"]
)


def load_iris():
    """Fisher's 150 iris flowers, examples as columns, in scikit-learn's order.

    Returns an ``Iris`` named tuple:

    - ``X``: (4, 150) float array, one row per measurement, in centimetres, in
      the order of ``feature_names``: sepal length, sepal width, petal length,
      petal width (the rows of scikit-learn's ``load_iris().data.T``);
    - ``species``: (1, 150) int array of species codes 0, 1, 2 (a row, like
      every label array here), which index ``species_names``;
    - ``feature_names`` and ``species_names``: tuples of str, scikit-learn's.

    The data ship with nbnp (``nbnp/data/iris.csv``, whose header gives the
    source, R. A. Fisher 1936, and the licence); nothing is downloaded. Fresh
    arrays are returned on every call. Binary labels for "virginica against
    the rest" are one comparison away:

    >>> X, species, feature_names, species_names = load_iris()
    >>> X.shape, species.shape, species_names[2]
    ((4, 150), (1, 150), 'virginica')
    >>> Y = (species == 2).astype(float)
    >>> Y.shape, int(Y.sum())
    ((1, 150), 50)
    """
    text = (
        importlib.resources.files(__package__)
        .joinpath("data", "iris.csv")
        .read_bytes()
        .decode()
    )
    rows = [
        line.split(",")
        for line in text.splitlines()
        if line and not line.startswith("#")
    ][1:]
    X = np.array([[float(value) for value in row[:4]] for row in rows]).T
    species = np.array([[_SPECIES.index(row[4]) for row in rows]])
    return Iris(X, species, _IRIS_FEATURES, _SPECIES)


_IRIS_FEATURES = (
    "sepal length (cm)",
    "sepal width (cm)",
    "petal length (cm)",
    "petal width (cm)",
)
_SPECIES = ("setosa", "versicolor", "virginica")
