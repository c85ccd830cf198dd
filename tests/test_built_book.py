"""The built HTML book (``make book`` writes it to _build/html) shows what the chapters computed."""

import re

import pytest

from tests.built_pages import parse as parse_page


@pytest.fixture
def page(book_html):
    """Parse one page of the built book (the ``book_html`` fixture: ``$BOOK_HTML`` or _build/html)."""

    def parse(name):
        path = book_html / name
        if not path.exists():
            pytest.fail(f"{path} does not exist: run `make book` first")
        return parse_page(path)

    return parse


def main_text(soup):
    return re.sub(r"\s+", " ", soup.find("main").get_text(" "))


def test_landing_page_exists_and_links_the_first_chapter(page, book_html):
    soup = page("chapters/intro.html")
    assert "one_neuron.html" in str(soup)
    assert (book_html / "index.html").exists()


def test_every_page_links_the_books_icon_the_root_redirect_too(book_html):
    """Without an icon link a browser asks for /favicon.ico, a 404 in the console (_ext/redirect_icon.py)."""
    from tests.built_pages import pages, redirects

    assert (book_html / "_static" / "favicon.svg").exists()
    assert redirects(book_html) == {"index.html": "chapters/intro.html"}
    for path in pages(book_html):
        icon = parse_page(path).head.find("link", rel="icon")
        assert icon is not None, f"{path.name} links no icon"
        assert (path.parent / icon["href"]).resolve() == (book_html / "_static" / "favicon.svg").resolve()


def test_first_chapter_shows_the_glued_numbers(page):
    text = main_text(page("chapters/one_neuron.html"))
    # Glued into the formulas ({glue-math}), as math numbers.
    assert "\\(\\hat y = \\sigma(0) = 0.5\\)" in text
    assert "(y - \\hat y)^2 = 0.125\\)" in text
    assert re.search(r"\\\(\\hat y = 0\.469\\\) and the loss has fallen from 0\.125 to \\\(L = 0\.110\\\)", text)
    assert "\\(b = -0.125\\)" in text


def test_first_chapter_has_the_graph_figures_with_alt_text_and_captions(page, book_html):
    soup = page("chapters/one_neuron.html")
    figures = soup.find("main").find_all("figure")
    assert len(figures) >= 3
    for figure in figures:
        img = figure.find("img")
        assert img is not None and img.get("alt", "").strip()
        assert (book_html / "chapters" / img["src"]).resolve().stat().st_size > 1000
        assert figure.find("figcaption").get_text(strip=True)
    assert any("Computational graph" in f.find("img")["alt"] for f in figures)


def test_second_post_audit_shows_the_reproduced_values_the_check_table_and_figures(page, book_html):
    soup = page("chapters/second_post_audit.html")
    text = main_text(soup)
    # The post's two reproducible values, printed at 12 digits, and what its "Loss" is.
    assert "iteration recomputed printed agree to 12 digits" in text
    for iteration, value in (("0", "0.501373068879"), ("1000", "0.466483012709")):
        assert f" {iteration} {value} {value} True" in text
    assert "the post printed the MAE: True" in text and "the post printed the MSE: False" in text
    # The gradient-check table: the hidden bias fails until both defects are fixed.
    assert re.search(r"hidden_bias 0\.56 0\.82 < 1e-7 \(pass\)", text)
    assert "ValueError" in text  # the fifth example breaks the post's bias update
    # The corrected networks' final predictions.
    assert re.search(r"\(0, 1\) 1 0\.988 0\.965", text)
    assert "both classify all four examples correctly: True" in text
    figures = {f.get("id"): f for f in soup.find("main").find_all("figure")}
    for name in ("fig-audit-chaos", "fig-audit-curves", "fig-audit-outputs"):
        img = figures[name].find("img")
        assert img.get("alt", "").strip() and figures[name].find("figcaption").get_text(strip=True)
        assert (book_html / "chapters" / img["src"]).resolve().stat().st_size > 1000


def test_training_xor_reproduces_part_one_and_the_blog_without_redrawing_its_figures(page):
    soup = page("chapters/training_xor.html")
    main = soup.find("main")
    text = main_text(soup)
    assert "the same cost at each of the 5000 epochs: True" in text
    assert "the same trained weights and biases: True" in text
    assert "agrees with the blog to 12 significant digits: True" in text
    # The table glues each cost from Part I's page and from this one: the two columns agree.
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in main.select("table tbody tr")]
    costs = [row for row in rows if row and row[0].startswith("epoch ")]
    assert len(costs) == 3
    for label, part_one, here in costs:
        assert part_one == here and re.fullmatch(r"0\.\d+", here), (label, part_one, here)
    assert ["epoch 0", "0.129265", "0.129265"] in costs
    assert re.search(r"epoch 4900 is 0\.0009210166431 on Part I’s page and 0\.0009210166431 on this one", text)
    # Part I's figures are referred to, not drawn again.
    assert not main.find_all("figure")
    hrefs = [a["href"] for a in main.find_all("a", href=True)]
    links = {href.split("#")[1] for href in hrefs if href.startswith("hidden_layer.html#")}
    assert {"fig-hidden-learning-curve", "fig-hidden-boundary", "fig-hidden-units"} <= links


def test_code_comments_show_equation_numbers_not_labels(page, book_html):
    from tests.built_pages import pages

    assert "# eq. (1.4)" in page("chapters/one_neuron.html").find("main").get_text()
    texts = {p.name: page(p.relative_to(book_html).as_posix()).get_text() for p in pages(book_html)}
    raw = {name for name, text in texts.items() if "(eq-" in text}
    assert not raw, f"equation labels shown as text on {sorted(raw)}"


def test_figures_equations_and_exercises_are_numbered_by_chapter(page):
    def numbers(name, selector):
        return [e.get_text(strip=True) for e in page(f"chapters/{name}.html").select(selector)]

    assert numbers("one_neuron", "figcaption .caption-number")[:2] == ["Fig. 1.1", "Fig. 1.2"]
    assert numbers("hidden_layer", "figcaption .caption-number")[0] == "Fig. 7.1"
    assert numbers("hidden_layer", "span.eqno")[0].startswith("(7.1)")
    # Part II goes on from Part I's eight chapters.
    assert numbers("training_xor", "h1 .section-number") == ["10."]
    assert "Exercise 12.1" in page("chapters/or_exercise.html").get_text()


def test_glued_numbers_in_formulas_are_math_not_bold_text(page):
    soup = page("chapters/batch_gradient_descent.html")
    maths = [m.get_text() for m in soup.select("main span.math")]
    assert any(re.fullmatch(r"\\\(\\partial C/\\partial W = \(-0\.\d{3}, -0\.\d{3}\)\\\)", m) for m in maths), maths
    assert not soup.select("span.math span.pasted-text")
