"""Sphinx extension: the page's ".ipynb" download is the chapter's verified notebook.

Jupyter Book 1 offers, beside each notebook page, a ``.ipynb`` converted from the
MyST source: unexecuted, and without the setup cell that installs ``nbnp`` where
it is missing. When a build finishes, this extension puts the committed, executed
``chapters/NAME.ipynb`` (the one nbval verifies, and Binder and Colab open) in its
place.
"""

import shutil
from pathlib import Path


def copy_verified_notebooks(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    for download in sources.rglob("*.ipynb"):
        verified = Path(app.srcdir) / download.relative_to(sources)
        if verified.exists() and verified.with_suffix(".md").exists():
            shutil.copyfile(verified, download)


def setup(app):
    app.connect("build-finished", copy_verified_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
