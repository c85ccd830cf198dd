"""Sphinx extension: the ``exercise-list`` directive, every exercise of the book on one page.

Loaded from ``_config.yml`` (``sphinx: local_extensions: {exercise_list: _ext}``).
The list is made from what sphinx-exercise registered while reading the
chapters, so it is never typed and cannot go stale: one entry per
``{exercise}``, grouped by chapter in the order of the table of contents, each
with its number (``Exercise 3.2``), a link to it, and the first sentence of its
text, its math kept as math. The page is rebuilt on every build, as any chapter may have changed it.
"""

import copy
import re

from docutils import nodes
from sphinx.transforms import SphinxTransformer
from sphinx.util.docutils import SphinxDirective, new_document


class exercise_list(nodes.General, nodes.Element):
    """Placeholder, replaced by the list once every chapter has been read."""


class ExerciseListDirective(SphinxDirective):
    has_content = False

    def run(self):
        self.env.exercise_list_docs = getattr(self.env, "exercise_list_docs", set()) | {self.env.docname}
        return [exercise_list()]


def toc_order(env):
    """Every document in the order a reader meets it, from the root document down the toctrees."""
    order, stack = [], [env.config.root_doc]
    while stack:
        docname = stack.pop(0)
        if docname in order:
            continue
        order.append(docname)
        stack[0:0] = env.toctree_includes.get(docname, [])
    return order


def first_sentence(node):
    """The nodes of the first sentence of an exercise's text (math kept as math), ending at . ? or !"""
    paragraph = next(iter(node.findall(nodes.paragraph)), None)
    kept = []
    for child in paragraph.children if paragraph is not None else []:
        if isinstance(child, nodes.Text):
            end = re.search(r"[.?!](\s|$)", str(child))
            if end:
                kept.append(nodes.Text(str(child)[: end.start() + 1]))
                break
        kept.append(child.deepcopy())
    return kept


def exercises_by_chapter(env):
    """``[(docname, [(label, node), ...]), ...]`` in reading order, chapters without exercises left out."""
    registry = getattr(env, "sphinx_exercise_registry", {})
    order = getattr(env, "sphinx_exercise_node_order", {})
    chapters = []
    for docname in toc_order(env):
        labels = [entry["label"] for entry in order.get(docname, []) if entry["type"] == "exercise"]
        found = [(label, registry[label]["node"]) for label in labels if label in registry]
        if found:
            chapters.append((docname, found))
    return chapters


def number_of(env, docname, node):
    numbers = env.toc_fignumbers.get(docname, {}).get("exercise", {})
    ids = node.get("ids", [])
    number = next((numbers[i] for i in ids if i in numbers), None)
    return ".".join(map(str, number)) if number else None


def build_list(app, fromdocname):
    env, builder = app.env, app.builder
    result = []
    for docname, found in exercises_by_chapter(env):
        title = env.titles[docname].astext() if docname in env.titles else docname
        section = nodes.section(ids=[nodes.make_id(f"exercises-{docname}")])
        section += nodes.title(text=title)
        items = nodes.bullet_list()
        for label, node in found:
            number = number_of(env, docname, node)
            reference = nodes.reference(
                internal=True,
                refuri=builder.get_relative_uri(fromdocname, docname) + "#" + (node.get("ids") or [label])[0],
            )
            reference += nodes.strong(text=f"Exercise {number}" if number else "Exercise")
            paragraph = nodes.paragraph()
            paragraph += reference
            paragraph += nodes.Text(": ")
            paragraph.extend(first_sentence(node))
            items += nodes.list_item("", paragraph)
        section += items
        result.append(section)
    return result


def resolved(app, doctree, fromdocname, content):
    """``content`` with its cross-references (an exercise's ``{ref}``, ``{eq}``, ``{doc}``) resolved
    by Sphinx as they would be on this page: the copied nodes arrive after the page's own were."""
    document = new_document(fromdocname, doctree.settings)
    document.extend(content)
    # What env.apply_post_transforms does, without emitting doctree-resolved a second time for this
    # page (its handlers would add their scripts to the page again).
    backup = copy.copy(app.env.temp_data)
    try:
        app.env.temp_data["docname"] = fromdocname
        transformer = SphinxTransformer(document)
        transformer.set_environment(app.env)
        transformer.add_transforms(app.registry.get_post_transforms())
        transformer.apply_transforms()
    finally:
        app.env.temp_data = backup
    return list(document.children)


def replace_placeholders(app, doctree, fromdocname):
    for placeholder in list(doctree.findall(exercise_list)):
        placeholder.replace_self(resolved(app, doctree, fromdocname, build_list(app, fromdocname)))


def load_mathjax(app, doctree):
    """The list copies the exercises' math, which arrives after Sphinx decided which pages need
    MathJax (from the math found while reading); so a page with a list is marked as having math."""
    if any(doctree.findall(exercise_list)):
        app.env.get_domain("math").data["has_equations"][app.env.docname] = True


def always_rebuild(app, env, added, changed, removed):
    return sorted(getattr(env, "exercise_list_docs", set()))


def forget(app, env, docname):
    env.exercise_list_docs = getattr(env, "exercise_list_docs", set()) - {docname}


def merge(app, env, docnames, other):
    """After a parallel read, the pages with a list that another process read."""
    env.exercise_list_docs = getattr(env, "exercise_list_docs", set()) | getattr(other, "exercise_list_docs", set())


def setup(app):
    app.add_node(exercise_list)
    app.add_directive("exercise-list", ExerciseListDirective)
    app.connect("doctree-read", load_mathjax)
    app.connect("doctree-resolved", replace_placeholders)
    app.connect("env-get-outdated", always_rebuild)
    app.connect("env-purge-doc", forget)
    app.connect("env-merge-info", merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
