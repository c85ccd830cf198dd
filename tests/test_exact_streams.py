"""_ext/exact_streams.py: the Sphinx extension that makes pages show printing exactly as printed."""

import nbformat
import yaml
from myst_nb.core import render

from _ext import exact_streams
from tools.verified_notebooks import ROOT


def test_the_book_loads_it():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]
    assert config["local_extensions"]["exact_streams"] == "_ext"


def test_it_replaces_myst_nbs_join_and_the_replacement_adds_no_line_break(monkeypatch):
    monkeypatch.setattr(render, "coalesce_streams", render.coalesce_streams)
    chunks = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in ("y_hat =", " [[0.5]]\n")]
    # myst-nb's own join puts a line break where the kernel cut the text: what the extension is for.
    assert render.coalesce_streams([nbformat.from_dict(dict(c)) for c in chunks])[0]["text"] == "y_hat =\n [[0.5]]\n"
    exact_streams.setup(app=None)
    assert render.coalesce_streams is exact_streams.merge_streams
    assert render.coalesce_streams(chunks)[0]["text"] == "y_hat = [[0.5]]\n"
