"""Screenshots for a person to look at, saved under ``_build/screenshots/`` (beside the tested ``html``):
every page of the book, whole, at 1280 and at 390 px (``WIDTH/PAGE.png``); the first chapter's top; a
figure chapter's first figure.

A full-page screenshot takes about a second, longer than the page's load, so these run in
``make test-slow`` (part of ``.ci/run``), not in ``make test``. Whether a page fits, typesets and shows
its figures at readable sizes is measured in tests/test_browser*.py, not judged from these pictures.
"""

import shutil

import pytest

from tests.browser import WIDTHS, open_page, open_pages
from tests.built_pages import pages, redirects
from tests.test_browser import FIRST_CHAPTER

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIGURE_CHAPTERS = ["hidden_layer", "or_gate"]  # the first one with a figure gets a screenshot of it


def test_every_page_at_both_widths(browser, server, book_html):
    shots = book_html.parent / "screenshots"
    for width in WIDTHS:
        shutil.rmtree(shots / str(width), ignore_errors=True)
    names = [path.relative_to(book_html).as_posix() for path in pages(book_html)]
    open_pages(browser, server, names, {}, screenshots=shots, redirects=redirects(book_html))
    for width in WIDTHS:
        saved = sorted((shots / str(width)).glob("*.png"))
        assert len(saved) == len(names) and all(shot.stat().st_size > 10_000 for shot in saved)


def test_the_first_chapter_and_a_figure_chapter(browser, server, book_html):
    folder = book_html.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    with_figures = [
        name
        for name in FIGURE_CHAPTERS
        if (book_html / "chapters" / f"{name}.html").exists()
        and "<figure" in (book_html / "chapters" / f"{name}.html").read_text(encoding="utf-8")
    ]
    assert with_figures, f"none of {FIGURE_CHAPTERS} has a figure yet"
    for name in (FIRST_CHAPTER, with_figures[0]):
        for old in folder.glob(f"{name}*.png"):
            old.unlink()
        page = open_page(browser, f"{server}/chapters/{name}.html").page
        page.screenshot(path=folder / f"{name}.png", full_page=True)
        if name == FIRST_CHAPTER:
            page.screenshot(path=folder / f"{name}-top.png")
        else:
            page.locator("main figure").first.screenshot(path=folder / f"{name}-figure.png")
        page.close()
    shots = sorted(folder.glob("*.png"))
    assert len(shots) >= 4 and all(shot.stat().st_size > 10_000 for shot in shots), shots
