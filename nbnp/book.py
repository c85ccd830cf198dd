"""Putting computed numbers into the book's prose.

A chapter never types a computed number: it glues it from the cell that
computed it (myst-nb's ``glue``), and the prose refers to it by name, e.g.
``{glue:text}`L:.3f```. Values are glued rounded to ``digits`` significant
digits, so that the verified notebook does not depend on the last bits of a
floating-point sum, which differ between machines.

Outside a Jupyter Book build (Colab, plain Jupyter without myst-nb) the value
is printed instead, so the reader still sees it.
"""


def glue_number(name, value, digits=10):
    """Glue ``value`` as a Python float rounded to ``digits`` significant digits."""
    number = float(f"{float(value):.{digits}g}")
    try:
        from myst_nb import glue
    except ImportError:
        print(f"{name} = {number}")
    else:
        glue(name, number, display=False)


SVG_RC = {"svg.hashsalt": "nbnp", "svg.fonttype": "path"}
SVG_PAD = 0.03  # inches around the drawing: a graph of nbnp.graphs.MAX_WIDTH still fits a phone's column


def svg_text(fig):
    """The SVG of ``fig``, byte for byte the same on every run: fixed ids, no date.

    Glyphs are drawn as paths, so the figure looks the same on every reader's
    machine whatever fonts it has; the settings apply to this figure only.
    """
    import io

    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with plt.rc_context(SVG_RC):
        fig.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            pad_inches=SVG_PAD,
            metadata={"Date": None},
        )
    return buffer.getvalue()


def show_svg(fig):
    """Show ``fig`` as SVG in the notebook (and so in the book), then close it.

    Used for the computational graphs, whose labels must stay sharp at any
    size. Outside IPython the SVG text is printed instead.
    """
    import matplotlib.pyplot as plt

    text = svg_text(fig)
    plt.close(fig)
    try:
        from IPython.display import SVG, display
    except ImportError:
        print(text)
    else:
        display(SVG(text))
