"""Every page of the built book, opened in headless Chromium from a local server that refuses every
other host (tests/browser.py), at a laptop's width and a phone's: no console error, no failed or
external request, every image decoded, every formula typeset, the package's listings readable, and the
launch and download buttons, menus and search working. (Screenshots for a person to look at:
tests/test_screenshots.py.)
"""

import pytest

from tests.browser import WIDTHS, open_page
from tests.built_pages import chapter_pages

pytestmark = pytest.mark.browser

FIRST_CHAPTER = "one_neuron"

IMAGES = "() => Array.from(document.images).map(i => [i.src, i.naturalWidth])"

# The package's source, included in chapters: how many listings, and the longest line of each that scrolls.
LISTINGS = """() => {
  const listings = Array.from(document.querySelectorAll('main div.highlight-python pre'));
  return {count: listings.length,
          sideways: listings.filter(pre => pre.scrollWidth > pre.clientWidth)
            .map(pre => pre.textContent.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), ''))};
}"""

MATH_STATE = """() => {
  const text = document.querySelector('main').cloneNode(true);
  text.querySelectorAll('pre, code, mjx-container, script').forEach(e => e.remove());
  return {
    math: document.querySelectorAll('span.math, div.math').length,
    untypeset: Array.from(document.querySelectorAll('span.math, div.math'))
                    .filter(e => !e.querySelector('mjx-container')).map(e => e.textContent.slice(0, 60)),
    typeset: document.querySelectorAll('mjx-container').length,
    errors: Array.from(document.querySelectorAll('mjx-merror')).map(e => e.textContent),
    raw: (text.innerText.match(/\\$\\$|\\\\\\(|\\\\\\)|\\\\\\[|\\\\\\]|\\\\begin\\{/g) || []),
  };
}"""

BUTTONS = """() => Object.fromEntries([
  ['Binder', ".dropdown-launch-buttons a[href*='mybinder.org']"],
  ['Colab', ".dropdown-launch-buttons a[href*='colab.research.google.com']"],
  ['.md', '.dropdown-download-buttons a.btn-download-source-button'],
  ['.ipynb', '.dropdown-download-buttons a.btn-download-notebook-button'],
].map(([name, selector]) => [name, Array.from(document.querySelectorAll(selector)).map(a => a.href)]))"""

# Run on every page at both widths by conftest.py's book_in_browser, with the other browser files' scripts.
PAGE_SCRIPTS = {"images": IMAGES, "listings": LISTINGS, "math": MATH_STATE, "buttons": BUTTONS}


def at(book_in_browser, width):
    """``{page: results}`` at one width."""
    return {name: found for (w, name), found in book_in_browser.items() if w == width}


def test_every_page_is_visited(book_in_browser):
    for width in WIDTHS:
        assert {"chapters/intro.html", f"chapters/{FIRST_CHAPTER}.html"} <= at(book_in_browser, width).keys()


@pytest.mark.parametrize("problem", ["errors", "failed", "external"])
def test_no_console_error_failed_request_or_request_off_the_local_server(book_in_browser, problem):
    found = {f"{name} at {width} px": page[problem] for (width, name), page in book_in_browser.items()}
    assert not {where: problems for where, problems in found.items() if problems}


def test_every_image_is_decoded_with_a_size(book_in_browser):
    for width in WIDTHS:
        images = {name: found["images"] for name, found in at(book_in_browser, width).items()}
        assert sum(len(found) for found in images.values()) > 0
        broken = {name: [src for src, size in found if not size > 0] for name, found in images.items()}
        assert not {name: srcs for name, srcs in broken.items() if srcs}, width


def test_package_source_listings_fit_without_scrolling_sideways(book_in_browser):
    """The package's source, included in chapters, is read on the page: no line may hide past the edge.

    At a 1280-pixel window the code pane shows 77 columns (on a phone, code may scroll)."""
    listings = {name: found["listings"] for name, found in at(book_in_browser, 1280).items()}
    assert listings["chapters/layer_classes.html"]["count"] > 0 and listings["chapters/architectures.html"]["count"] > 0
    assert not {name: found["sideways"] for name, found in listings.items() if found["sideways"]}


def test_math_is_typeset_on_every_page(book_in_browser):
    for width in WIDTHS:
        states = {name: found["math"] for name, found in at(book_in_browser, width).items() if name != "search.html"}
        with_math = {name: s for name, s in states.items() if s["math"]}
        assert f"chapters/{FIRST_CHAPTER}.html" in with_math
        for name, state in with_math.items():
            assert state["typeset"] >= state["math"] and not state["untypeset"], f"{name}: {state['untypeset']}"
            assert not state["errors"], f"{name}: MathJax errors {state['errors']}"
        assert not {name: s["raw"] for name, s in states.items() if s["raw"]}, "raw TeX left in the text"


def test_chapter_pages_have_launch_and_download_buttons(book_in_browser, book_html):
    chapters = chapter_pages(book_html)
    assert FIRST_CHAPTER in chapters
    for name in chapters:
        links = book_in_browser[1280, f"chapters/{name}.html"]["buttons"]
        for button in ("Binder", "Colab"):
            assert len(links[button]) == 1 and links[button][0].endswith(f"chapters/{name}.ipynb"), (name, links)
        for suffix in (".md", ".ipynb"):
            assert len(links[suffix]) == 1 and links[suffix][0].endswith(f"_sources/chapters/{name}{suffix}"), (
                name,
                links,
            )


def test_the_launch_and_download_menus_open_on_a_click(browser, server):
    page = open_page(browser, f"{server}/chapters/{FIRST_CHAPTER}.html").page
    for menu, items in (
        (".dropdown-launch-buttons", ("Binder", "Colab")),
        (".dropdown-download-buttons", (".md", ".ipynb")),
    ):
        first = page.locator(f"{menu} a").first
        assert not first.is_visible()
        page.click(f"{menu} button")
        page.wait_for_selector(f"{menu} .dropdown-menu.show")
        assert [page.locator(f"{menu} a", has_text=item).is_visible() for item in items] == [True, True]
        page.click(f"{menu} button")  # a second click closes it
        page.wait_for_selector(f"{menu} .dropdown-menu.show", state="detached")
    page.close()


def test_search_finds_sigmoid(browser, server):
    visit = open_page(browser, f"{server}/search.html?q=sigmoid")
    visit.page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    results = visit.page.locator("#search-results ul.search li").all_inner_texts()
    assert results and any("sigmoid" in text.lower() for text in results), results
    assert any("neuron" in text.lower() for text in results), "the first chapter is not found"
    assert not visit.errors and not visit.failed and not visit.external
    visit.page.close()
