"""Computational graphs drawn from computed values.

A graph is a dict of nodes and a list of edges. Each node's box holds its
forward value and, in red under it, the gradient of the loss with respect to
that value (as micrograd's graphs do); an edge may carry a red label too, for
the share of a gradient that flows back along it. Because the caller passes the
numbers it computed, the picture cannot drift from them.

The figures are laid out in inches at a fixed font size, narrow enough for a
phone's column, and ``draw_graph`` refuses a layout in which an arrow crosses a
label or two boxes overlap. ``nbnp.book.show_svg`` shows them as SVG.
"""

import matplotlib.pyplot as plt
from matplotlib.offsetbox import AnnotationBbox, TextArea, VPacker

FORWARD_COLOUR = "black"
BACKWARD_COLOUR = "tab:red"
GRADIENT_POSITION = 0.5
FONT_SIZE = 12  # points: 16 CSS pixels, the book's body text, in an SVG shown at its natural size
MAX_WIDTH = 3.45  # inches: 331 CSS pixels; with nbnp.book's padding, within a 390-pixel phone's 342-pixel column
LABEL_GAP = 0.06  # inches between an edge and its label
MARGIN = 0.05  # inches around the drawing
LINE_HEIGHT = 0.21  # inches a line of FONT_SIZE text takes in a box, for laying boxes out
KIND_COLOURS = {
    "input": "#d9f2d9",
    "parameter": "#dbe8f7",
    "operation": "#fde9c9",
    "loss": "#f7d4d4",
}


def fmt(value, decimals=3):
    """Format a number for a figure: rounded to ``decimals`` places, trailing zeros dropped.

    >>> fmt(0.5), fmt(-0.125), fmt(0.46879), fmt(-0.0), fmt(10, decimals=0)
    ('0.5', '-0.125', '0.469', '0', '10')
    """
    from .validation import check_number

    text = f"{check_number('value', value):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _leave_box(box, dx, dy):
    """The point where a ray from the centre of ``box`` (x0, y0, x1, y1) in direction (dx, dy) crosses its border."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    scale = min(
        (x1 - x0) / 2 / abs(dx) if dx else float("inf"),
        (y1 - y0) / 2 / abs(dy) if dy else float("inf"),
    )
    return cx + scale * dx, cy + scale * dy


def _overlap(a, b, margin=0.0):
    """Whether two boxes (x0, y0, x1, y1) overlap, each grown by ``margin``."""
    return (
        a[0] - margin < b[2]
        and b[0] - margin < a[2]
        and a[1] - margin < b[3]
        and b[1] - margin < a[3]
    )


def _crosses(start, end, box):
    """Whether the segment from ``start`` to ``end`` passes through ``box`` (Liang-Barsky clipping)."""
    (x0, y0), (dx, dy) = start, (end[0] - start[0], end[1] - start[1])
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x0 - box[0]),
        (dx, box[2] - x0),
        (-dy, y0 - box[1]),
        (dy, box[3] - y0),
    ):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    return low < high


def _label_anchor(start, end, side, position):
    """Where an edge label goes: beside the edge at ``position`` (0 at its start, 1 at its end), on ``side``.

    Returns the anchor point and matplotlib's ``ha``, ``va`` for it. The whole
    label then lies on one side of the edge's line, so the arrow cannot cross it.
    """
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = (
        (-dy / length, dx / length)
        if side == "left"
        else (dy / length, -dx / length)
    )
    t = position
    x, y = (
        start[0] + t * dx + LABEL_GAP * nx,
        start[1] + t * dy + LABEL_GAP * ny,
    )
    ha = "center" if abs(nx) < 0.2 else ("left" if nx > 0 else "right")
    va = "center" if abs(ny) < 0.2 else ("bottom" if ny > 0 else "top")
    return (x, y), ha, va


def _placed(size, anchor, ha, va):
    """The box (x0, y0, x1, y1) of a label of ``size`` (w, h) anchored at ``anchor`` with ``ha``, ``va``."""
    (w, h), (x, y) = size, anchor
    x0 = {"left": x, "center": x - w / 2, "right": x - w}[ha]
    y0 = {"bottom": y, "center": y - h / 2, "top": y - h}[va]
    return x0, y0, x0 + w, y0 + h


def draw_graph(nodes, edges, ax=None):
    """Draw a computational graph; return the axes.

    Node positions are in inches, and the figure is made to fit them (with
    ``ax=None``), so the labels are set at ``FONT_SIZE`` points whatever the
    number of nodes: the body text's size when the figure is shown at its
    natural size. Lay a graph out within ``MAX_WIDTH`` inches to show it
    unshrunk on a phone.

    Parameters
    ----------
    nodes : dict
        ``name -> (x, y, text, kind)`` or ``(x, y, text, kind, gradient_text)``:
        the box's centre in inches, its text, its ``kind``, one of ``"input"``,
        ``"parameter"``, ``"operation"``, ``"loss"`` (it picks the colour), and
        the gradient of the loss with respect to the node, written in red under
        its value (or None).
    edges : list of tuple
        ``(source, target, text)``, ``(source, target, text, side)`` or
        ``(source, target, text, side, position)``: a forward arrow from
        source to target; ``text`` (or None) is written in red beside the
        arrow, on its ``"left"`` (the default) or ``"right"`` as seen walking
        from source to target, at ``position`` along it (0.5, the middle, by
        default).
    ax : matplotlib axes, optional
        Drawn on with one data unit per inch; they must be large enough.

    Raises
    ------
    ValueError
        If a node has an unknown kind, an edge names an unknown node, side or position,
        ``ax`` is too small, or the layout makes two boxes or labels overlap or
        an arrow cross a label or a box it does not join: the graph would not
        read, so it is not drawn.
    """
    if not isinstance(nodes, dict) or not nodes:
        raise TypeError(
            f"nodes must be a non-empty dict name -> (x, y, text, kind); got {type(nodes).__name__}"
        )
    for name, node in nodes.items():
        if not (isinstance(node, tuple) and len(node) in (4, 5)):
            raise ValueError(
                f"node {name!r} must be a tuple (x, y, text, kind) or (x, y, text, kind, "
                f"gradient_text); got {node!r}"
            )
    for edge in edges:
        if not (isinstance(edge, tuple) and 3 <= len(edge) <= 5):
            raise ValueError(
                f"each edge must be a tuple (source, target, text), optionally with side and "
                f"position; got {edge!r}"
            )
    for name, (_, _, _, kind, *_) in nodes.items():
        if kind not in KIND_COLOURS:
            raise ValueError(
                f"node {name!r} has kind {kind!r}; expected one of {', '.join(KIND_COLOURS)}"
            )
    for source, target, _, *options in edges:
        for end in (source, target):
            if end not in nodes:
                raise ValueError(
                    f"edge ({source!r}, {target!r}) names unknown node {end!r}"
                )
        if options and options[0] not in ("left", "right"):
            raise ValueError(
                f"edge ({source!r}, {target!r}) has side {options[0]!r}; expected 'left' or 'right'"
            )
        if len(options) > 1 and not 0 < options[1] < 1:
            raise ValueError(
                f"edge ({source!r}, {target!r}) has position {options[1]!r}; expected a number "
                "between 0 (its start) and 1 (its end)"
            )
    created = ax is None
    if created:
        # Resized to the layout below before anything is drawn; the first size is fixed all the
        # same, since matplotlib's transforms start from it (the SVG's last digits depend on it).
        ax = plt.figure(figsize=(1, 1)).add_axes((0, 0, 1, 1))
    text_style = dict(fontsize=FONT_SIZE, multialignment="center")
    artists, sizes = {}, {}
    for name, (x, y, text, kind, *gradient) in nodes.items():
        parts = [
            TextArea(
                text,
                textprops=dict(
                    text_style,
                    color=FORWARD_COLOUR,
                    gid=f"graph-label-{name}",
                ),
            )
        ]
        if gradient and gradient[0]:
            parts.append(
                TextArea(
                    gradient[0],
                    textprops=dict(
                        text_style,
                        color=BACKWARD_COLOUR,
                        gid=f"graph-label-{name}-gradient",
                    ),
                )
            )
        # An AnnotationBbox stands at zorder 3: over the arrows (2), under the edge labels (4).
        box = AnnotationBbox(
            VPacker(children=parts, align="center", sep=4),
            (x, y),
            bboxprops=dict(
                boxstyle="round,pad=0.25",
                fc=KIND_COLOURS[kind],
                ec="0.3",
                lw=1,
            ),
        )
        box.set_gid(f"graph-node-{name}")
        artists[name] = ax.add_artist(box)
    # Measure every box once (its size does not depend on where it is).
    renderer = ax.figure.canvas.get_renderer()
    dpi = ax.figure.dpi
    for name, box in artists.items():
        extent = box.get_window_extent(renderer)
        sizes[name] = (extent.width / dpi, extent.height / dpi)
    boxes = {
        name: (
            x - sizes[name][0] / 2,
            y - sizes[name][1] / 2,
            x + sizes[name][0] / 2,
            y + sizes[name][1] / 2,
        )
        for name, (x, y, *_) in nodes.items()
    }
    arrows, placed = [], []
    for index, (source, target, text, *options) in enumerate(edges):
        (x0, y0), (x1, y1) = nodes[source][:2], nodes[target][:2]
        start = _leave_box(boxes[source], x1 - x0, y1 - y0)
        end = _leave_box(boxes[target], x0 - x1, y0 - y1)
        arrows.append((source, target, start, end))
        if text:
            side, position = (
                list(options) + ["left", GRADIENT_POSITION][len(options) :]
            )
            anchor, ha, va = _label_anchor(start, end, side, position)
            label = ax.text(
                *anchor,
                text,
                ha=ha,
                va=va,
                color=BACKWARD_COLOUR,
                zorder=4,
                gid=f"graph-label-edge-{index}",
                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"),
                **text_style,
            )
            label.draw(renderer)  # lays out its bbox patch
            extent = label.get_bbox_patch().get_window_extent(renderer)
            size = (extent.width / dpi, extent.height / dpi)
            placed.append(
                (
                    f"the label {text!r} of edge ({source!r}, {target!r})",
                    _placed(size, anchor, ha, va),
                )
            )
    problems = _layout_problems(boxes, arrows, placed)
    if problems:
        raise ValueError(
            "the graph's layout does not read: "
            + "; ".join(problems)
            + ". Move the nodes apart, or put the label on the edge's other side"
        )
    everything = list(boxes.values()) + [box for _, box in placed]
    left, bottom = (
        min(b[0] for b in everything) - MARGIN,
        min(b[1] for b in everything) - MARGIN,
    )
    width = max(b[2] for b in everything) + MARGIN - left
    height = max(b[3] for b in everything) + MARGIN - bottom
    if created:
        ax.figure.set_size_inches(width, height)
    else:
        position = ax.get_window_extent(renderer)
        have = (position.width / dpi, position.height / dpi)
        if have[0] < width - 1e-6 or have[1] < height - 1e-6:
            raise ValueError(
                f"ax is {have[0]:.2f} x {have[1]:.2f} inches; the graph needs {width:.2f} x "
                f"{height:.2f} inches (one data unit per inch): pass larger axes, or ax=None"
            )
        left, bottom = (
            left - (have[0] - width) / 2,
            bottom - (have[1] - height) / 2,
        )
        width, height = have
    ax.set_xlim(left, left + width)
    ax.set_ylim(bottom, bottom + height)
    for _, _, start, end in arrows:
        ax.annotate(
            "",
            xy=end,
            xytext=start,
            zorder=2,
            arrowprops=dict(
                arrowstyle="-|>",
                color=FORWARD_COLOUR,
                lw=1.2,
                shrinkA=0,
                shrinkB=0,
                mutation_scale=14,
            ),
        )
    ax.axis("off")
    return ax


def _layout_problems(boxes, arrows, labels):
    """What makes a layout unreadable: overlapping boxes or labels, arrows through labels or foreign boxes."""
    problems = []
    named = [
        (f"the box of {name!r}", box) for name, box in boxes.items()
    ] + labels
    for i, (first, a) in enumerate(named):
        for second, b in named[i + 1 :]:
            if _overlap(a, b, margin=0.02):
                problems.append(f"{first} overlaps {second}")
    for source, target, start, end in arrows:
        for what, box in named:
            if what in (f"the box of {source!r}", f"the box of {target!r}"):
                continue
            if _crosses(start, end, box):
                problems.append(
                    f"the arrow ({source!r}, {target!r}) crosses {what}"
                )
    return problems


def neuron_graph(values, grads=None, ax=None):
    """Draw one sigmoid neuron with two inputs, its squared-error loss, and (optionally) a bias.

    The inputs and parameters stand in a column on the left; the linear node,
    the sigmoid and the loss go down on the right.

    Parameters
    ----------
    values : dict
        Forward values: ``x1, x2, w1, w2, z, y_hat, y, L`` and, if the neuron
        has a bias, ``b``.
    grads : dict, optional
        Gradients of the loss: any of ``y_hat, z, w1, w2, b`` (dL/dy_hat,
        dL/dz, ...), each written under its node. Inputs receive none: the
        data is not trained.
    """
    grads = grads or {}
    missing = {"x1", "x2", "w1", "w2", "z", "y_hat", "y", "L"} - set(values)
    if missing:
        raise ValueError(
            f"values has no {', '.join(sorted(missing))}; expected x1, x2, w1, w2, z, y_hat, y, L "
            "(and b for a neuron with a bias)"
        )
    unknown = set(grads) - {"y_hat", "z", "w1", "w2", "b"}
    if unknown:
        raise ValueError(
            f"grads has unknown keys {sorted(unknown)}; expected some of y_hat, z, w1, w2, b"
        )

    def gradient(key, symbol):
        return (
            f"$\\partial L/\\partial {symbol}$ = {fmt(grads[key])}"
            if key in grads
            else None
        )

    left, right = 0.85, 2.75
    nodes = {
        "x1": (left, 0.0, f"$x_1$ = {fmt(values['x1'])}", "input"),
        "w1": (
            left,
            -0.6,
            f"$w_1$ = {fmt(values['w1'])}",
            "parameter",
            gradient("w1", "w_1"),
        ),
        "x2": (left, -1.25, f"$x_2$ = {fmt(values['x2'])}", "input"),
        "w2": (
            left,
            -1.85,
            f"$w_2$ = {fmt(values['w2'])}",
            "parameter",
            gradient("w2", "w_2"),
        ),
        "z": (
            right,
            -0.85,
            f"$z$ = {fmt(values['z'])}",
            "operation",
            gradient("z", "z"),
        ),
        "y_hat": (
            right,
            -2.0,
            f"$\\sigma$: $\\hat y$ = {fmt(values['y_hat'])}",
            "operation",
            gradient("y_hat", "\\hat y"),
        ),
        "y": (left, -3.05, f"$y$ = {fmt(values['y'])}", "input"),
        "L": (right, -3.05, f"$L$ = {fmt(values['L'])}", "loss"),
    }
    if "b" in values:
        nodes["b"] = (
            right,
            0.15,
            f"$b$ = {fmt(values['b'])}",
            "parameter",
            gradient("b", "b"),
        )
    edges = [
        ("x1", "z", None),
        ("w1", "z", None),
        ("x2", "z", None),
        ("w2", "z", None),
        ("z", "y_hat", None),
        ("y_hat", "L", None),
        ("y", "L", None),
    ]
    if "b" in values:
        edges.append(("b", "z", None))
    return draw_graph(nodes, edges, ax=ax)


def _column_text(symbol, values, decimals):
    """``symbol`` over one value per line: a column vector (one entry per unit)."""
    return "\n".join([symbol] + [fmt(v, decimals) for v in values])


def _matrix_text(symbol, matrix, decimals):
    """``symbol`` over one bracketed row per line."""
    return "\n".join(
        [symbol]
        + [
            "[" + "  ".join(fmt(v, decimals) for v in row) + "]"
            for row in matrix
        ]
    )


def network_graph(layers, Y, example=0, decimals=3, ax=None):
    """Draw a layered network as a graph of matrix nodes, after a forward and a backward pass.

    The values are read from the layers themselves, so run
    ``forward_pass(layers, X)``, ``compute_cost`` and ``backward_pass`` first
    (and do not update the parameters in between).

    Parameters
    ----------
    layers : list
        ``LinearLayer`` and ``SigmoidLayer`` objects in the order they are
        applied (as for :func:`nbnp.network.forward_pass`), starting with a
        ``LinearLayer``.
    Y : (1, m) or (n_out, m) array
        The labels of the batch the layers last saw; the cost node shows the
        batch cost C = 1/(2m) sum (Y - Y_hat)^2.
    example : int
        Which column (example) of the batch the input, unit and
        activation nodes show, together with the gradients dC/dZ and dC/dA of
        that column. Parameter nodes show W and b, and their red labels the
        batch gradients dC/dW and dC/db (averages over the examples: the
        cost's derivative carries the 1/m).
    decimals : int
        Decimal places of every number drawn.

    Raises
    ------
    TypeError
        If the first layer is not a ``LinearLayer`` or a layer is neither a
        ``LinearLayer`` nor a ``SigmoidLayer``.
    ValueError
        If two sigmoids follow each other, the layers have not been through a
        backward pass, ``example`` is not a column of the batch, or ``Y``
        does not match the output.
    """
    import numpy as np

    from .cost import compute_cost
    from .layers import LinearLayer, SigmoidLayer
    from .network import _check_layers
    from .validation import check_matrix

    _check_layers(layers)
    if not isinstance(layers[0], LinearLayer):
        raise TypeError(
            f"layers must start with a LinearLayer; got {type(layers[0]).__name__}"
        )
    for index, layer in enumerate(layers):
        if not isinstance(layer, (LinearLayer, SigmoidLayer)):
            raise TypeError(
                f"layers[{index}] must be a LinearLayer or a SigmoidLayer; got {type(layer).__name__}"
            )
        if isinstance(layer, SigmoidLayer) and isinstance(
            layers[index - 1], SigmoidLayer
        ):
            raise ValueError(
                f"layers[{index}] is a SigmoidLayer after a SigmoidLayer; expected a LinearLayer"
            )
        needed = (
            ("A_prev", "dW", "db", "dA_prev")
            if isinstance(layer, LinearLayer)
            else ("dZ",)
        )
        missing = [name for name in needed if not hasattr(layer, name)]
        if missing:
            raise ValueError(
                f"layers[{index}] ({type(layer).__name__}) has no {', '.join(missing)}: "
                "run a forward pass, compute_cost and a backward pass before drawing"
            )
    X = layers[0].A_prev
    m = X.shape[1]
    if (
        isinstance(example, bool)
        or not isinstance(example, (int, np.integer))
        or not 0 <= example < m
    ):
        raise ValueError(
            f"example must be a column index from 0 to {m - 1}; got {example!r}"
        )
    output = (
        layers[-1].A
        if isinstance(layers[-1], SigmoidLayer)
        else layers[-1].Z
    )
    Y = check_matrix("Y", Y, shape=output.shape)
    cost, dY_hat = compute_cost(Y, output)

    # The chain X -> Z1 -> A1 -> ... -> C goes down the right column; each layer's W and b stand on the
    # left, W beside its Z and b under W. Every node but the data holds dC/d(its value) under its value.
    # The data has no gradient, so its symbol is never used.
    chain = [
        ("X", _column_text("$X$", X[:, example], decimals), "input", None)
    ]
    params, n_linear = [], 0
    for layer in layers:
        if isinstance(layer, LinearLayer):
            n_linear += 1
            tag = f"^{{[{n_linear}]}}"
            chain.append(
                (
                    f"Z{n_linear}",
                    _column_text(f"$Z{tag}$", layer.Z[:, example], decimals),
                    "operation",
                    f"Z{tag}",
                )
            )
            params.append(
                (
                    f"Z{n_linear}",
                    (
                        f"W{n_linear}",
                        _matrix_text(
                            f"$W{tag}$", layer.params["W"], decimals
                        ),
                        _matrix_text(
                            f"$\\partial C/\\partial W{tag}$",
                            layer.dW,
                            decimals,
                        ),
                    ),
                    (
                        f"b{n_linear}",
                        _column_text(
                            f"$b{tag}$", layer.params["b"][:, 0], decimals
                        ),
                        _column_text(
                            f"$\\partial C/\\partial b{tag}$",
                            layer.db[:, 0],
                            decimals,
                        ),
                    ),
                )
            )
        else:
            chain.append(
                (
                    f"A{n_linear}",
                    _column_text(
                        f"$\\sigma$: $A^{{[{n_linear}]}}$",
                        layer.A[:, example],
                        decimals,
                    ),
                    "operation",
                    f"A^{{[{n_linear}]}}",
                )
            )
    # The gradient arriving at chain node i is what the next layer passes back: dC/dZ from a sigmoid,
    # dC/dA_prev from a linear layer, and dC/dY_hat from the cost.
    arriving = [
        layer.dZ if isinstance(layer, SigmoidLayer) else layer.dA_prev
        for layer in layers[1:]
    ]
    arriving.append(dY_hat)
    gradients = [None] + [
        _column_text(
            f"$\\partial C/\\partial {symbol}$", grad[:, example], decimals
        )
        for (*_, symbol), grad in zip(chain[1:], arriving, strict=True)
    ]

    def height(*texts):
        lines = sum(text.count("\n") + 1 for text in texts if text)
        return LINE_HEIGHT * lines + 0.3

    left, right, gap = 1.05, 2.85, 0.3
    nodes, edges = {}, []
    beside = {target: (w, b) for target, w, b in params}
    chain_top = left_top = 0.0
    previous = None
    for (name, text, kind, _), gradient in zip(
        chain, gradients, strict=True
    ):
        top = min(chain_top, left_top) if name in beside else chain_top
        h = height(text, gradient)
        nodes[name] = (right, top - h / 2, text, kind, gradient)
        if name in beside:
            (w, w_text, w_grad), (b, b_text, b_grad) = beside[name]
            w_h, b_h = height(w_text, w_grad), height(b_text, b_grad)
            # W has a row per unit, as Z has: the two boxes are equally tall, and W stands level with Z.
            w_y = top - h / 2
            nodes[w] = (left, w_y, w_text, "parameter", w_grad)
            nodes[b] = (
                left,
                w_y - w_h / 2 - gap - b_h / 2,
                b_text,
                "parameter",
                b_grad,
            )
            left_top = w_y - w_h / 2 - gap - b_h - gap
            edges += [(w, name, None), (b, name, None)]
        if previous is not None:
            edges.append((previous, name, None))
        previous, chain_top = name, top - h - gap
    cost_text = f"$C$ = {fmt(cost, decimals + 2)}"
    y_text = _column_text("$Y$", Y[:, example], decimals)
    top = min(chain_top, left_top)
    nodes["C"] = (right, top - height(y_text) / 2, cost_text, "loss")
    nodes["Y"] = (left, top - height(y_text) / 2, y_text, "input")
    edges += [(previous, "C", None), ("Y", "C", None)]
    return draw_graph(nodes, edges, ax=ax)
