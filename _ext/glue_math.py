"""Sphinx extension: the ``{glue-math}`` role, inline math with glued numbers inside it.

Loaded from ``_config.yml`` (``sphinx: local_extensions``). myst-nb's
``{glue:text}`` pastes a number as (bold) text, so a formula with a glued
number had to be cut around it, ``$W = ($ {glue:text}`w1:.3f` ... ``$)$``,
and came out with stray spaces and a text minus sign. This role writes the
whole formula as one piece of math, the numbers set as math numbers:

    {glue-math}`\\partial C/\\partial W = (\\glue{w1:.3f}, \\glue{w2:.3f})`

``\\glue{key:format}`` is replaced by the value glued as ``key`` in the same
notebook, formatted as ``{glue:text}`` formats it. An unknown key or a bad
format is a warning (so a strict build fails).
"""

import re

from docutils import nodes
from myst_nb.core.variables import RetrievalError, format_plain_text
from myst_nb.ext.glue.utils import glue_warning, retrieve_glue_data
from myst_nb.ext.utils import RoleBase

PLACEHOLDER = re.compile(r"\\glue\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}")


def fill(tex, lookup):
    """``tex`` with every ``\\glue{key:format}`` replaced by ``format(lookup(key), format)``.

    >>> fill(r"x = (\\glue{a:.2f}, \\glue{b})", {"a": "0.125", "b": "-2"}.get)
    'x = (0.12, -2)'
    """
    return PLACEHOLDER.sub(lambda m: format_plain_text(lookup(m.group(1)), m.group(2) or ""), tex)


class GlueMathRole(RoleBase):
    def run(self):
        def lookup(key):
            data = retrieve_glue_data(self.document, key).data
            if "text/plain" not in data:
                raise RetrievalError(f"No text/plain found in {key!r} data")
            return data["text/plain"]

        if not PLACEHOLDER.search(self.text):
            return [], [glue_warning(f"no \\glue{{key}} in {self.text!r}", self.document, self.line)]
        try:
            tex = fill(self.text, lookup)
        except (RetrievalError, ValueError, TypeError) as exc:
            return [], [glue_warning(f"glue-math: {exc}", self.document, self.line)]
        node = nodes.math(tex, tex)
        self.set_source_info(node)
        return [node], []


def setup(app):
    app.add_role("glue-math", GlueMathRole())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
