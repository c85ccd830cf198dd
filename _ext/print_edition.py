"""Sphinx extension: what the PDF edition (``make pdf``, ``tools/pdf.py``) needs from the build.

1. ``{pdf-edition}``: a directive for the landing page. In the HTML book it links the PDF
   (``_build/pdf/nothing-but-numpy.pdf``, copied into the site as a download) when that file
   exists, and renders nothing when it does not, so a plain ``make book`` has no broken link.
   In the single page the PDF is printed from, it renders nothing.
2. Sphinx's ``singlehtml`` builder has no renderer for the node that
   sphinx-jupyterbook-latex puts in place of a ``{tableofcontents}``; the print edition
   skips it, as the LaTeX builder does (tools/pdf.py writes its own table of contents).
"""

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

PDF = "_build/pdf/nothing-but-numpy.pdf"  # relative to the book's root; tools/pdf.py writes it


class PdfEdition(SphinxDirective):
    has_content = False

    def run(self):
        pdf = Path(self.env.srcdir) / PDF
        if self.env.app.builder.name != "html" or not pdf.exists():
            return []
        self.env.note_dependency(str(pdf))
        link = addnodes.download_reference(
            "", "", reftarget="/" + PDF, refdoc=self.env.docname, refdomain="", reftype="download", refexplicit=True
        )
        link += nodes.literal(text=Path(PDF).name)
        size = f" ({pdf.stat().st_size / 1e6:.1f} MB)"
        paragraph = nodes.paragraph("", "The whole book is also a PDF, to print or read offline: ")
        paragraph += [link, nodes.Text(size + ".")]
        return [paragraph]


def skip(translator, node):
    raise nodes.SkipNode


def register_singlehtml(app):
    from sphinx_jupyterbook_latex.nodes import HiddenCellNode

    app.add_node(HiddenCellNode, override=True, singlehtml=(skip, None))


def setup(app):
    app.add_directive("pdf-edition", PdfEdition)
    app.connect("builder-inited", register_singlehtml)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
