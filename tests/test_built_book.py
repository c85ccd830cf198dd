"""The built HTML book (``make book`` writes it to _build/html) shows what the chapters computed."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.verified_notebooks import ROOT

HTML = ROOT / "_build" / "html"


def page(name):
    path = HTML / name
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `make book` first")
    return BeautifulSoup(path.read_text(), "html.parser")


def main_text(soup):
    return re.sub(r"\s+", " ", soup.find("main").get_text(" "))


def test_landing_page_exists_and_links_the_first_chapter():
    soup = page("chapters/intro.html")
    assert "one_neuron.html" in str(soup)
    assert (HTML / "index.html").exists()


def test_first_chapter_shows_the_glued_numbers():
    text = main_text(page("chapters/one_neuron.html"))
    assert re.search(r"\\sigma\(0\) = \\\) 0\.5 \.", text)
    assert re.search(r"\(y - \\hat y\)\^2 = \\\) 0\.125 \.", text)
    assert re.search(r"\\\(\\hat y = \\\) 0\.469 and the loss has fallen from 0\.125 to \\\(L = \\\) 0\.110", text)
    assert "\\(b = \\) -0.125" in text


def test_first_chapter_has_the_graph_figures_with_alt_text_and_captions():
    soup = page("chapters/one_neuron.html")
    figures = soup.find("main").find_all("figure")
    assert len(figures) >= 3
    for figure in figures:
        img = figure.find("img")
        assert img is not None and img.get("alt", "").strip()
        assert (HTML / "chapters" / img["src"]).resolve().stat().st_size > 1000
        assert figure.find("figcaption").get_text(strip=True)
    assert any("Computational graph" in f.find("img")["alt"] for f in figures)
