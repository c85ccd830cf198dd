"""Every page fits its column, as a reader sees it in headless Chromium at 1280 x 900 and at 390 x 844 (a phone).

At both widths no display equation (MathJax's output) and no prose block may be wider than its container;
at 1280 px no code block may be (on a phone, code may scroll sideways). No visible code cell may carry a
test assert, and no visible output may run longer than 25 lines: the checks belong in remove-cell cells
and in the tests. A tiny book with a wide equation, a long code line, an assert and a long output, built
with this book's configuration, is the negative control: every check must catch what it plants.

Every page is loaded once for all the browser tests (conftest.py's ``book_in_browser``); screenshots of
every page at both widths, for a person to look at, are made by ``make test-slow`` (tests/test_screenshots.py).
"""

import textwrap

import pytest

from tests.browser import WIDTHS, open_pages
from tests.built_pages import MYST_NOTEBOOK, build_one_page_book
from tools.chromium import serve

pytestmark = pytest.mark.browser

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


# Run on every page at both widths by conftest.py's book_in_browser, with the other browser files' scripts.
PAGE_SCRIPTS = {"fit": f"() => ({FIT})({LONGEST_OUTPUT})"}


@pytest.fixture(scope="module")
def fit(book_in_browser):
    """``{(width, page): what overflows}`` for every page of the book."""
    return {key: found["fit"] for key, found in book_in_browser.items()}


def overflowing(fit, key, widths=WIDTHS):
    return {
        f"{name} at {width} px": result[key] for (width, name), result in fit.items() if width in widths and result[key]
    }


def test_every_page_is_measured_at_both_widths(fit):
    names = {name for _, name in fit}
    assert "chapters/one_neuron.html" in names and len(fit) == len(WIDTHS) * len(names)
    for width in WIDTHS:
        assert sum(fit[width, name]["equations"] for name in names) > 40
        assert sum(fit[width, name]["code"] for name in names) > 100
        assert sum(fit[width, name]["inputs"] for name in names) > 100


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
FAULTS = MYST_NOTEBOOK + textwrap.dedent("""\
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

    <img src="https://example.org/elsewhere.png" alt="a picture from another host" width="20" height="20">

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


@pytest.fixture(scope="module")
def faults_page(browser, tmp_path_factory):
    """``{width: everything found}`` on the page of faults, built strictly with this book's configuration,
    opened by the same code as the book's pages (tests/browser.py)."""
    html = build_one_page_book(tmp_path_factory.mktemp("faults-book"), "faults", FAULTS)
    with serve(html) as url:
        found = open_pages(browser, url, ["chapters/faults.html"], PAGE_SCRIPTS)
    return {width: found[width, "chapters/faults.html"] for width in WIDTHS}


@pytest.fixture(scope="module")
def faults(faults_page):
    """``{width: what overflows}`` on the page of faults."""
    return {width: found["fit"] for width, found in faults_page.items()}


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


def test_a_request_to_another_host_is_refused_and_recorded_against_its_page(faults_page):
    """Negative control of tests/test_browser.py's no-request-leaves-the-server check."""
    for found in faults_page.values():
        assert found["external"] == ["https://example.org/elsewhere.png"], found["external"]
        assert any("example.org" in failure for failure in found["failed"]), found["failed"]
