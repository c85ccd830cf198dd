import re

import numpy as np
import pytest

from nbnp.plotting import plot_descent


def parabola(p):
    return (p - 2.0) ** 2


def test_plot_descent_fits_the_curve_to_the_positions_by_default():
    ax = plot_descent(parabola, [0.0, 1.0, 1.5])
    curve = ax.lines[0].get_xdata()
    # the spread of the positions (1.5) times the margin (0.5), on each side
    np.testing.assert_allclose([curve.min(), curve.max()], [-0.75, 2.25])


def test_plot_descent_draws_the_curve_over_xlim_when_given():
    ax = plot_descent(parabola, [0.0, 1.0, 1.5], xlim=(-4, 8))
    curve = ax.lines[0].get_xdata()
    np.testing.assert_allclose([curve.min(), curve.max()], [-4, 8])
    np.testing.assert_allclose(ax.get_xlim(), (-4, 8))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), parabola(curve))
    # the steps are still the given positions, one arrow between consecutive ones
    np.testing.assert_allclose(ax.lines[1].get_xdata(), [0.0, 1.0, 1.5])
    assert len(ax.texts) == 2


def test_plot_descent_rejects_an_empty_xlim_range():
    with pytest.raises(ValueError, match=r"xlim must be \(low, high\) with low < high; got \(3, 3\)"):
        plot_descent(parabola, [0.0], xlim=(3, 3))


def test_plot_descent_draws_no_arrow_for_a_step_too_short_to_see():
    ax = plot_descent(parabola, [0.0, 1e-9, 2e-9, 1.0], xlim=(-4, 8))
    assert len(ax.texts) == 1  # only the step from 2e-9 to 1.0
    np.testing.assert_allclose(ax.lines[1].get_xdata(), [0.0, 1e-9, 2e-9, 1.0])


# Tests added for mutation testing (`make mutation`): each pins down a behaviour a mutant changed unnoticed.


def test_plot_learning_curve_draws_a_single_epoch():
    from nbnp.plotting import plot_learning_curve

    (line,) = plot_learning_curve([0.125]).get_lines()
    np.testing.assert_allclose(line.get_xydata(), [[0.0, 0.125]])


@pytest.mark.parametrize("costs, shape", [(np.zeros((2, 3)), r"\(2, 3\)"), ([], r"\(0,\)")])
def test_plot_learning_curve_rejects_anything_but_one_cost_per_epoch(costs, shape):
    from nbnp.plotting import plot_learning_curve

    with pytest.raises(
        ValueError, match=rf"^costs must be a non-empty 1-D sequence, one per epoch; got shape {shape}$"
    ):
        plot_learning_curve(costs)


def _xor():
    from nbnp import xor_gate

    return xor_gate()


def test_plot_data_checks_and_names_its_arguments():
    from nbnp.plotting import plot_data

    X, Y = _xor()
    with pytest.raises(ValueError, match=r"^X must be 2-D with shape \(features, examples\); got 1-D"):
        plot_data(X[0], Y)
    with pytest.raises(
        ValueError,
        match=r"^X must have the 2 rows x1 and x2 \(or more\) and 3 columns, one per "
        r"label of Y; got shape \(2, 4\)$",
    ):
        plot_data(X, Y[:, :3])
    with pytest.raises(
        ValueError,
        match=r"^X must have the 2 rows x1 and x2 \(or more\) and 4 columns, .*; "
        r"got shape \(1, 4\)$",
    ):
        plot_data(X[:1], Y)
    with pytest.raises(ValueError, match=r"^X must have .*; got shape \(4, 2\): did you pass X\.T\?$"):
        plot_data(X.T, Y)
    with pytest.raises(ValueError, match=r"^Y must hold only the classes 0 and 1; got 4 other values, such as 0\.5$"):
        plot_data(X, Y * 0 + 0.5)
    with pytest.raises(
        ValueError,
        match=r"^Y must have 1 row \(one label per example\); got shape \(4, 1\): "
        r"did you pass Y\.T\?$",
    ):
        plot_data(X, Y.T)
    ax = plot_data(X[:, :1], Y[:, :1])  # one example is enough
    assert len(ax.collections) == 2


def test_plot_data_draws_each_class_in_its_style_above_the_boundary():
    from nbnp.plotting import plot_data, plot_decision_boundary

    X, Y = _xor()
    ax = plot_decision_boundary(
        lambda P: np.full((1, P.shape[1]), 0.3) + 0.4 * (P[:1] > 0.5), X, Y, filled=True, resolution=20
    )
    points = ax.collections[-2:]
    assert [tuple(c.get_sizes()) for c in points] == [(90.0,), (90.0,)]
    assert min(c.get_zorder() for c in points) > max(c.get_zorder() for c in ax.collections[:-2])
    assert [c.get_label() for c in points] == ["y = 0", "y = 1"]
    assert plot_data(X, Y).collections[0].get_zorder() == 3


def test_plot_decision_boundary_samples_the_padded_square_of_the_data():
    from nbnp.plotting import plot_decision_boundary

    X = np.array([[0.0, 2.0, 1.0], [-1.0, 1.0, 5.0]])
    Y = np.array([[0.0, 1.0, 1.0]])
    seen = []

    def predict(P):
        seen.append(P.copy())
        return np.full((1, P.shape[1]), 0.5) + 0.1 * np.tanh(P[:1] - 1)

    ax = plot_decision_boundary(predict, X, Y, resolution=7, margin=0.25)
    (P,) = seen
    assert P.shape == (2, 49)
    np.testing.assert_allclose([P[0].min(), P[0].max(), P[1].min(), P[1].max()], [-0.25, 2.25, -1.25, 5.25])
    np.testing.assert_allclose([*ax.get_xlim(), *ax.get_ylim()], [-0.25, 2.25, -1.25, 5.25])
    seen.clear()
    plot_decision_boundary(predict, X, Y)
    assert seen[0].shape == (2, 300 * 300)


def test_plot_decision_boundary_checks_and_names_its_arguments():
    from nbnp.plotting import plot_decision_boundary

    X, Y = _xor()
    with pytest.raises(ValueError, match=r"^X must have 2 rows \(the features x1 and x2\); got shape \(3, 4\)$"):
        plot_decision_boundary(lambda P: np.zeros((1, P.shape[1])), np.vstack([X, X[:1]]), Y)
    with pytest.raises(
        ValueError,
        match=r"^predict_proba\(points\) must have shape \(1, 9\); got shape \(9, 1\): "
        r"did you pass predict_proba\(points\)\.T\?$",
    ):
        plot_decision_boundary(lambda P: np.zeros((P.shape[1], 1)), X, Y, resolution=3)


def test_plot_descent_checks_and_names_the_positions():
    for bad in ([1.0, np.nan], [[1.0, 2.0]], []):
        with pytest.raises(ValueError, match=r"^positions must be a non-empty 1-D sequence of finite numbers; got"):
            plot_descent(lambda p: p**2, bad)


def test_plot_descent_labels_its_curve_and_steps_and_keeps_their_colours_on_a_used_axes():
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])  # the colour cycle has moved on
    plot_descent(lambda p: p**2, [1.0, 0.5], ax=ax)
    curve, steps = ax.get_lines()[1:]
    assert (curve.get_label(), steps.get_label()) == ("loss", "steps")
    assert (to_hex(curve.get_color()), to_hex(steps.get_color())) == (to_hex("tab:blue"), to_hex("tab:green"))


@pytest.mark.parametrize("positions, arrows", [([-3.0, -2.996, 1.0], 1), ([0.0, 0.004, 4.0], 1)])
def test_plot_descent_skips_only_steps_shorter_than_a_thousandth_of_the_view(positions, arrows):
    ax = plot_descent(lambda p: p**2, positions)  # views 8 wide: steps under 0.008 get no arrow
    assert len([c for c in ax.get_children() if type(c).__name__ == "Annotation"]) == arrows


def test_plot_decision_boundary_fits_the_view_to_the_data_on_an_axes_already_in_use():
    import matplotlib.pyplot as plt

    from nbnp.plotting import plot_decision_boundary

    X, Y = _xor()
    fig, ax = plt.subplots()
    ax.plot([-10, 10], [-10, 10])
    plot_decision_boundary(lambda P: 0.4 + 0.2 * (P[:1] > 0.5), X, Y, ax=ax, resolution=10)
    np.testing.assert_allclose([*ax.get_xlim(), *ax.get_ylim()], [-0.5, 1.5, -0.5, 1.5])


def test_plot_learning_curve_refuses_what_it_would_draw_wrong():
    from nbnp.plotting import plot_learning_curve

    with pytest.raises(ValueError, match="^costs must contain only finite values; got 1 NaN or infinite entries$"):
        plot_learning_curve([1.0, np.nan])
    with pytest.raises(TypeError, match="^costs must be a number or an array of numbers; got str$"):
        plot_learning_curve("0.5 0.4")
    with pytest.raises(TypeError, match="^log must be True or False; got 'yes' of type str$"):
        plot_learning_curve([1.0, 0.5], log="yes")
    with pytest.raises(ValueError, match=r"^costs must be above 0 with log=True \(a log scale cannot show 0\); got 0$"):
        plot_learning_curve([1.0, 0.0], log=True)
    assert plot_learning_curve([1.0, 0.0]).get_yscale() == "linear"
    assert plot_learning_curve([1, 2], log=True).get_yscale() == "log"


def test_plot_decision_boundary_names_every_bad_argument():
    from nbnp.plotting import plot_decision_boundary

    X, Y = _xor()
    ok = lambda P: np.full((1, P.shape[1]), 0.25)  # noqa: E731
    with pytest.raises(
        TypeError,
        match=r"^predict_proba must be a function returning outputs \(1, k\) in \[0, 1\]; "
        r"got NoneType$",
    ):
        plot_decision_boundary(None, X, Y)
    with pytest.raises(
        ValueError,
        match=r"^predict_proba\(points\) must hold values in \[0, 1\] \(the output of a "
        r"sigmoid\); got values from -5 to 15$",
    ):
        plot_decision_boundary(lambda P: P[:1] * 10, X, Y, resolution=3)
    with pytest.raises(ValueError, match="^resolution must be a positive integer; got 0$"):
        plot_decision_boundary(ok, X, Y, resolution=0)
    with pytest.raises(ValueError, match="^margin must be a finite number >= 0; got nan$"):
        plot_decision_boundary(ok, X, Y, margin=np.nan)
    with pytest.raises(TypeError, match="^filled must be True or False; got 'yes' of type str$"):
        plot_decision_boundary(ok, X, Y, filled="yes")
    with pytest.raises(ValueError, match=r"^Y must hold only the classes 0 and 1; got 2 other values, such as 0\.5$"):
        plot_decision_boundary(ok, X, Y * 0.5)
    plot_decision_boundary(ok, X, Y, margin=0, resolution=2)


def test_plot_descent_names_a_bad_loss_margin_or_limit():
    with pytest.raises(
        TypeError,
        match="^loss must be a function returning the loss of each parameter value in an array; got NoneType$",
    ):
        plot_descent(None, [1.0, 0.5])
    with pytest.raises(ValueError, match=r"^margin must be a finite number >= 0; got -1\.0$"):
        plot_descent(parabola, [1.0, 0.5], margin=-1)
    with pytest.raises(ValueError, match="^xlim must be a finite number; got nan$"):
        plot_descent(parabola, [1.0, 0.5], xlim=(np.nan, 1))
    with pytest.raises(ValueError, match=r"^loss\(grid\) must contain only finite values; got 400 NaN"):
        plot_descent(lambda p: p * np.nan, [1.0, 0.5])
    with pytest.raises(ValueError, match=r"^loss\(positions\) must contain only finite values; got 1 NaN"):
        plot_descent(lambda p: np.where(p == 0.5, np.nan, p), [1.0, 0.5], xlim=(0.0, 2.0))
    with pytest.raises(
        ValueError, match=r"^loss\(grid\) must give one loss per point, shape \(400,\); got shape \(\)$"
    ):
        plot_descent(lambda p: 1.0, [1.0, 0.5])
    with pytest.raises(
        ValueError,
        match=r"^loss\(positions\) must give one loss per point, shape \(2,\); got shape "
        r"\(400,\)$",
    ):
        plot_descent(lambda p: np.linspace(0, 1, 400), [1.0, 0.5])


def test_plot_data_labels_axes_and_classes_in_the_data_s_own_names():
    from nbnp.plotting import plot_data, plot_decision_boundary

    X = np.array([[1.4, 5.1, 6.0], [0.2, 1.9, 2.5]])
    Y = np.array([[0.0, 1.0, 1.0]])
    names = {"features": ("petal length (cm)", "petal width (cm)"), "classes": ("other", "virginica")}
    ax = plot_data(X, Y, aspect="auto", **names)
    assert (ax.get_xlabel(), ax.get_ylabel()) == names["features"]
    assert [c.get_label() for c in ax.collections] == ["other", "virginica"]
    assert ax.get_aspect() == "auto"
    ax = plot_decision_boundary(lambda P: np.full((1, P.shape[1]), 0.4), X, Y, resolution=3, **names)
    assert (ax.get_xlabel(), ax.get_ylabel()) == names["features"]
    assert [c.get_label() for c in ax.collections[-2:]] == ["other", "virginica"]
    assert ax.get_aspect() == 1.0
    auto = plot_decision_boundary(lambda P: np.full((1, P.shape[1]), 0.4), X, Y, resolution=3, aspect="auto")
    assert auto.get_aspect() == "auto"
    assert plot_data(X, Y).get_xlabel() == "$x_1$" and plot_data(X, Y).get_aspect() == 1.0


def test_plot_data_and_decision_boundary_name_bad_names():
    from nbnp.plotting import plot_data, plot_decision_boundary

    X, Y = _xor()
    # each message gives the example and the count that fit the argument named
    example = re.escape(repr(("$x_1$", "$x_2$")))
    with pytest.raises(TypeError, match=rf"^features must be a pair of strings, such as {example}; got str$"):
        plot_data(X, Y, features="petal length")
    with pytest.raises(TypeError, match=r"^classes must be a pair of strings, such as \('y = 0', 'y = 1'\); got int$"):
        plot_data(X, Y, classes=1)
    with pytest.raises(ValueError, match=r"^features must be a pair of strings, one per axis; got \('a', 'b', 'c'\)$"):
        plot_data(X, Y, features=("a", "b", "c"))
    with pytest.raises(ValueError, match=r"^classes must be a pair of strings, one per class; got \('a',\)$"):
        plot_data(X, Y, classes=("a",))
    with pytest.raises(ValueError, match=r"^aspect must be one of 'equal', 'auto'; got 'square'$"):
        plot_data(X, Y, aspect="square")
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'feature'"):
        plot_decision_boundary(lambda P: np.full((1, P.shape[1]), 0.4), X, Y, feature=("a", "b"))
