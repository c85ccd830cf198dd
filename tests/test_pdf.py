"""The PDF edition, ``_build/pdf/nothing-but-numpy.pdf`` (``make test-pdf`` builds it, then runs these).

Read with poppler's ``pdftotext`` and ``pdfimages`` (``make poppler`` installs them) and pypdf:
the text a reader sees, the outline a PDF reader shows, the images, where every word sits.
"""

import re
import shutil
import subprocess

import pytest

from tools.pdf import PDF, TYPOGRAPHIC_QUOTES, book_structure, chapter_number, outline_pages, squeeze

pytestmark = pytest.mark.pdf

# The book's key glued numbers (numbers.md): the first neuron's prediction and loss, its first
# OR-gate cost, the XOR network's costs, and the blog's epoch-4900 cost at ten significant digits.
KEY_NUMBERS = ["0.5", "0.125", "0.469", "0.089", "0.084", "0.0009210166431"]
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\$\$|\\frac|\\begin\{|\\mathbf|\\sum_")
MARGIN_PT = 18 / 25.4 * 72  # tools.pdf.MARGIN: 18 mm left and right
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def poppler(*args):
    tool = args[0]
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: run `make poppler` (apt-get install poppler-utils)")
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def pdf():
    if not PDF.exists():
        pytest.fail(f"{PDF} does not exist: run `make pdf` first")
    return PDF


@pytest.fixture(scope="module")
def text(pdf):
    return poppler("pdftotext", str(pdf), "-")


@pytest.fixture(scope="module")
def book():
    return book_structure()


def raw_tex(text):
    """Pieces of TeX that MathJax should have typeset."""
    return RAW_TEX.findall(text)


def words_outside_margins(bbox_html, margin=MARGIN_PT, slack=2.0):
    """``[(page, word, xMin, xMax)]`` for every word that starts left of or ends right of the text column."""
    outside = []
    pages = bbox_html.split("<page ")[1:]
    for number, page in enumerate(pages, 1):
        width = float(PAGE.search("<page " + page).group(1))
        for x_min, _, x_max, _, word in WORD.findall(page):
            if float(x_min) < margin - slack or float(x_max) > width - margin + slack:
                outside.append((number, word, float(x_min), float(x_max)))
    return outside


def outline_problems(entries, book):
    """What is wrong with the PDF's outline: every part at the top, each with its chapters, in order."""
    want = [(0, book["intro"]["title"])]
    for part in book["parts"]:
        want.append((0, part["caption"]))
        want += [(1, chapter["title"]) for chapter in part["chapters"]]
    have = [(depth, squeeze(title)) for depth, title, _ in entries if depth <= 1 and title != "Contents"]
    have = [entry for entry in have if entry[0] == 0 or any(squeeze(t) == entry[1] for _, t in want)]
    want = [(depth, squeeze(title)) for depth, title in want]
    return [] if have == want else [f"outline {have} is not {want}"]


def test_every_chapter_title_and_key_number_is_in_the_text(text, book):
    flat = " ".join(text.split()).translate(TYPOGRAPHIC_QUOTES)  # Sphinx's smart quotes, as the titles type them
    titles = [book["intro"]["title"]] + [c["title"] for p in book["parts"] for c in p["chapters"]]
    assert [t for t in titles if t not in flat] == []
    assert [n for n in KEY_NUMBERS if not re.search(rf"(?<![\d.]){re.escape(n)}(?!\d)", flat)] == []


def test_no_raw_tex_and_no_unresolved_reference(text):
    assert raw_tex(text) == []
    assert "??" not in text


def test_a_numbered_heading_matches_its_title_and_gives_its_number():
    assert squeeze("3. Batch gradient\ndescent") == squeeze("Batch gradient descent")
    assert chapter_number("12. Exercise: the OR gate") == "12"
    assert chapter_number("Training a 2-layer network") is None
    assert squeeze("2-layer networks") == "2-layernetworks"  # a title that starts with a digit keeps it
    assert squeeze("13. Squared error\u2019s trouble") == squeeze("Squared error's trouble")


def test_raw_tex_is_found():
    assert raw_tex(r"the loss is \frac{1}{2}(y - \hat{y})^2 and $$z$$") == [r"\frac", "$$", "$$"]


def test_outline_has_every_part_and_chapter_and_each_chapter_starts_a_page(pdf, book):
    entries = outline_pages(pdf)
    assert outline_problems(entries, book) == []
    chapters = {squeeze(c["title"]) for p in book["parts"] for c in p["chapters"]}
    for depth, title, page in entries:
        if depth == 1 and squeeze(title) in chapters:
            first_line = poppler("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-").strip()
            assert squeeze(first_line).startswith(squeeze(title)), (title, page, first_line[:80])


def test_an_outline_without_a_chapter_is_reported(pdf, book):
    left_out = squeeze(book["parts"][0]["chapters"][2]["title"])
    entries = [e for e in outline_pages(pdf) if squeeze(e[1]) != left_out]
    assert len(entries) < len(outline_pages(pdf))
    assert outline_problems(entries, book) != []


def test_the_contents_give_each_chapter_its_page(pdf, book):
    entries = {squeeze(t): p for d, t, p in outline_pages(pdf) if d <= 1}
    contents = poppler("pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-")
    lines = {
        squeeze(re.sub(r"[ .]*\d+\s*$", "", line)): int(re.search(r"(\d+)\s*$", line).group(1))
        for line in contents.splitlines()
        if re.search(r"\S.*\s(\d+)\s*$", line)
    }
    for part in book["parts"]:
        for chapter in part["chapters"]:
            assert lines.get(squeeze(chapter["title"])) == entries[squeeze(chapter["title"])], chapter["title"]


def test_every_page_has_its_number_in_the_footer(pdf):
    bbox = poppler("pdftotext", "-bbox", str(pdf), "-")
    pages = bbox.split("<page ")[1:]
    assert len(pages) > 50
    for number, page in enumerate(pages, 1):
        height = float(PAGE.search("<page " + page).group(2))
        footer = [w for *_, y_max, w in WORD.findall(page) if float(y_max) > height - 20 / 25.4 * 72]
        assert footer == [str(number)], (number, footer)


def test_every_figure_of_the_html_book_is_an_image_in_the_pdf(pdf, book_html):
    # The figures are the images Sphinx copied into _images/ (not the launch buttons' logos).
    figures = sum(
        len(re.findall(r'<img\b[^>]*\bsrc="[^"]*_images/', page.read_text(encoding="utf-8")))
        for page in (book_html / "chapters").glob("*.html")
    )
    listed = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    images = [line for line in listed if line.split()[2] == "image"]
    assert figures > 20
    assert len(images) >= figures


def test_every_solution_is_printed(text, book_html):
    solutions = sum(
        page.read_text(encoding="utf-8").count('class="solution dropdown')
        for page in (book_html / "chapters").glob("*.html")
    )
    assert solutions >= 1
    assert text.count("Solution to Exercise") == solutions


def test_no_text_runs_past_the_margins(pdf):
    assert words_outside_margins(poppler("pdftotext", "-bbox", str(pdf), "-")) == []


def test_text_past_the_margin_is_found(pdf, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(pdf).pages[5:7]:
        page.mediabox.right = float(page.mediabox.right) - 120  # a narrower page: the text column overflows it
        writer.add_page(page)
    narrow = tmp_path / "narrow.pdf"
    with narrow.open("wb") as out:
        writer.write(out)
    assert words_outside_margins(poppler("pdftotext", "-bbox", str(narrow), "-")) != []


def numbers_in_html(book_html):
    """Every equation number and figure number that the HTML chapters show, e.g. ``(5.2)``, ``Fig. 7.1``."""
    found = []
    for page in sorted((book_html / "chapters").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        found += re.findall(r'class="eqno">(\(\d+(?:\.\d+)*\))', html)
        found += [n.strip() for n in re.findall(r'class="caption-number">(Fig\. \d+(?:\.\d+)*)', html)]
    return found


def test_equation_and_figure_numbers_are_the_htmls(text, book_html):
    numbers = numbers_in_html(book_html)
    assert len(numbers) > 30
    flat = " ".join(text.split())
    assert [n for n in numbers if n not in flat] == []
    assert all(re.fullmatch(r"(\(\d+\.\d+\)|Fig\. \d+\.\d+)", n) for n in numbers), "numbered by chapter"
    # And no more than the HTML's: one past the last equation number of the last chapter is nowhere in the PDF.
    chapter, last = max(tuple(int(k) for k in n[1:-1].split(".")) for n in numbers if n.startswith("("))
    assert f"({chapter}.{last + 1})" not in flat
