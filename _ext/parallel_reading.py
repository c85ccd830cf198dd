"""Sphinx extension: three of Jupyter Book 1's extensions declared safe for parallel reading.

Sphinx reads documents in several processes (``make book`` runs ``tools/book.py``, which asks for
it) only if every extension declares ``parallel_read_safe``; otherwise it warns and reads one
document at a time, and with ``-W`` the warning stops the build. These three declare nothing,
and each is safe, as read in their source (the versions pinned in requirements.txt):

- ``sphinx_multitoc_numbering`` replaces how section numbers are assigned across toctrees; Sphinx
  assigns them in the main process, after the parallel reads have been merged.
- ``sphinx-mathjax-offline`` sets ``mathjax_path`` and copies MathJax when the build finishes.
- ``sphinx_jupyterbook_latex`` only acts for the LaTeX builders; it sets two attributes of the
  environment when the builder starts, before any process is forked.

An extension that later declares itself keeps its own declaration.
"""

VOUCHED_FOR = ("sphinx_multitoc_numbering", "sphinx-mathjax-offline", "sphinx_jupyterbook_latex")


def declare(app):
    for name in VOUCHED_FOR:
        extension = app.extensions.get(name)
        if extension is None:
            continue
        for kind in ("parallel_read_safe", "parallel_write_safe"):
            if getattr(extension, kind, None) is None:
                setattr(extension, kind, True)


def setup(app):
    app.connect("builder-inited", declare)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
