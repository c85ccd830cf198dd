"""Computational graphs drawn from computed values.

A graph is a dict of nodes and a list of edges. Forward values are written in
the nodes; the gradient of the loss flowing back along an edge is written in red
beside it. Because the caller passes the numbers it computed, the picture cannot
drift from them.
"""

import matplotlib.pyplot as plt

FORWARD_COLOUR = "black"
BACKWARD_COLOUR = "tab:red"
GRADIENT_POSITION = 0.5
KIND_COLOURS = {"input": "#d9f2d9", "parameter": "#dbe8f7", "operation": "#fde9c9", "loss": "#f7d4d4"}


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


def _leave_box(extent, dx, dy):
    """The point where a ray from the centre of ``extent`` in direction (dx, dy) crosses its border."""
    cx, cy = (extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2
    scale = min(extent.width / 2 / abs(dx) if dx else float("inf"),
                extent.height / 2 / abs(dy) if dy else float("inf"))
    return cx + scale * dx, cy + scale * dy


def draw_graph(nodes, edges, ax=None):
    """Draw a computational graph; return the axes.

    Parameters
    ----------
    nodes : dict
        ``name -> (x, y, text, kind)`` with ``kind`` one of ``"input"``,
        ``"parameter"``, ``"operation"``, ``"loss"`` (it picks the colour).
    edges : list of tuple
        ``(source, target, gradient_text)``: a forward arrow from source to
        target; ``gradient_text`` (or None) is the backward gradient written
        in red beside it.
    """
    if not isinstance(nodes, dict) or not nodes:
        raise TypeError(f"nodes must be a non-empty dict name -> (x, y, text, kind); got {type(nodes).__name__}")
    for name, node in nodes.items():
        if not (isinstance(node, tuple) and len(node) == 4):
            raise ValueError(f"node {name!r} must be a tuple (x, y, text, kind); got {node!r}")
    for edge in edges:
        if not (isinstance(edge, tuple) and len(edge) == 3):
            raise ValueError(f"each edge must be a tuple (source, target, gradient_text); got {edge!r}")
    if ax is None:
        ax = plt.subplots(figsize=(10, 4.5))[1]
    boxes = {}
    for name, (x, y, text, kind) in nodes.items():
        if kind not in KIND_COLOURS:
            raise ValueError(f"node {name!r} has kind {kind!r}; expected one of {', '.join(KIND_COLOURS)}")
        boxes[name] = ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3,
                              bbox=dict(boxstyle="round,pad=0.4", fc=KIND_COLOURS[kind], ec="0.3"))
    for source, target, _ in edges:
        for end in (source, target):
            if end not in nodes:
                raise ValueError(f"edge ({source!r}, {target!r}) names unknown node {end!r}")
    xs = [x for x, *_ in nodes.values()]
    ys = [y for _, y, *_ in nodes.values()]
    ax.set_xlim(min(xs) - 0.7, max(xs) + 0.7)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.5)
    # Lay the boxes out once, so that arrows can start and end at their edges.
    ax.figure.canvas.draw()
    to_data = ax.transData.inverted()
    extents = {name: box.get_bbox_patch().get_window_extent().transformed(to_data) for name, box in boxes.items()}
    for source, target, gradient_text in edges:
        (x0, y0), (x1, y1) = nodes[source][:2], nodes[target][:2]
        start = _leave_box(extents[source], x1 - x0, y1 - y0)
        end = _leave_box(extents[target], x0 - x1, y0 - y1)
        ax.annotate("", xy=end, xytext=start, zorder=2,
                    arrowprops=dict(arrowstyle="-|>", color=FORWARD_COLOUR, lw=1.2, shrinkA=0, shrinkB=1))
        if gradient_text:
            # Written on the edge near its source, where edges that meet at one node are still apart.
            t = GRADIENT_POSITION
            ax.text(start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]), gradient_text,
                    ha="center", va="center", fontsize=9.5, color=BACKWARD_COLOUR, zorder=4,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9))
    ax.axis("off")
    return ax


def neuron_graph(values, grads=None, ax=None):
    """Draw one sigmoid neuron with two inputs, its squared-error loss, and (optionally) a bias.

    Parameters
    ----------
    values : dict
        Forward values: ``x1, x2, w1, w2, z, y_hat, y, L`` and, if the neuron
        has a bias, ``b``.
    grads : dict, optional
        Gradients of the loss: any of ``y_hat, z, w1, w2, b`` (dL/dy_hat,
        dL/dz, ...). Inputs receive none: the data is not trained.
    """
    grads = grads or {}
    missing = {"x1", "x2", "w1", "w2", "z", "y_hat", "y", "L"} - set(values)
    if missing:
        raise ValueError(f"values has no {', '.join(sorted(missing))}; expected x1, x2, w1, w2, z, y_hat, y, L "
                         "(and b for a neuron with a bias)")
    has_bias = "b" in values
    nodes = {
        "x1": (0, 2.4, f"$x_1$ = {fmt(values['x1'])}", "input"),
        "w1": (0, 1.6, f"$w_1$ = {fmt(values['w1'])}", "parameter"),
        "x2": (0, 0.8, f"$x_2$ = {fmt(values['x2'])}", "input"),
        "w2": (0, 0.0, f"$w_2$ = {fmt(values['w2'])}", "parameter"),
        "z": (3.0, 1.2, f"$z$ = {fmt(values['z'])}", "operation"),
        "y_hat": (5.6, 1.2, f"$\\sigma$: $\\hat y$ = {fmt(values['y_hat'])}", "operation"),
        "y": (8.2, 2.4, f"$y$ = {fmt(values['y'])}", "input"),
        "L": (8.2, 1.2, f"$L$ = {fmt(values['L'])}", "loss"),
    }
    if has_bias:
        nodes["b"] = (0, -0.8, f"$b$ = {fmt(values['b'])}", "parameter")

    def label(key, symbol):
        return f"$\\partial L/\\partial {symbol}$ = {fmt(grads[key])}" if key in grads else None

    edges = [
        ("x1", "z", None),
        ("w1", "z", label("w1", "w_1")),
        ("x2", "z", None),
        ("w2", "z", label("w2", "w_2")),
        ("z", "y_hat", label("z", "z")),
        ("y_hat", "L", label("y_hat", "\\hat y")),
        ("y", "L", None),
    ]
    if has_bias:
        edges.append(("b", "z", label("b", "b")))
    unknown = set(grads) - {"y_hat", "z", "w1", "w2", "b"}
    if unknown:
        raise ValueError(f"grads has unknown keys {sorted(unknown)}; expected some of y_hat, z, w1, w2, b")
    return draw_graph(nodes, edges, ax=ax)


def _column_text(symbol, values, decimals):
    """``symbol`` over one value per line: a column vector (one entry per unit)."""
    return "\n".join([symbol] + [fmt(v, decimals) for v in values])


def _matrix_text(symbol, matrix, decimals):
    """``symbol`` over one bracketed row per line."""
    return "\n".join([symbol] + ["[" + "  ".join(fmt(v, decimals) for v in row) + "]" for row in matrix])


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
    from .validation import check_matrix

    from .network import _check_layers

    _check_layers(layers)
    if not isinstance(layers[0], LinearLayer):
        raise TypeError(f"layers must start with a LinearLayer; got {type(layers[0]).__name__}")
    for index, layer in enumerate(layers):
        if not isinstance(layer, (LinearLayer, SigmoidLayer)):
            raise TypeError(f"layers[{index}] must be a LinearLayer or a SigmoidLayer; got {type(layer).__name__}")
        if isinstance(layer, SigmoidLayer) and isinstance(layers[index - 1], SigmoidLayer):
            raise ValueError(f"layers[{index}] is a SigmoidLayer after a SigmoidLayer; expected a LinearLayer")
        needed = ("A_prev", "dW", "db", "dA_prev") if isinstance(layer, LinearLayer) else ("dZ",)
        missing = [name for name in needed if not hasattr(layer, name)]
        if missing:
            raise ValueError(f"layers[{index}] ({type(layer).__name__}) has no {', '.join(missing)}: "
                             "run a forward pass, compute_cost and a backward pass before drawing")
    X = layers[0].A_prev
    m = X.shape[1]
    if isinstance(example, bool) or not isinstance(example, (int, np.integer)) or not 0 <= example < m:
        raise ValueError(f"example must be a column index from 0 to {m - 1}; got {example!r}")
    output = layers[-1].A if isinstance(layers[-1], SigmoidLayer) else layers[-1].Z
    Y = check_matrix("Y", Y, shape=output.shape)
    cost, dY_hat = compute_cost(Y, output)

    step, rise = 2.6, 2.4
    nodes = {"X": (0.0, 0.0, _column_text("$X$", X[:, example], decimals), "input")}
    edges = []
    previous, symbol, x, n_linear = "X", "X", 0.0, 0
    for index, layer in enumerate(layers):
        x += step
        if isinstance(layer, LinearLayer):
            n_linear += 1
            tag = f"^{{[{n_linear}]}}"
            z, w, b = f"Z{n_linear}", f"W{n_linear}", f"b{n_linear}"
            nodes[w] = (x - step / 2, rise, _matrix_text(f"$W{tag}$", layer.params["W"], decimals), "parameter")
            nodes[b] = (x - step / 2, -rise, _column_text(f"$b{tag}$", layer.params["b"][:, 0], decimals),
                        "parameter")
            nodes[z] = (x, 0.0, _column_text(f"$Z{tag}$", layer.Z[:, example], decimals), "operation")
            # The input is data and receives no gradient; every later node receives dC/d(its value).
            into = None if previous == "X" else _column_text(f"$\\partial C/\\partial {symbol}$",
                                                             layer.dA_prev[:, example], decimals)
            edges += [(previous, z, into),
                      (w, z, _matrix_text(f"$\\partial C/\\partial W{tag}$", layer.dW, decimals)),
                      (b, z, _column_text(f"$\\partial C/\\partial b{tag}$", layer.db[:, 0], decimals))]
            previous, symbol = z, f"Z{tag}"
        else:
            a = f"A{n_linear}"
            nodes[a] = (x, 0.0, _column_text(f"$\\sigma$: $A^{{[{n_linear}]}}$", layer.A[:, example], decimals),
                        "operation")
            edges.append((previous, a, _column_text(f"$\\partial C/\\partial {symbol}$",
                                                    layer.dZ[:, example], decimals)))
            previous, symbol = a, f"A^{{[{n_linear}]}}"
    x += step
    nodes["Y"] = (x, rise, _column_text("$Y$", Y[:, example], decimals), "input")
    nodes["C"] = (x, 0.0, f"$C$ = {fmt(cost, decimals + 2)}", "loss")
    edges += [(previous, "C", _column_text("$\\partial C/\\partial \\hat Y$", dY_hat[:, example], decimals)),
              ("Y", "C", None)]
    return draw_graph(nodes, edges, ax=ax)
