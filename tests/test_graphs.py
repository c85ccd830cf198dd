"""Tests of nbnp.graphs: the drawn figure carries exactly the values it is given."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nbnp
from nbnp.graphs import BACKWARD_COLOUR, MAX_WIDTH, network_graph, neuron_graph


def node_texts(ax):
    """Every text in the graph's boxes and beside its arrows, with its colour: ``[(text, colour)]``."""
    found = []
    for box in ax.artists:
        for area in box.offsetbox.get_children():
            found.append((area.get_text(), area._text.get_color()))
    return found + [(t.get_text(), t.get_color()) for t in ax.texts if t.get_text()]


def texts(ax):
    return [text for text, _ in node_texts(ax)]


def _xor_network(hidden=3, seed=48):
    X, Y = nbnp.xor_gate()
    rng = np.random.RandomState(seed)
    layers = [
        nbnp.LinearLayer(X.shape, hidden, "xavier", rng=rng),
        nbnp.SigmoidLayer((hidden, 4)),
        nbnp.LinearLayer((hidden, 4), 1, "xavier", rng=rng),
        nbnp.SigmoidLayer((1, 4)),
    ]
    _, dY_hat = nbnp.compute_cost(Y, nbnp.forward_pass(layers, X))
    nbnp.backward_pass(layers, dY_hat)
    return layers, X, Y


def test_network_graph_draws_one_box_per_node_and_one_arrow_per_edge():
    layers, X, Y = _xor_network()
    ax = network_graph(layers, Y, example=1)
    # X, (W, b, Z, A) per layer, Y, C
    assert len(ax.artists) == 1 + 4 * 2 + 2
    # X->Z1, W1, b1, Z1->A1, A1->Z2, W2, b2, Z2->A2, A2->C, Y->C
    arrows = [c for c in ax.get_children() if type(c).__name__ == "Annotation"]
    assert len(arrows) == 10
    red = [text for text, colour in node_texts(ax) if colour == BACKWARD_COLOUR]
    # every node holds its gradient except the data (X and Y) and the cost
    assert len(red) == 8


def test_network_graph_texts_carry_the_computed_values():
    layers, X, Y = _xor_network()
    example = 2
    ax = network_graph(layers, Y, example=example, decimals=3)
    texts = {t.split("\n")[0]: t.split("\n")[1:] for t, _ in node_texts(ax)}
    linear1, sigmoid1, linear2, sigmoid2 = layers
    np.testing.assert_allclose([float(v) for v in texts["$Z^{[1]}$"]], linear1.Z[:, example], atol=5e-4)
    np.testing.assert_allclose([float(v) for v in texts["$\\sigma$: $A^{[1]}$"]], sigmoid1.A[:, example], atol=5e-4)
    np.testing.assert_allclose([float(v) for v in texts["$X$"]], X[:, example])
    rows = [[float(v) for v in row.strip("[]").split()] for row in texts["$W^{[1]}$"]]
    np.testing.assert_allclose(rows, linear1.params["W"], atol=5e-4)
    rows = [[float(v) for v in row.strip("[]").split()] for row in texts["$\\partial C/\\partial W^{[2]}$"]]
    np.testing.assert_allclose(rows, linear2.dW, atol=5e-4)
    np.testing.assert_allclose(
        [float(v) for v in texts["$\\partial C/\\partial Z^{[1]}$"]], sigmoid1.dZ[:, example], atol=5e-4
    )
    np.testing.assert_allclose(
        [float(v) for v in texts["$\\partial C/\\partial A^{[1]}$"]], linear2.dA_prev[:, example], atol=5e-4
    )
    cost, dY_hat = nbnp.compute_cost(Y, sigmoid2.A)
    np.testing.assert_allclose(
        [float(v) for v in texts["$\\partial C/\\partial A^{[2]}$"]], dY_hat[:, example], atol=5e-4
    )
    (cost_text,) = [t for t, _ in node_texts(ax) if t.startswith("$C$")]
    np.testing.assert_allclose(float(cost_text.split("=")[1]), cost, atol=5e-6)


def test_network_graph_draws_on_the_given_axes_and_does_not_change_the_layers():
    layers, X, Y = _xor_network()
    before = [{k: v.copy() for k, v in layer.params.items()} for layer in layers[::2]]
    fig, ax = plt.subplots(figsize=(5, 12))
    assert network_graph(layers, Y, ax=ax) is ax
    for layer, params in zip(layers[::2], before, strict=False):
        for name in ("W", "b"):
            np.testing.assert_array_equal(layer.params[name], params[name])


def test_neuron_graph_draws_on_the_given_axes():
    fig, ax = plt.subplots(figsize=(5, 5))
    assert neuron_graph(BOOK_NEURON, ax=ax) is ax
    assert "$b$ = -0.125" in texts(ax)


def test_network_graph_without_activation_names_the_gradient_of_z():
    X, Y = nbnp.xor_gate()
    rng = np.random.RandomState(0)
    layers = [nbnp.LinearLayer(X.shape, 2, rng=rng), nbnp.LinearLayer((2, 4), 1, rng=rng), nbnp.SigmoidLayer((1, 4))]
    _, dY_hat = nbnp.compute_cost(Y, nbnp.forward_pass(layers, X))
    nbnp.backward_pass(layers, dY_hat)
    heads = [t.split("\n")[0] for t in texts(network_graph(layers, Y))]
    assert "$\\partial C/\\partial Z^{[1]}$" in heads
    assert "$\\partial C/\\partial A^{[1]}$" not in heads


def test_network_graph_rejects_layers_before_a_backward_pass():
    X, Y = nbnp.xor_gate()
    layers = [
        nbnp.LinearLayer(X.shape, 3, rng=np.random.RandomState(0)),
        nbnp.SigmoidLayer((3, 4)),
        nbnp.LinearLayer((3, 4), 1, rng=np.random.RandomState(1)),
        nbnp.SigmoidLayer((1, 4)),
    ]
    nbnp.forward_pass(layers, X)
    with pytest.raises(ValueError, match=r"layers\[0\] \(LinearLayer\) has no dW, db, dA_prev"):
        network_graph(layers, Y)


@pytest.mark.parametrize("example", [-1, 4, 1.0, True])
def test_network_graph_rejects_an_example_outside_the_batch(example):
    layers, X, Y = _xor_network()
    with pytest.raises(ValueError, match="example must be a column index from 0 to 3"):
        network_graph(layers, Y, example=example)


def test_network_graph_rejects_labels_of_the_wrong_shape():
    layers, X, Y = _xor_network()
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 4\)"):
        network_graph(layers, Y.T)


def test_network_graph_rejects_unknown_layers():
    layers, X, Y = _xor_network()
    with pytest.raises(TypeError, match="layers must start with a LinearLayer; got SigmoidLayer"):
        network_graph(layers[1:], Y)
    with pytest.raises(TypeError, match=r"^layers\[1\] must be a layer, with forward\(\) and backward\(\); got str$"):
        network_graph([layers[0], "relu"], Y)

    class Relu:
        def forward(self, A):
            return np.maximum(A, 0)

        def backward(self, upstream_grad, input_grad=True):
            return upstream_grad

    with pytest.raises(TypeError, match=r"^layers\[1\] must be a LinearLayer or a SigmoidLayer; got Relu$"):
        network_graph([layers[0], Relu()], Y)
    with pytest.raises(ValueError, match="SigmoidLayer after a SigmoidLayer; expected a LinearLayer"):
        network_graph([layers[0], layers[1], nbnp.SigmoidLayer(layers[1].A.shape)], Y)
    with pytest.raises(ValueError, match=r"^layer 2 \(SigmoidLayer\) is the same object as layer 1: "):
        network_graph([layers[0], layers[1], layers[1]], Y)


def test_draw_graph_rejects_unknown_kinds_and_nodes():
    with pytest.raises(ValueError, match="node 'a' has kind 'weight'; expected one of input"):
        nbnp.graphs.draw_graph({"a": (0, 0, "a", "weight")}, [])
    with pytest.raises(ValueError, match="names unknown node 'c'"):
        nbnp.graphs.draw_graph({"a": (0, 0, "a", "input")}, [("a", "c", None)])


# Tests added for mutation testing (`make mutation`): each pins down a behaviour a mutant changed unnoticed.


def test_fmt_drops_trailing_zeros_and_signs_of_zero():
    assert nbnp.graphs.fmt(0.2, decimals=0) == "0"
    assert nbnp.graphs.fmt(-0.0001) == "0"
    assert nbnp.graphs.fmt(2.5, decimals=2) == "2.5"


def test_fmt_keeps_the_zeros_of_whole_numbers():
    assert nbnp.graphs.fmt(10, decimals=0) == "10"
    assert nbnp.graphs.fmt(-200.0) == "-200"


def test_column_and_matrix_texts_use_the_given_decimals():
    assert nbnp.graphs._column_text("$b$", [0.123456, -1.0], 2) == "$b$\n0.12\n-1"
    assert nbnp.graphs._matrix_text("$W$", [[0.123456, 2.0]], 1) == "$W$\n[0.1  2]"


def test_network_graph_shows_the_first_example_with_three_decimals_by_default():
    layers, X, Y = _xor_network()
    drawn = texts(network_graph(layers, Y))
    assert nbnp.graphs._column_text("$Z^{[1]}$", layers[0].Z[:, 0], 3) in drawn
    assert nbnp.graphs._matrix_text("$W^{[1]}$", layers[0].params["W"], 3) in drawn
    assert nbnp.graphs._column_text("$Y$", Y[:, 0], 3) in drawn


def test_network_graph_of_a_network_ending_in_a_linear_layer_costs_its_Z():
    X, Y = nbnp.xor_gate()
    rng = np.random.RandomState(1)
    layers = [nbnp.LinearLayer(X.shape, 2, rng=rng), nbnp.SigmoidLayer((2, 4)), nbnp.LinearLayer((2, 4), 1, rng=rng)]
    cost, dY_hat = nbnp.compute_cost(Y, nbnp.forward_pass(layers, X))
    nbnp.backward_pass(layers, dY_hat)
    (cost_text,) = [t for t in texts(network_graph(layers, Y)) if t.startswith("$C$")]
    np.testing.assert_allclose(float(cost_text.split("=")[1]), cost, atol=5e-6)


def test_network_graph_error_messages_name_the_problem():
    _, _, Y = _xor_network()
    with pytest.raises(ValueError, match="^layers must hold at least one layer; got an empty list$"):
        network_graph([], Y)
    layers = [nbnp.LinearLayer((2, 4), 1), nbnp.SigmoidLayer((1, 4))]
    with pytest.raises(
        ValueError,
        match=r"has no A_prev, dW, db, dA_prev: run a forward pass, compute_cost and "
        r"a backward pass before drawing$",
    ):
        network_graph(layers, Y)


def test_draw_graph_lists_every_known_kind():
    with pytest.raises(ValueError, match="expected one of input, parameter, operation, loss$"):
        nbnp.graphs.draw_graph({"a": (0, 0, "a", "weight")}, [])


def test_neuron_graph_rejects_unknown_gradient_keys():
    values = dict(x1=0, x2=1, w1=0.1, w2=0.6, z=0.6, y_hat=0.646, y=1, L=0.063)
    with pytest.raises(ValueError, match=r"^grads has unknown keys \['w3', 'x1'\]; expected some of y_hat, z, w1"):
        nbnp.graphs.neuron_graph(values, {"x1": 0.0, "w3": 1.0, "z": 0.1})


def test_draw_graph_runs_arrows_from_box_edge_to_box_edge_under_the_boxes_and_labels():
    nodes = {"a": (0, 0, "a", "input"), "b": (2, 0, "b", "operation")}
    ax = nbnp.graphs.draw_graph(nodes, [("a", "b", "g")])
    (arrow,) = [c for c in ax.get_children() if type(c).__name__ == "Annotation"]
    (label,) = [t for t in ax.texts if t.get_text() == "g"]
    assert arrow.arrow_patch.shrinkA == 0 and arrow.arrow_patch.shrinkB == 0
    assert arrow.get_zorder() < min(b.get_zorder() for b in ax.artists) < label.get_zorder()
    # the arrow ends on the boxes' borders: right of a's centre, left of b's
    (x0, y0), (x1, y1) = arrow.xyann, arrow.xy
    assert 0 < x0 < x1 < 2 and y0 == pytest.approx(0) and y1 == pytest.approx(0)


def test_draw_graph_sizes_the_figure_in_inches_from_the_layout():
    nodes = {"a": (0, 0, "a", "input"), "b": (2, 0, "b", "operation")}
    width, height = nbnp.graphs.draw_graph(nodes, []).figure.get_size_inches()
    assert 2.2 < width < 3.0 and 0.2 < height < 0.6
    assert nbnp.graphs.draw_graph(nodes, [])._children  # drawn
    wider = {"a": (0, 0, "a", "input"), "b": (4, 0, "b", "operation")}
    assert nbnp.graphs.draw_graph(wider, []).figure.get_size_inches()[0] == pytest.approx(width + 2, abs=0.01)


def test_draw_graph_puts_a_label_beside_its_edge_on_the_side_asked():
    nodes = {"a": (0, 0, "a", "input"), "b": (2, 0, "b", "operation")}
    (above,) = [t for t in nbnp.graphs.draw_graph(nodes, [("a", "b", "g")]).texts if t.get_text() == "g"]
    (below,) = [t for t in nbnp.graphs.draw_graph(nodes, [("a", "b", "g", "right", 0.25)]).texts if t.get_text() == "g"]
    assert above.get_position()[1] > 0 and above.get_verticalalignment() == "bottom"
    assert below.get_position()[1] < 0 and below.get_verticalalignment() == "top"
    assert above.get_position()[0] > below.get_position()[0]


def test_draw_graph_refuses_a_layout_that_does_not_read():
    # two boxes on top of each other
    with pytest.raises(ValueError, match=r"the box of 'a' overlaps the box of 'b'"):
        nbnp.graphs.draw_graph({"a": (0, 0, "a", "input"), "b": (0.05, 0, "b", "input")}, [])
    # an arrow through a third box
    nodes = {"a": (0, 0, "a", "input"), "m": (1.5, 0, "m", "input"), "b": (3, 0, "b", "operation")}
    with pytest.raises(ValueError, match=r"the arrow \('a', 'b'\) crosses the box of 'm'"):
        nbnp.graphs.draw_graph(nodes, [("a", "b", None)])
    # a label beside one arrow, crossed by another
    nodes = {
        "a": (0, 0, "a", "input"),
        "b": (3, 0, "b", "operation"),
        "c": (1.5, 1.5, "c", "input"),
        "d": (1.5, -1.5, "d", "input"),
    }
    with pytest.raises(ValueError, match=r"the arrow \('c', 'd'\) crosses the label 'a long label'"):
        nbnp.graphs.draw_graph(nodes, [("a", "b", "a long label"), ("c", "d", None)])


def test_draw_graph_rejects_unknown_sides_positions_and_small_axes():
    nodes = {"a": (0, 0, "a", "input"), "b": (2, 0, "b", "operation")}
    with pytest.raises(ValueError, match="has side 'up'; expected 'left' or 'right'"):
        nbnp.graphs.draw_graph(nodes, [("a", "b", "g", "up")])
    with pytest.raises(ValueError, match="has position 1.5; expected a number between 0"):
        nbnp.graphs.draw_graph(nodes, [("a", "b", "g", "left", 1.5)])
    fig, ax = plt.subplots(figsize=(1, 1))
    with pytest.raises(ValueError, match=r"ax is [\d.]+ x [\d.]+ inches; the graph needs 2.\d\d x"):
        nbnp.graphs.draw_graph(nodes, [], ax=ax)


BOOK_NEURON = dict(x1=0.0, x2=1.0, w1=0.1, w2=0.6, b=-0.125, z=0.475, y_hat=0.61656, y=1.0, L=0.07352)


def test_the_book_graphs_fit_a_phone_column():
    layers, X, Y = _xor_network()
    for ax in (
        network_graph(layers, Y, example=1),
        neuron_graph(BOOK_NEURON, {"b": -0.09056, "z": -0.09056}),
        neuron_graph({k: v for k, v in BOOK_NEURON.items() if k != "b"}),
    ):
        assert ax.figure.get_size_inches()[0] <= MAX_WIDTH + 2 * nbnp.graphs.MARGIN


def test_neuron_graph_writes_each_gradient_under_its_node():
    ax = neuron_graph(BOOK_NEURON, {"w2": -0.09056, "z": -0.09056})
    red = [text for text, colour in node_texts(ax) if colour == BACKWARD_COLOUR]
    assert red == ["$\\partial L/\\partial w_2$ = -0.091", "$\\partial L/\\partial z$ = -0.091"]
    assert "$b$ = -0.125" in texts(ax)


def test_fmt_refuses_what_is_not_a_finite_number():
    with pytest.raises(ValueError, match="^value must be a finite number; got nan$"):
        nbnp.graphs.fmt(float("nan"))
    with pytest.raises(TypeError, match="^value must be a number; got 'x' of type str$"):
        nbnp.graphs.fmt("x")


def test_draw_graph_checks_the_form_of_nodes_and_edges():
    with pytest.raises(TypeError, match=r"^nodes must be a non-empty dict name -> \(x, y, text, kind\); got list$"):
        nbnp.graphs.draw_graph([("a", 0, 0, "a", "input")], [])
    with pytest.raises(TypeError, match=r"^nodes must be a non-empty dict .*; got dict$"):
        nbnp.graphs.draw_graph({}, [])
    with pytest.raises(
        ValueError,
        match=r"^node 'a' must be a tuple \(x, y, text, kind\) or \(x, y, text, kind, gradient_text\); got \(0, 0, 'a'\)$",
    ):
        nbnp.graphs.draw_graph({"a": (0, 0, "a")}, [])
    with pytest.raises(
        ValueError, match=r"^node 'a' must be a tuple \(x, y, text, kind\) or .*; got \[0, 0, 'a', 'input'\]$"
    ):
        nbnp.graphs.draw_graph({"a": [0, 0, "a", "input"]}, [])
    with pytest.raises(
        ValueError,
        match=r"^each edge must be a tuple \(source, target, text\), optionally with side and position; got \('a',\)$",
    ):
        nbnp.graphs.draw_graph({"a": (0, 0, "a", "input")}, [("a",)])
    with pytest.raises(ValueError, match=r"^each edge must be a tuple .*; got \['a', 'a', None\]$"):
        nbnp.graphs.draw_graph({"a": (0, 0, "a", "input")}, [["a", "a", None]])


def test_neuron_graph_names_the_values_it_misses():
    values = dict(x1=0, x2=1, w1=0.1, w2=0.6, z=0.6, y_hat=0.646, y=1, L=0.063)
    del values["w2"], values["L"]
    with pytest.raises(
        ValueError,
        match=r"^values has no L, w2; expected x1, x2, w1, w2, z, y_hat, y, L \(and b for "
        r"a neuron with a bias\)$",
    ):
        nbnp.graphs.neuron_graph(values)


GAP = nbnp.graphs.LABEL_GAP


@pytest.mark.parametrize(
    "start, end, side, position, anchor, ha, va",
    [
        # along +x: the left of the direction of travel is up
        ((0.0, 0.0), (2.0, 0.0), "left", 0.5, (1.0, GAP), "center", "bottom"),
        ((0.0, 0.0), (2.0, 0.0), "right", 0.5, (1.0, -GAP), "center", "top"),
        # along +y: the left is -x
        ((0.0, 0.0), (0.0, 3.0), "left", 0.5, (-GAP, 1.5), "right", "center"),
        ((0.0, 0.0), (0.0, 3.0), "right", 0.5, (GAP, 1.5), "left", "center"),
        # a 3-4-5 edge from (1, 2): the left normal is (-0.8, 0.6), the right one (0.8, -0.6)
        ((1.0, 2.0), (4.0, 6.0), "left", 0.25, (1.75 - 0.8 * GAP, 3.0 + 0.6 * GAP), "right", "bottom"),
        ((1.0, 2.0), (4.0, 6.0), "right", 0.75, (3.25 + 0.8 * GAP, 5.0 - 0.6 * GAP), "left", "top"),
        # the same edge run backwards swaps the sides
        ((4.0, 6.0), (1.0, 2.0), "right", 0.75, (1.75 - 0.8 * GAP, 3.0 + 0.6 * GAP), "right", "bottom"),
    ],
)
def test_a_label_anchor_lies_one_gap_from_the_edge_on_the_side_asked(start, end, side, position, anchor, ha, va):
    got_anchor, got_ha, got_va = nbnp.graphs._label_anchor(start, end, side, position)
    np.testing.assert_allclose(got_anchor, anchor, rtol=0, atol=1e-12)
    assert (got_ha, got_va) == (ha, va)


def test_a_label_is_centred_only_where_the_normal_is_within_a_fifth_of_the_axis():
    # |nx| = 0.2 exactly (the edge has length 1.0 in floating point): not centred
    along = 0.96**0.5
    assert nbnp.graphs._label_anchor((0.0, 0.0), (along, -0.2), "left", 0.5)[1:] == ("left", "bottom")
    assert nbnp.graphs._label_anchor((0.0, 0.0), (0.2, -along), "left", 0.5)[1:] == ("left", "bottom")
    # just inside a fifth: centred
    assert nbnp.graphs._label_anchor((0.0, 0.0), (1.0, -0.19), "left", 0.5)[1] == "center"
    assert nbnp.graphs._label_anchor((0.0, 0.0), (0.19, -1.0), "left", 0.5)[2] == "center"


@pytest.mark.parametrize(
    "ha, va, box",
    [
        ("left", "bottom", (10.0, 20.0, 12.0, 21.0)),
        ("center", "center", (9.0, 19.5, 11.0, 20.5)),
        ("right", "top", (8.0, 19.0, 10.0, 20.0)),
    ],
)
def test_a_placed_label_box_matches_matplotlib_alignment(ha, va, box):
    np.testing.assert_allclose(nbnp.graphs._placed((2.0, 1.0), (10.0, 20.0), ha, va), box)


def test_the_placed_box_is_where_matplotlib_draws_the_label():
    # a diagonal edge each way, so every alignment but (center, center) is drawn
    nodes = {
        "a": (0, 0, "a", "input"),
        "b": (2.5, 1.5, "b", "operation"),
        "c": (0, 3, "c", "operation"),
        "d": (2.5, 4.5, "d", "operation"),
    }
    edges = [("a", "b", "g"), ("b", "c", "h"), ("c", "d", "k", "right")]
    ax = nbnp.graphs.draw_graph(nodes, edges)
    ax.figure.canvas.draw()  # lays out each label's box where the final limits put it
    renderer = ax.figure.canvas.get_renderer()
    to_inches, aligned = ax.transData.inverted(), set()
    for label in (t for t in ax.texts if t.get_text() in {"g", "h", "k"}):
        extent = label.get_bbox_patch().get_window_extent(renderer)
        size = (extent.width / ax.figure.dpi, extent.height / ax.figure.dpi)
        drawn = to_inches.transform([[extent.x0, extent.y0], [extent.x1, extent.y1]]).ravel()
        placed = nbnp.graphs._placed(
            size, label.get_position(), label.get_horizontalalignment(), label.get_verticalalignment()
        )
        np.testing.assert_allclose(placed, drawn, atol=0.02)  # a pixel or two of snapping
        aligned.add((label.get_horizontalalignment(), label.get_verticalalignment()))
    assert aligned == {("right", "bottom"), ("right", "top"), ("left", "top")}


@pytest.mark.parametrize(
    "direction, point",
    [((1, 0), (4, 1)), ((0, -1), (2, 0)), ((1, 1), (3, 2)), ((-2, 0.5), (0, 1.5)), ((0.5, -2), (2.25, 0))],
)
def test_a_ray_from_the_centre_leaves_the_box_on_its_border(direction, point):
    np.testing.assert_allclose(nbnp.graphs._leave_box((0, 0, 4, 2), *direction), point)


# Boxes (x0, y0, x1, y1) away from the origin, so that an x read for a y (or a y for an x) shows.
A = (0.0, 10.0, 1.0, 11.0)


@pytest.mark.parametrize(
    "b, margin, expected",
    [
        ((1.5, 10.0, 2.5, 11.0), 0.0, False),  # 0.5 to the right
        ((1.5, 10.0, 2.5, 11.0), 0.4, False),
        ((1.5, 10.0, 2.5, 11.0), 0.6, True),  # nearer than the margin
        ((-1.5, 10.0, -0.5, 11.0), 0.0, False),  # 0.5 to the left
        ((-1.5, 10.0, -0.5, 11.0), 0.6, True),
        ((0.0, 11.5, 1.0, 12.5), 0.0, False),  # 0.5 above
        ((0.0, 11.5, 1.0, 12.5), 0.6, True),
        ((0.0, 8.5, 1.0, 9.5), 0.0, False),  # 0.5 below
        ((0.0, 8.5, 1.0, 9.5), 0.6, True),
        ((0.5, 10.5, 1.5, 11.5), 0.0, True),  # overlapping
        ((1.0, 10.0, 2.0, 11.0), 0.0, False),  # touching is not overlapping
        ((0.0, 11.0, 1.0, 12.0), 0.0, False),
    ],
)
def test_boxes_overlap_when_nearer_than_the_margin(b, margin, expected):
    assert nbnp.graphs._overlap(A, b, margin) is expected
    assert nbnp.graphs._overlap(b, A, margin) is expected


def test_boxes_overlap_with_no_margin_by_default():
    assert nbnp.graphs._overlap(A, (1.01, 10.0, 2.0, 11.0)) is False


def test_a_layout_needs_a_fiftieth_of_an_inch_between_boxes():
    def problems(gap):
        return nbnp.graphs._layout_problems({"a": A, "b": (1.0 + gap, 10.0, 2.0, 11.0)}, [], [])

    assert problems(0.01) == ["the box of 'a' overlaps the box of 'b'"]
    assert problems(0.03) == []


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ((-1, 0.5), (3, 0.5), True),  # straight through
        ((-1, 0.5), (-0.1, 0.5), False),  # stops short
        ((-1, 0), (3, 0), True),  # along the bottom border
        ((-1, -0.1), (3, -0.1), False),  # just under it
        ((-1, 1), (1, -1), False),  # through the corner (0, 0) only
        ((-1, 1.5), (1, -0.5), True),  # across the corner
        ((1, -1), (1, 2), True),  # vertical, through
        ((2.5, -1), (2.5, 2), False),  # vertical, beside
    ],
)
def test_a_segment_crosses_a_box_if_it_runs_through_or_along_it(start, end, expected):
    assert nbnp.graphs._crosses(start, end, (0, 0, 2, 1)) is expected


def test_draw_graph_rejects_edges_too_long_and_positions_at_the_ends():
    nodes = {"a": (0, 0, "a", "input"), "b": (2, 0, "b", "operation")}
    with pytest.raises(ValueError, match="each edge must be a tuple"):
        nbnp.graphs.draw_graph(nodes, [("a", "b", "g", "left", 0.5, "extra")])
    for position in (0, 1):
        with pytest.raises(ValueError, match=f"has position {position}; expected a number between 0"):
            nbnp.graphs.draw_graph(nodes, [("a", "b", "g", "left", position)])


def test_draw_graph_without_axes_makes_a_figure_that_the_graph_fills():
    ax = nbnp.graphs.draw_graph({"a": (0, 0, "a", "input"), "b": (2, 0, "b", "operation")}, [])
    assert ax.get_position().bounds == (0, 0, 1, 1)


def test_draw_graph_colours_values_gradients_and_kinds_and_names_each_part_in_the_svg():
    from matplotlib.colors import to_rgba

    from nbnp.book import svg_text
    from nbnp.graphs import FORWARD_COLOUR, KIND_COLOURS

    nodes = {"a": (0, 0, "a = 1", "input", "da = 2"), "b": (2.5, 0, "b = 3", "operation")}
    with plt.rc_context({"text.color": "0.5", "patch.linewidth": 3}):  # a reader's style changes nothing
        ax = nbnp.graphs.draw_graph(nodes, [("a", "b", "g = 4")])
    assert node_texts(ax) == [
        ("a = 1", FORWARD_COLOUR),
        ("da = 2", BACKWARD_COLOUR),
        ("b = 3", FORWARD_COLOUR),
        ("g = 4", BACKWARD_COLOUR),
    ]
    for box, kind in zip(ax.artists, ("input", "operation"), strict=True):
        assert box.patch.get_facecolor() == to_rgba(KIND_COLOURS[kind])
        assert box.patch.get_edgecolor() == to_rgba("0.3") and box.patch.get_linewidth() == 1
    (label,) = [t for t in ax.texts if t.get_text()]
    assert label.get_bbox_patch().get_facecolor() == to_rgba("white")
    assert label.get_bbox_patch().get_edgecolor() == to_rgba("none")
    assert label.get_fontsize() == nbnp.graphs.FONT_SIZE  # the body text's size, as every box's text
    svg = svg_text(ax.figure)
    for gid in ("graph-node-a", "graph-label-a", "graph-label-a-gradient", "graph-node-b", "graph-label-edge-0"):
        assert f'id="{gid}"' in svg, gid
    assert 'id="graph-label-b-gradient"' not in svg


TWO_NODES = {"a": (0, 0, "n", "input"), "b": (2, 0, "n", "operation")}


def _needed_inches():
    return nbnp.graphs.draw_graph(TWO_NODES, []).figure.get_size_inches()


@pytest.mark.parametrize("size", [(6, 4), (4, 6)])
def test_draw_graph_centres_the_graph_in_larger_axes_at_one_data_unit_per_inch(size):
    fig = plt.figure(figsize=size)
    ax = nbnp.graphs.draw_graph(TWO_NODES, [], ax=fig.add_axes((0, 0, 1, 1)))
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    np.testing.assert_allclose([x1 - x0, y1 - y0], size)
    # the two boxes are alike, at x = 0 and 2, y = 0: the graph's centre is (1, 0)
    np.testing.assert_allclose([(x0 + x1) / 2, (y0 + y1) / 2], [1, 0], atol=1e-9)


def test_draw_graph_fits_axes_of_exactly_its_size_and_names_the_sizes_of_smaller_ones():
    width, height = _needed_inches()
    fig = plt.figure(figsize=(width, height))
    nbnp.graphs.draw_graph(TWO_NODES, [], ax=fig.add_axes((0, 0, 1, 1)))
    for short in ((width - 0.5, 6), (6, height - 0.2)):
        fig = plt.figure(figsize=short)
        message = (
            rf"^ax is {short[0]:.2f} x {short[1]:.2f} inches; the graph needs {width:.2f} x {height:.2f} "
            r"inches \(one data unit per inch\): pass larger axes, or ax=None$"
        )
        with pytest.raises(ValueError, match=message):
            nbnp.graphs.draw_graph(TWO_NODES, [], ax=fig.add_axes((0, 0, 1, 1)))


def test_draw_graph_names_every_layout_problem_and_the_fix():
    crowded = {"a": (0, 0, "n", "input"), "b": (0.05, 0, "n", "input"), "c": (0.1, 0, "n", "input")}
    message = (
        "^the graph's layout does not read: the box of 'a' overlaps the box of 'b'; the box of 'a' "
        "overlaps the box of 'c'; the box of 'b' overlaps the box of 'c'. Move the nodes apart, "
        "or put the label on the edge's other side$"
    )
    with pytest.raises(ValueError, match=message):
        nbnp.graphs.draw_graph(crowded, [])


def test_network_graph_names_each_node_in_the_svg_by_its_symbol():
    layers, X, Y = _xor_network()
    ax = network_graph(layers, Y)
    assert [box.get_gid() for box in ax.artists] == [
        f"graph-node-{name}" for name in ("X", "Z1", "W1", "b1", "A1", "Z2", "W2", "b2", "A2", "C", "Y")
    ]


def test_network_graph_stacks_the_parameters_of_two_linear_layers_in_a_row():
    """With no activation between the linear layers the left column (W1, b1, W2, b2) is longer than
    the chain (Z1, Z2), so W2 waits for the b1 above it and keeps the gap between boxes."""
    X, Y = nbnp.xor_gate()
    rng = np.random.RandomState(0)
    layers = [nbnp.LinearLayer(X.shape, 3, rng=rng), nbnp.LinearLayer((3, 4), 1, rng=rng), nbnp.SigmoidLayer((1, 4))]
    nbnp.backward_pass(layers, nbnp.compute_cost(Y, nbnp.forward_pass(layers, X))[1])
    box = _node_boxes(network_graph(layers, Y))
    assert box["b1"][1] - box["W2"][3] > 0.3  # at least the graph's gap between boxes


def test_network_graph_puts_the_labels_under_the_last_bias_when_the_network_ends_linear():
    """Ending in a linear layer, the left column (W2 then b2) outgrows the chain (Z2): Y waits for b2."""
    X, _ = nbnp.xor_gate()
    Y = np.vstack([X, X[:1]])  # three outputs, so that b2 is tall
    rng = np.random.RandomState(0)
    layers = [nbnp.LinearLayer(X.shape, 2, "xavier", rng=rng), nbnp.SigmoidLayer((2, 4))]
    layers.append(nbnp.LinearLayer((2, 4), 3, "xavier", rng=rng))
    nbnp.backward_pass(layers, nbnp.compute_cost(Y, nbnp.forward_pass(layers, X))[1])
    box = _node_boxes(network_graph(layers, Y))
    assert box["Y"][3] < box["b2"][1]


def _node_boxes(ax):
    """``{node: (x0, y0, x1, y1)}`` of every box as drawn, in inches (the graph's data units)."""
    renderer = ax.figure.canvas.get_renderer()
    to_data = ax.transData.inverted()
    return {
        b.get_gid().removeprefix("graph-node-"): to_data.transform(b.get_window_extent(renderer)).ravel()
        for b in ax.artists
    }
