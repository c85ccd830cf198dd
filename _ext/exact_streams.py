"""Sphinx extension: the page shows a cell's printing exactly as it was printed.

Loaded from ``_config.yml`` (``sphinx: local_extensions: {exact_streams: _ext}``).

A kernel sends what a cell prints in chunks, cut wherever its flush timer
fires, so one ``print("y_hat =", out)`` can arrive as ``"y_hat ="`` and
``" [[0.5]]\\n"``. myst-nb 1.4's ``nb_merge_streams`` joins the chunks with
``rstrip() + "\\n"``, which puts a line break at every cut: on a busy machine a
page showed ``y_hat =`` and ``[[0.5]]`` on two lines, depending on timing. It
also edits the first output in place and moves later text of a stream above a
figure printed between them. This extension replaces that function with
:func:`merge_streams`, which joins consecutive outputs of one stream exactly,
in a copy, and moves nothing; the verified notebooks are normalised with the
same function (``tools/verified_notebooks.py``), so the page, the notebook and
nbval see the same text.
"""

import copy


def merge_streams(outputs):
    """Join consecutive stream outputs of the same stream (stdout, stderr) into one; return a new list.

    How a cell's printing is cut into stream messages depends on timing, so a
    loop that prints may give one output or several from run to run; joined,
    the text is the same every time. The outputs passed in are not changed.
    """
    merged = []
    for output in outputs:
        if (
            output.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1].get("name") == output.get("name")
        ):
            merged[-1]["text"] += output["text"]
        else:
            merged.append(copy.deepcopy(output))
    return merged


def setup(app):
    from myst_nb.core import render

    render.coalesce_streams = merge_streams
    return {"parallel_read_safe": True, "parallel_write_safe": True}
