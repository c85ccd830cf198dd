"""Figure regression: the plotting helpers drawn on fixed inputs, compared with committed baselines.

With ``--mpl`` (set in pyproject's addopts) each test's figure is compared with
``tests/baseline/NAME.png``; a root-mean-square difference above the tolerance
(on the 0-255 scale) fails. After an intended change to a figure, regenerate the
baselines and look at them before committing:

    .venv/bin/python -m pytest tests/test_figures.py --mpl-generate-path=tests/baseline
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nbnp import (
    LinearLayer,
    SigmoidLayer,
    add_feature_cross,
    backward_pass,
    compute_cost,
    descend,
    forward_pass,
    train,
    xor_gate,
)
from nbnp.graphs import network_graph, neuron_graph
from nbnp.plotting import plot_decision_boundary, plot_descent, plot_learning_curve

# A small tolerance: text and lines moving by a pixel or two, or a colour change, exceed it.
TOLERANCE = 2
compare = pytest.mark.mpl_image_compare(
    tolerance=TOLERANCE, style="default", savefig_kwargs={"dpi": 72, "bbox_inches": "tight"}
)
# The graphs are mostly numbers: one digit changed moves the RMS by about 1 to 2, so they get a smaller
# tolerance (their rendering is exact from run to run: text and straight lines, no data-dependent curves).
GRAPH_TOLERANCE = 0.5
compare_graph = pytest.mark.mpl_image_compare(
    tolerance=GRAPH_TOLERANCE, style="default", savefig_kwargs={"dpi": 72, "bbox_inches": "tight"}
)


def trained_xor(epochs, seed=48, cross=False):
    """The book's 2-3-1 sigmoid network on XOR (3 inputs with the feature cross), and its costs."""
    X, Y = xor_gate()
    if cross:
        X = add_feature_cross(X)
    np.random.seed(seed)
    layers = [
        LinearLayer(X.shape, 3, "xavier"),
        SigmoidLayer((3, 4)),
        LinearLayer((3, 4), 1, "xavier"),
        SigmoidLayer((1, 4)),
    ]
    costs = train(layers, X, Y, epochs=epochs, learning_rate=1)
    return layers, costs


@compare
def test_learning_curve():
    _, costs = trained_xor(2000)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    plot_learning_curve(costs, ax=ax, label="XOR, seed 48")
    return fig


@compare
def test_learning_curve_log_scale():
    _, costs = trained_xor(2000)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    plot_learning_curve(costs, ax=ax, log=True)
    return fig


@compare
def test_decision_boundary():
    layers, _ = trained_xor(5000)
    X, Y = xor_gate()
    fig, ax = plt.subplots(figsize=(5, 4))
    plot_decision_boundary(lambda P: forward_pass(layers, P), X, Y, ax=ax, resolution=100)
    return fig


@compare
def test_decision_boundary_shaded_with_feature_cross():
    layers, _ = trained_xor(5000, cross=True)
    X, Y = xor_gate()
    fig, ax = plt.subplots(figsize=(5, 4))
    plot_decision_boundary(
        lambda P: forward_pass(layers, add_feature_cross(P)), X, Y, ax=ax, filled=True, resolution=100
    )
    return fig


NEURON_VALUES = dict(x1=0.0, x2=1.0, w1=0.1, w2=0.6, b=-0.125, z=0.475, y_hat=0.61656, y=1.0, L=0.07352)
NEURON_GRADS = dict(y_hat=-0.38344, z=-0.09056, w1=0.0, w2=-0.09056, b=-0.09056)


@compare_graph
def test_neuron_graph_with_bias_and_gradients():
    return neuron_graph(NEURON_VALUES, NEURON_GRADS).figure


@pytest.mark.parametrize("change", [dict(grads={"b": -0.09256}), dict(values={"w2": 0.7})])
def test_a_graph_with_one_value_changed_fails_the_comparison(change, tmp_path):
    """Negative control: one number of the graph changed (the last digit of a gradient, or a weight) is
    more than the graphs' tolerance, compared as pytest-mpl compares."""
    from matplotlib.testing.compare import compare_images

    values, grads = {**NEURON_VALUES, **change.get("values", {})}, {**NEURON_GRADS, **change.get("grads", {})}
    with plt.style.context("default"):
        neuron_graph(values, grads).figure.savefig(tmp_path / "changed.png", dpi=72, bbox_inches="tight")
    baseline = Path(__file__).parent / "baseline" / "test_neuron_graph_with_bias_and_gradients.png"
    result = compare_images(str(baseline), str(tmp_path / "changed.png"), tol=GRAPH_TOLERANCE, in_decorator=True)
    assert result is not None and result["rms"] > GRAPH_TOLERANCE, result


@compare_graph
def test_neuron_graph_without_bias_or_gradients():
    values = dict(x1=0.0, x2=0.0, w1=0.1, w2=0.6, z=0.0, y_hat=0.5, y=0.0, L=0.125)
    return neuron_graph(values).figure


@compare_graph
def test_network_graph_of_the_2_3_1_network_before_its_first_update():
    X, Y = xor_gate()
    np.random.seed(48)
    layers = [
        LinearLayer(X.shape, 3, "xavier"),
        SigmoidLayer((3, 4)),
        LinearLayer((3, 4), 1, "xavier"),
        SigmoidLayer((1, 4)),
    ]
    backward_pass(layers, compute_cost(Y, forward_pass(layers, X))[1])
    return network_graph(layers, Y, example=1, decimals=3).figure


@compare
def test_descent_on_a_loss_curve():
    positions = descend(lambda p: 2 * p, start=2.0, learning_rate=0.3, steps=6)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    plot_descent(lambda p: p**2, positions, ax=ax)
    return fig


@compare
def test_overshooting_descent_on_a_loss_curve():
    positions = descend(lambda p: 2 * p, start=0.5, learning_rate=1.05, steps=5)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    plot_descent(lambda p: p**2, positions, ax=ax, margin=0.2)
    return fig


SVG_BASELINE = Path(__file__).parent / "baseline" / "neuron_graph.svg"


def neuron_graph_svg():
    from nbnp.book import svg_text

    with plt.style.context("default"):
        return svg_text(neuron_graph(NEURON_VALUES, NEURON_GRADS).figure)


def test_the_graphs_svg_is_the_same_byte_for_byte():
    """The chapters' graphs are SVG, and the verified notebooks hold their text, compared byte for byte
    with every build; a change as small as a millionth of a pixel in a path shows here first. After an
    intended change, rewrite the baseline with ``python -m tests.test_figures`` and look at it."""
    assert neuron_graph_svg() == SVG_BASELINE.read_text(encoding="utf-8")


if __name__ == "__main__":
    SVG_BASELINE.write_text(neuron_graph_svg(), encoding="utf-8")
