"""Sphinx extension: the book's icon on the root ``index.html``, the redirect to the first chapter.

sphinx-external-toc writes that page when the build finishes, as one ``<meta http-equiv="Refresh">``
line. A page without an icon link makes the browser ask the server for ``/favicon.ico``, which logs
a 404 in the console before the redirect (every other page links ``html_favicon``). This adds the
same link to the redirect, after sphinx-external-toc has written it.
"""

from pathlib import Path


def add_icon(app, exception):
    index = Path(app.outdir) / "index.html"
    if exception is not None or app.builder.format != "html" or not app.config.html_favicon or not index.exists():
        return
    text = index.read_text(encoding="utf-8")
    if text.startswith('<meta http-equiv="Refresh"') and 'rel="icon"' not in text:
        icon = f"_static/{Path(app.config.html_favicon).name}"
        index.write_text(f'<link rel="icon" href="{icon}" />\n{text}', encoding="utf-8")


def setup(app):
    app.connect("build-finished", add_icon, priority=600)  # sphinx-external-toc writes it at the default, 500
    return {"parallel_read_safe": True, "parallel_write_safe": True}
