"""Every image in the built book has alt text, every figure a caption, every page a language."""

import re

import pytest

from tests.built_pages import pages, parse


@pytest.fixture(scope="module")
def book(book_html):
    return {page.relative_to(book_html): parse(page) for page in pages(book_html)}


def test_every_image_has_alt_text(book):
    images = [(str(page), img) for page, soup in book.items() for img in soup.find_all("img")]
    assert images, "the book has no image at all"
    missing = [(page, img.get("src")) for page, img in images if not img.get("alt", "").strip()]
    assert not missing, f"images without alt text: {missing}"


def test_alt_text_describes_rather_than_names_a_file(book):
    for page, soup in book.items():
        for img in soup.find_all("img"):
            alt = img["alt"].strip()
            assert not re.search(r"\.(png|svg|jpe?g)$", alt, re.I) and alt.lower() not in {"image", "figure"}, (
                f"{page}: alt text {alt!r} does not describe the image"
            )


def test_every_figure_in_the_text_has_a_caption(book):
    figures = [
        (str(page), f) for page, soup in book.items() if soup.find("main") for f in soup.find("main").find_all("figure")
    ]
    assert figures, "the book has no figure"
    uncaptioned = [
        page
        for page, figure in figures
        if not (figure.find("figcaption") and figure.find("figcaption").get_text(strip=True))
    ]
    assert not uncaptioned, f"figures without a caption on: {uncaptioned}"


def test_every_page_declares_its_language_and_has_a_title(book):
    for page, soup in book.items():
        if soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
            continue  # index.html only redirects to the landing page
        assert soup.find("html").get("lang"), f"{page} has no lang attribute"
        assert soup.find("title") and soup.find("title").get_text(strip=True), f"{page} has no title"
