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
