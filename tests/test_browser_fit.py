"""Every page fits its column, as a reader sees it in headless Chromium at 1280 x 900 and at 390 x 844 (a phone).

At both widths no display equation (MathJax's output) and no prose block may be wider than its container;
at 1280 px no code block may be (on a phone, code may scroll sideways). No visible code cell may carry a
test assert, and no visible output may run longer than 25 lines: the checks belong in remove-cell cells
and in the tests. A tiny book with a wide equation, a long code line, an assert and a long output, built
with this book's configuration, is the negative control: every check must catch what it plants.

Screenshots of every page at both widths go to ``_build/screenshots/1280/`` and ``.../390/``.
"""

import contextlib
import functools
import shutil
import textwrap
import threading
from http.server import ThreadingHTTPServer

import pytest

from tests.built_pages import build_one_page_book, pages
from tests.test_browser import QuietHandler, browser, server  # noqa: F401  (fixtures shared with test_browser)

pytestmark = pytest.mark.browser

WIDTHS = {1280: 900, 390: 844}
LONGEST_OUTPUT = 25  # lines

# What overflows on one page: the selectors are Jupyter Book 1's (sphinx-book-theme, myst-nb, MathJax 3).
FIT = """(longest) => {
  const px = v => parseFloat(v) || 0;
  const inner = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return {left: r.left + px(s.borderLeftWidth) + px(s.paddingLeft),
            right: r.right - px(s.borderRightWidth) - px(s.paddingRight)};
  };
  const outside = (el, box) => {
    const r = el.getBoundingClientRect(), c = inner(box);
    return r.width > 0 && (r.left < c.left - 1 || r.right > c.right + 1);
  };
  const scrolls = el => el.scrollWidth > el.clientWidth + 1;
  const text = el => el.textContent.replace(/\\s+/g, ' ').trim().slice(0, 80);
  const article = document.querySelector('main article') || document.querySelector('main');
  const equations = Array.from(article.querySelectorAll('mjx-container[display="true"]'));
  const prose = Array.from(article.querySelectorAll(
      'p, li, dt, dd, h1, h2, h3, h4, h5, h6, figcaption, caption, blockquote, table'))
    .filter(e => !e.closest('pre, div.cell_output, mjx-container') && !e.parentElement.closest('table'));
  const code = Array.from(article.querySelectorAll('pre'));
  const inputs = Array.from(article.querySelectorAll('div.cell_input'));
  const outputs = Array.from(article.querySelectorAll('div.cell_output > *'));
  return {
    equations: equations.length, prose: prose.length, code: code.length, inputs: inputs.length,
    wide_equations: equations.filter(c => {
      const math = c.querySelector('mjx-math') || c, block = c.closest('div.math') || c.parentElement;
      return scrolls(c) || outside(math, c) || outside(c, block) || outside(block, article);
    }).map(c => (c.closest('div.math') || c).id || text(c.querySelector('mjx-assistive-mml') || c)),
    wide_prose: prose.filter(e => scrolls(e) || outside(e, article)).map(text),
    wide_code: code.filter(p => scrolls(p) || outside(p, article)).map(p =>
      p.textContent.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), '').slice(0, 90)),
    asserts: inputs.map(i => i.querySelector('pre') || i)
                   .filter(pre => /(^|[^\\w.])assert\\b|np\\.testing/.test(pre.textContent)).map(text),
    long_outputs: outputs.map(o => [o.innerText.replace(/\\n+$/, '').split('\\n').length, text(o)])
                         .filter(([lines]) => lines > longest).map(([lines, start]) => `${lines} lines: ${start}`),
    page_scrolls: document.scrollingElement.scrollWidth > window.innerWidth + 1,
  };
}"""


def measure(browser, url, width, screenshot=None):  # noqa: F811  (the fixture's value, passed on)
    """Open ``url`` in a window ``width`` pixels wide, once MathJax has typeset; return what overflows."""
    page = browser.new_page()
    try:
        page.set_viewport_size({"width": width, "height": WIDTHS[width]})
        page.goto(url, wait_until="networkidle")
        page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        # The fonts MathJax asked for, and the images (they set the page's height, not its widths).
        page.evaluate(
            "() => Promise.all([document.fonts.ready,"
            " ...Array.from(document.images).map(i => i.decode().catch(() => null))])"
        )
        found = page.evaluate(FIT, LONGEST_OUTPUT)
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=screenshot, full_page=True)
        return found
    finally:
        page.close()


@pytest.fixture(scope="module")
def fit(browser, server, book_html):  # noqa: F811
    """``{(width, page): what overflows}`` for every page of the book; saves a screenshot of each."""
    shots = book_html.parent / "screenshots"
    found = {}
    for width in WIDTHS:
        shutil.rmtree(shots / str(width), ignore_errors=True)
        for path in pages(book_html):
            name = path.relative_to(book_html).as_posix()
            shot = shots / str(width) / name.replace("/", "_").replace(".html", ".png")
            found[width, name] = measure(browser, f"{server}/{name}", width, screenshot=shot)
    return found


def overflowing(fit, key, widths=WIDTHS):
    return {
        f"{name} at {width} px": result[key] for (width, name), result in fit.items() if width in widths and result[key]
    }


def test_every_page_is_measured_at_both_widths(fit, book_html):
    names = {name for _, name in fit}
    assert "chapters/one_neuron.html" in names and len(fit) == len(WIDTHS) * len(names)
    for width in WIDTHS:
        assert sum(fit[width, name]["equations"] for name in names) > 40
        assert sum(fit[width, name]["code"] for name in names) > 100
        assert sum(fit[width, name]["inputs"] for name in names) > 100
        shots = sorted((book_html.parent / "screenshots" / str(width)).glob("*.png"))
        assert len(shots) == len(names) and all(shot.stat().st_size > 10_000 for shot in shots)


def test_display_equations_fit_their_column_at_both_widths(fit):
    assert not overflowing(fit, "wide_equations")


def test_prose_fits_its_column_and_no_page_scrolls_sideways_at_both_widths(fit):
    assert not overflowing(fit, "wide_prose")
    assert not [f"{name} at {width} px" for (width, name), result in fit.items() if result["page_scrolls"]]


def test_code_blocks_fit_their_column_at_1280_px(fit):
    """About 77 columns of code; on a phone code may scroll, so 390 px is not checked."""
    assert not overflowing(fit, "wide_code", widths=[1280])


def test_no_visible_code_cell_carries_a_test_assert(fit):
    assert not overflowing(fit, "asserts", widths=[1280])


def test_no_visible_output_is_longer_than_25_lines(fit):
    assert not overflowing(fit, "long_outputs", widths=[1280])


# The negative control: a one-page book with this book's configuration, holding one of each fault
# next to a fitting equation, a short line, an `assertion` that is no assert and a short output.
FAULTS = textwrap.dedent("""\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
        format_version: 0.13
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---

    # Faults

    An equation that fits:

    ```{math}
    :label: eq-fits
    z = w x + b .
    ```

    and one that does not:

    ```{math}
    :label: eq-too-wide
    C = c_1 + c_2 + c_3 + c_4 + c_5 + c_6 + c_7 + c_8 + c_9 + c_{10} + c_{11} + c_{12} + c_{13} + c_{14}
      + c_{15} + c_{16} + c_{17} + c_{18} + c_{19} + c_{20} + c_{21} + c_{22} + c_{23} + c_{24} + c_{25} .
    ```

    Inline math breaks at its operators, so this paragraph fits a phone:
    $c_1 + c_2 + c_3 + c_4 + c_5 + c_6 + c_7 + c_8 + c_9 + c_{10} + c_{11} + c_{12} + c_{13} + c_{14}$.

    A name too long for a phone: `nbnp.a_function_name_far_too_long_to_fit_the_column_of_a_phone`.

    | a table | with | too | many | columns | for | a | phone |
    |---|---|---|---|---|---|---|---|
    | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |

    ```{code-cell} ipython3
    assertion = "not a statement"
    wide = [assertion] * 3 + ["a line of code much longer than the 77 columns a page shows at 1280 px"]
    ```

    ```{code-cell} ipython3
    assert len(wide) == 4
    ```

    ```{code-cell} ipython3
    for line in range(30):
        print(line)
    ```

    ```{code-cell} ipython3
    for line in range(25):
        print(line)
    ```
    """)


@contextlib.contextmanager
def serve(folder):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="module")
def faults(browser, tmp_path_factory):  # noqa: F811
    """``{width: what overflows}`` on the page of faults, built strictly with this book's configuration."""
    html = build_one_page_book(tmp_path_factory.mktemp("faults-book"), "faults", FAULTS)
    with serve(html) as url:
        return {width: measure(browser, f"{url}/chapters/faults.html", width) for width in WIDTHS}


def test_a_wide_equation_fails_at_both_widths_and_a_narrow_one_passes(faults):
    for width, found in faults.items():
        assert found["equations"] == 2, found
        assert found["wide_equations"] == ["equation-eq-too-wide"], (width, found)


def test_prose_too_wide_for_a_phone_fails_there(faults):
    assert faults[1280]["wide_prose"] == [] and not faults[1280]["page_scrolls"]
    name, table = faults[390]["wide_prose"]
    assert name.startswith("A name too long") and table.startswith("a table with too many columns")


def test_a_long_code_line_fails_at_1280_px(faults):
    assert len(faults[1280]["wide_code"]) == 1 and "much longer than" in faults[1280]["wide_code"][0]


def test_a_visible_assert_fails_and_a_name_containing_assert_does_not(faults):
    assert faults[1280]["inputs"] == 4
    assert faults[1280]["asserts"] == ["assert len(wide) == 4"]


def test_an_output_of_30_lines_fails_and_one_of_25_passes(faults):
    assert len(faults[1280]["long_outputs"]) == 1 and faults[1280]["long_outputs"][0].startswith("30 lines: 0 1 2")
