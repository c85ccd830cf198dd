"""Sphinx extension: equation labels in code comments become the equations' numbers.

Loaded from ``_config.yml`` (``sphinx: local_extensions``). A comment in a code
cell names the equation it computes by its label, ``# eq. (eq-dL-dyhat)``, so
that the notebook a reader runs says which equation it means; in the book the
label is replaced by the number the reader sees beside the equation,
``# eq. (1.4)``. An unknown label is a warning (so a strict build fails).
"""

import re

from docutils import nodes
from docutils.nodes import make_id
from sphinx.util import logging

LABEL = re.compile(r"\((eq-[A-Za-z0-9_-]+)\)")
logger = logging.getLogger(__name__)


def equation_number(env, label):
    """The number of equation ``label`` as the book shows it (``"1.4"``), or None if there is none."""
    docname, number = env.get_domain("math").equations.get(label, (None, None))
    if docname is None:
        return None
    if env.config.math_numfig and env.config.numfig:
        numbers = env.toc_fignumbers.get(docname, {}).get("displaymath", {}).get(make_id(f"equation-{label}"))
        if not numbers:
            return None
        # As Sphinx's math domain writes it (math_numsep between the chapter and the equation).
        return env.config.math_numsep.join(".".join(map(str, numbers)).rsplit(".", 1))
    return str(number)


def replace_labels(text, number_of):
    """``text`` with every ``(eq-label)`` replaced by ``(number)``; and the labels without a number."""
    unknown = []

    def number(match):
        found = number_of(match.group(1))
        if found is None:
            unknown.append(match.group(1))
            return match.group(0)
        return f"({found})"

    return LABEL.sub(number, text), unknown


def number_code_comments(app, doctree, docname):
    for block in doctree.findall(nodes.literal_block):
        text = block.astext()
        if "(eq-" not in text:
            continue
        new, unknown = replace_labels(text, lambda label: equation_number(app.env, label))
        for label in unknown:
            logger.warning(f"code names equation {label!r}, which has no number", location=block)
        if new != text:
            block.rawsource = new
            block.children = [nodes.Text(new)]


def setup(app):
    app.connect("doctree-resolved", number_code_comments)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
