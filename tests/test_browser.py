"""Every page of the built book, opened in headless Chromium from a local server.

Needs Debian's ``chromium`` (``make browser`` installs it when missing); driven
by Playwright, which cannot download a browser here. Every request that leaves
127.0.0.1 is recorded and refused, so the pages are checked as a reader with
no network would see them. Screenshots go to ``_build/screenshots/`` (beside
the ``html`` folder that is tested).
"""

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.built_pages import chapter_pages, pages

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FIRST_CHAPTER = "one_neuron"
FIGURE_CHAPTERS = ["hidden_layer", "or_gate"]  # the first one with figures gets screenshots


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server(book_html):
    """The built book on http://127.0.0.1:<free port>."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(book_html)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Chromium context with a fresh profile; requests to any host but 127.0.0.1 are refused."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.external_requests = []

        def only_local(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                context.external_requests.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        yield context
        context.close()


class Visit:
    """One page opened in the browser, with everything that went wrong while loading it."""

    def __init__(self, browser, url):
        self.page = browser.new_page()
        self.errors, self.failed = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", lambda r: self.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
        start = len(browser.external_requests)
        self.page.goto(url, wait_until="networkidle")  # networkidle: after index.html redirects
        # MathJax typesets after loading; its startup promise resolves when it is done.
        self.page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        self.page.evaluate("() => Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)))")
        self.page.wait_for_load_state("networkidle")  # fonts MathJax asked for
        self.external = browser.external_requests[start:]


@pytest.fixture(scope="module")
def visits(browser, server, book_html):
    """Every page of the book, visited once: ``{relative path: Visit}``."""
    opened = {}
    for path in pages(book_html):
        name = path.relative_to(book_html).as_posix()
        opened[name] = Visit(browser, f"{server}/{name}")
    yield opened
    for visit in opened.values():
        visit.page.close()


def test_every_page_is_visited(visits):
    assert "chapters/intro.html" in visits and f"chapters/{FIRST_CHAPTER}.html" in visits


def test_no_console_errors(visits):
    assert not {name: v.errors for name, v in visits.items() if v.errors}


def test_no_failed_requests(visits):
    assert not {name: v.failed for name, v in visits.items() if v.failed}


def test_no_request_leaves_the_local_server(visits):
    assert not {name: v.external for name, v in visits.items() if v.external}


def test_every_image_is_decoded_with_a_size(visits):
    images = {
        name: v.page.evaluate("() => Array.from(document.images).map(i => [i.src, i.naturalWidth])")
        for name, v in visits.items()
    }
    assert sum(len(found) for found in images.values()) > 0
    broken = {name: [src for src, width in found if not width > 0] for name, found in images.items()}
    assert not {name: srcs for name, srcs in broken.items() if srcs}


SIDEWAYS_LISTINGS = """() => Array.from(document.querySelectorAll('main div.highlight-python pre'))
  .filter(pre => pre.scrollWidth > pre.clientWidth)
  .map(pre => pre.textContent.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), ''))"""


def test_package_source_listings_fit_without_scrolling_sideways(visits):
    """The package's source, included in chapters, is read on the page: no line may hide past the edge.

    At this 1280-pixel window the code pane shows 77 columns."""
    listings = {
        name: v.page.evaluate("() => document.querySelectorAll('main div.highlight-python pre').length")
        for name, v in visits.items()
    }
    assert listings["chapters/layer_classes.html"] > 0 and listings["chapters/architectures.html"] > 0
    too_wide = {name: v.page.evaluate(SIDEWAYS_LISTINGS) for name, v in visits.items() if listings[name]}
    assert not {name: lines for name, lines in too_wide.items() if lines}


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


def test_math_is_typeset_on_every_page(visits):
    states = {name: v.page.evaluate(MATH_STATE) for name, v in visits.items() if name != "search.html"}
    with_math = {name: s for name, s in states.items() if s["math"]}
    assert f"chapters/{FIRST_CHAPTER}.html" in with_math
    for name, state in with_math.items():
        assert state["typeset"] >= state["math"] and not state["untypeset"], f"{name}: {state['untypeset']}"
        assert not state["errors"], f"{name}: MathJax errors {state['errors']}"
    assert not {name: s["raw"] for name, s in states.items() if s["raw"]}, "raw TeX left in the text"


BUTTONS = """() => Object.fromEntries([
  ['Binder', ".dropdown-launch-buttons a[href*='mybinder.org']"],
  ['Colab', ".dropdown-launch-buttons a[href*='colab.research.google.com']"],
  ['.md', '.dropdown-download-buttons a.btn-download-source-button'],
  ['.ipynb', '.dropdown-download-buttons a.btn-download-notebook-button'],
].map(([name, selector]) => [name, Array.from(document.querySelectorAll(selector)).map(a => a.href)]))"""


def test_chapter_pages_have_launch_and_download_buttons(visits, book_html):
    chapters = chapter_pages(book_html)
    assert FIRST_CHAPTER in chapters
    for name in chapters:
        links = visits[f"chapters/{name}.html"].page.evaluate(BUTTONS)
        for button in ("Binder", "Colab"):
            assert len(links[button]) == 1 and links[button][0].endswith(f"chapters/{name}.ipynb"), (name, links)
        for suffix in (".md", ".ipynb"):
            assert len(links[suffix]) == 1 and links[suffix][0].endswith(f"_sources/chapters/{name}{suffix}"), (
                name,
                links,
            )


def test_the_launch_and_download_menus_open_on_a_click(browser, server):
    page = Visit(browser, f"{server}/chapters/{FIRST_CHAPTER}.html").page
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
    visit = Visit(browser, f"{server}/search.html?q=sigmoid")
    visit.page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    results = visit.page.locator("#search-results ul.search li").all_inner_texts()
    assert results and any("sigmoid" in text.lower() for text in results), results
    assert any("neuron" in text.lower() for text in results), "the first chapter is not found"
    assert not visit.errors and not visit.failed and not visit.external
    visit.page.close()


def test_screenshots_of_the_first_chapter_and_a_figure_chapter(browser, server, visits, book_html):
    """Saved for a person to look at: the whole page, and its top (or first figure) as a reader sees it."""
    folder = book_html.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    with_figures = [
        name
        for name in FIGURE_CHAPTERS
        if f"chapters/{name}.html" in visits and visits[f"chapters/{name}.html"].page.locator("main figure img").count()
    ]
    assert with_figures, f"none of {FIGURE_CHAPTERS} has a figure yet"
    for name in (FIRST_CHAPTER, with_figures[0]):
        for old in folder.glob(f"{name}*.png"):
            old.unlink()
        page = Visit(browser, f"{server}/chapters/{name}.html").page  # fresh: no menu left open
        page.screenshot(path=folder / f"{name}.png", full_page=True)
        if name == FIRST_CHAPTER:
            page.screenshot(path=folder / f"{name}-top.png")
        else:
            page.locator("main figure").first.screenshot(path=folder / f"{name}-figure.png")
        page.close()
    shots = sorted(folder.glob("*.png"))
    assert len(shots) >= 4 and all(shot.stat().st_size > 10_000 for shot in shots), shots
