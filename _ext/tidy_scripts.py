"""Sphinx extension: tidy the scripts Jupyter Book 1 writes into each page's <head>.

Loaded from ``_config.yml`` (``sphinx: local_extensions: {tidy_scripts: _ext}``).

1. Sphinx 7.4 writes twice every inline script that an extension adds after the
   builder has started (sphinx-togglebutton's selector, sphinx-thebe's
   configuration). sphinx-thebe's declares a ``const``, so the second copy is a
   JavaScript error on every page. Only the first of identical scripts is kept.
2. With thebe off (``launch_buttons.thebe: false``), sphinx-thebe's scripts do
   nothing but name a script on another host (unpkg.com) that a thebe button
   would fetch; there is no such button, so they are dropped and no page names
   another host in a script.
"""


def script_key(script):
    """What makes two entries of ``script_files`` the same script (a path or an inline body)."""
    return (str(script.filename or ""), tuple(sorted(script.attributes.items())))


def is_thebe(script):
    return str(script.filename or "").endswith("sphinx-thebe.js") or "THEBE_JS_URL" in script.attributes.get("body", "")


def tidy(scripts, thebe):
    """Return ``scripts`` without repeats, and without sphinx-thebe's scripts unless ``thebe``."""
    kept, seen = [], set()
    for script in scripts:
        if script_key(script) in seen or (not thebe and is_thebe(script)):
            continue
        seen.add(script_key(script))
        kept.append(script)
    return kept


def tidy_page(app, pagename, templatename, context, doctree):
    launch = app.config.html_theme_options.get("launch_buttons", {})
    if "script_files" in context:
        context["script_files"] = tidy(context["script_files"], bool(launch.get("thebe")))


def setup(app):
    app.connect("html-page-context", tidy_page, priority=900)  # after the extensions that add scripts
    return {"parallel_read_safe": True, "parallel_write_safe": True}
