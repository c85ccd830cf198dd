"""Plots used across the chapters. Each takes ``ax=None`` and returns the axes.

None of them shows, saves or styles globally: the caller owns the figure.
Colours follow the book's convention: class 1 is green (crosses), class 0 is
red (dots).
"""

import matplotlib.pyplot as plt
import numpy as np

from .validation import (
    check_array,
    check_callable,
    check_choice,
    check_classes,
    check_flag,
    check_matrix,
    check_number,
    check_positive_int,
    check_within,
)

CLASS_COLOURS = {0: "tab:red", 1: "tab:green"}
CLASS_MARKERS = {0: "o", 1: "x"}


def _axes(ax):
    return plt.subplots()[1] if ax is None else ax


#: The axis labels and legend entries used when a plot is not told the data's own names.
FEATURES = ("$x_1$", "$x_2$")
CLASSES = ("y = 0", "y = 1")


def _names(name, value):
    """``value`` as a pair of strings (axis labels or class names), or raise."""
    if isinstance(value, str) or not hasattr(value, "__len__"):
        raise TypeError(
            f"{name} must be a pair of strings, such as {FEATURES if name == 'features' else CLASSES!r}; "
            f"got {type(value).__name__}"
        )
    if len(value) != 2 or not all(isinstance(v, str) for v in value):
        raise ValueError(
            f"{name} must be a pair of strings, one per {'axis' if name == 'features' else 'class'}; "
            f"got {tuple(value)!r}"
        )
    return tuple(value)


def plot_data(
    X, Y, ax=None, features=FEATURES, classes=CLASSES, aspect="equal"
):
    """Scatter the examples of X (2+, m) by their label Y (1, m); only the rows x1, x2 are drawn.

    ``features`` names the two axes and ``classes`` the labels 0 and 1 in the
    legend: data in its own units says so, for example
    ``features=("petal length (cm)", "petal width (cm)"),
    classes=("other species", "virginica")``. ``aspect="equal"`` draws a
    unit of x1 as long as a unit of x2; ``"auto"`` lets the axes fill the box.
    """
    Y = check_classes("Y", Y, rows=1, what="one label per example")
    X = check_matrix("X", X)
    features, classes = (
        _names("features", features),
        _names("classes", classes),
    )
    aspect = check_choice("aspect", aspect, ("equal", "auto"))
    if X.shape[0] < 2 or X.shape[1] != Y.shape[1]:
        fix = (
            ": did you pass X.T?"
            if X.shape[0] == Y.shape[1] != X.shape[1]
            else ""
        )
        raise ValueError(
            f"X must have the 2 rows x1 and x2 (or more) and {Y.shape[1]} columns, one per label "
            f"of Y; got shape {X.shape}{fix}"
        )
    ax = _axes(ax)
    for label in (0, 1):
        mask = Y[0] == label
        ax.scatter(
            X[0, mask],
            X[1, mask],
            c=CLASS_COLOURS[label],
            marker=CLASS_MARKERS[label],
            s=90,
            linewidths=2.5,
            label=classes[label],
            zorder=3,
        )
    ax.set_xlabel(features[0])
    ax.set_ylabel(features[1])
    ax.set_aspect(aspect)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)
    return ax


def plot_learning_curve(costs, ax=None, label=None, log=False):
    """Plot one cost per epoch, epoch 0 first: the cost before each update, as :func:`nbnp.train` returns them.

    The costs must be finite, and above 0 with ``log=True`` (a log scale cannot show 0).
    """
    check_flag("log", log)
    costs = check_array("costs", costs)
    if costs.ndim != 1 or costs.size == 0:
        raise ValueError(
            f"costs must be a non-empty 1-D sequence, one per epoch; got shape {costs.shape}"
        )
    if log and costs.min() <= 0:
        raise ValueError(
            f"costs must be above 0 with log=True (a log scale cannot show 0); got {costs.min():g}"
        )
    ax = _axes(ax)
    ax.plot(np.arange(costs.size), costs, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost")
    if log:
        ax.set_yscale("log")
    if label is not None:
        ax.legend()
    return ax


def plot_decision_boundary(
    predict_proba,
    X,
    Y,
    ax=None,
    filled=False,
    resolution=300,
    margin=0.5,
    features=FEATURES,
    classes=CLASSES,
    aspect="equal",
):
    """Draw where the network's output crosses 0.5, over the examples X (2, m), Y (1, m).

    Parameters
    ----------
    predict_proba : callable
        Maps points P of shape (2, k), rows x1 and x2, to outputs of shape
        (1, k) in [0, 1]. For a network fed a feature cross, compose it:
        ``lambda P: forward_pass(layers, add_feature_cross(P))``.
    filled : bool
        Also shade the region predicted 0 (red) and 1 (green).
    margin : float
        How far beyond the examples the view reaches, in the units of X.
    features, classes, aspect
        Axis labels, class names and aspect, as :func:`plot_data` takes them
        (for data in its own units).
    """
    check_callable(
        "predict_proba", predict_proba, "outputs (1, k) in [0, 1]"
    )
    X = check_matrix("X", X, rows=2, what="the features x1 and x2")
    check_flag("filled", filled)
    resolution = check_positive_int("resolution", resolution)
    margin = check_number("margin", margin, low=0, closed=True)
    ax = _axes(ax)
    lo, hi = X.min(axis=1) - margin, X.max(axis=1) + margin
    g1, g2 = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution),
        np.linspace(lo[1], hi[1], resolution),
    )
    points = np.vstack([g1.ravel(), g2.ravel()])
    output = check_within(
        "predict_proba(points)",
        predict_proba(points),
        shape=(1, points.shape[1]),
        why="the output of a sigmoid",
    )
    output = output.reshape(g1.shape)
    if filled:
        ax.contourf(
            g1,
            g2,
            output,
            levels=[0, 0.5, 1],
            colors=[CLASS_COLOURS[0], CLASS_COLOURS[1]],
            alpha=0.25,
        )
    ax.contour(g1, g2, output, levels=[0.5], colors="k", linewidths=1.5)
    plot_data(X, Y, ax=ax, features=features, classes=classes, aspect=aspect)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    return ax


def _losses(loss, points, name):
    """``loss(points)``: finite, one value per point, or raise."""
    values = check_array(f"loss({name})", loss(points))
    if values.shape != points.shape:
        raise ValueError(
            f"loss({name}) must give one loss per point, shape {points.shape}; got shape {values.shape}"
        )
    return values


def plot_descent(loss, positions, ax=None, margin=0.5, xlim=None):
    """Draw a 1-D loss curve and the path of gradient descent on it.

    Parameters
    ----------
    loss : callable
        The loss as a function of one parameter (vectorised over arrays).
    positions : sequence of float
        The parameter after each step, the starting point first (as returned
        by :func:`nbnp.descent.descend`). An arrow joins consecutive points.
    xlim : (float, float), optional
        The range of the parameter over which the curve is drawn. By default
        it is fitted to the positions, widened by ``margin`` times their spread
        (at least 1) on each side; give it to draw several descents on one view.
    """
    check_callable(
        "loss", loss, "the loss of each parameter value in an array"
    )
    margin = check_number("margin", margin, low=0, closed=True)
    positions = np.asarray(positions, dtype=float)
    if (
        positions.ndim != 1
        or positions.size < 1
        or not np.all(np.isfinite(positions))
    ):
        raise ValueError(
            f"positions must be a non-empty 1-D sequence of finite numbers; got {positions!r}"
        )
    ax = _axes(ax)
    if xlim is None:
        span = max(np.ptp(positions), 1.0)
        lo, hi = (
            positions.min() - margin * span,
            positions.max() + margin * span,
        )
    else:
        lo, hi = (check_number("xlim", limit) for limit in xlim)
        if not lo < hi:
            raise ValueError(
                f"xlim must be (low, high) with low < high; got {tuple(xlim)!r}"
            )
    grid = np.linspace(lo, hi, 400)
    curve, values = (
        _losses(loss, grid, "grid"),
        _losses(loss, positions, "positions"),
    )
    ax.plot(grid, curve, color="tab:blue", label="loss")
    # A step too short to see gets no arrow: the head of a zero-length arrow points anywhere.
    visible = 1e-3 * (hi - lo)
    steps = np.column_stack(
        [positions[:-1], values[:-1], positions[1:], values[1:]]
    )
    for p0, v0, p1, v1 in steps:
        if abs(p1 - p0) < visible:
            continue
        ax.annotate(
            "",
            xy=(p1, v1),
            xytext=(p0, v0),
            arrowprops=dict(arrowstyle="->", color="tab:green", lw=1.5),
        )
    ax.plot(
        positions,
        values,
        "o",
        color="tab:green",
        markersize=4,
        label="steps",
    )
    if xlim is not None:
        ax.set_xlim(lo, hi)
    ax.set_xlabel("parameter")
    ax.set_ylabel("loss")
    return ax
