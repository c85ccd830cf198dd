"""_ext/print_edition.py: the landing page links the PDF edition only when the build had it."""

import re

PDF_LINK = re.compile(r'href="([^"]*_downloads/[^"]*\.pdf)"')


def test_the_landing_pages_pdf_link_is_never_broken(book_html):
    page = book_html / "chapters" / "intro.html"
    links = PDF_LINK.findall(page.read_text(encoding="utf-8"))
    assert len(links) <= 1
    for link in links:
        target = (page.parent / link).resolve()
        assert target.name == "nothing-but-numpy.pdf"
        assert target.read_bytes()[:5] == b"%PDF-", f"{link} is not the PDF"


def test_a_link_to_a_missing_pdf_would_be_found(book_html, tmp_path):
    page = tmp_path / "chapters" / "intro.html"
    page.parent.mkdir()
    page.write_text('<a href="../_downloads/0/nothing-but-numpy.pdf">', encoding="utf-8")
    [link] = PDF_LINK.findall(page.read_text(encoding="utf-8"))
    assert not (page.parent / link).resolve().exists()
