"""Figures as a reader sees them: every page at a laptop's width and at a phone's.

Every page of the built book is opened in headless Chromium at 1280 x 900 and
at 390 x 844 (conftest.py's ``book_in_browser``: a local server, no other host,
one load of each page shared by the browser tests). The tests fail when a
figure's image is wider than the text column, or when a label of an SVG
computational graph renders smaller than the body text.

How a label's size is measured: the graphs are matplotlib SVGs whose glyphs are
paths, each ``<use>`` of a glyph scaled from a 100-unit em (matplotlib's
``TextToPath.FONT_SCALE``) and grouped under an id starting ``graph-label``.
The SVG is inlined, hidden, at the size its ``<img>`` is shown, and the glyph's
em on screen (100 x the scale of its screen transform) is the rendered font
size. Sub- and superscripts (drawn at 70 %) are left out: only the largest
glyph of each label is compared with the body text.
"""

import pytest

from tests.browser import WIDTHS, open_page

pytestmark = pytest.mark.browser

GRAPH_CHAPTERS = ["one_neuron", "or_gate", "gradients", "hidden_layer", "cross_entropy"]

MEASURE = """async () => {
  const lowContrast = LOW_CONTRAST_FUNCTION, visibleSearches = VISIBLE_SEARCHES_FUNCTION;
  const column = document.querySelector('main article') || document.querySelector('main');
  const body = parseFloat(getComputedStyle(column.querySelector('p') || column).fontSize);
  const images = Array.from(document.querySelectorAll('main img')).filter(i => i.offsetParent !== null);
  const figures = [];
  for (const img of images) {
    const box = img.getBoundingClientRect();
    const holder = img.closest('figure, .cell_output, p, div') || column;
    const room = holder.getBoundingClientRect();
    const figure = {src: img.getAttribute('src'), width: box.width, column: column.getBoundingClientRect().width,
                    overflow: Math.max(box.right - room.right, room.left - box.left, box.right -
                                       column.getBoundingClientRect().right), labels: []};
    if (img.src.endsWith('.svg')) {
      const text = await (await fetch(img.src)).text();
      const host = document.createElement('div');
      host.style.cssText = 'position:absolute; left:-20000px; top:0; visibility:hidden';
      host.innerHTML = text.slice(text.indexOf('<svg'));
      const svg = host.querySelector('svg');
      svg.setAttribute('width', box.width + 'px');
      svg.setAttribute('height', box.height + 'px');
      document.body.appendChild(host);
      for (const group of svg.querySelectorAll('g[id^="graph-label"]')) {
        const sizes = Array.from(group.querySelectorAll('use')).map(use => {
          const m = use.getScreenCTM();
          return 100 * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
        });
        if (sizes.length) figure.labels.push([group.id, Math.max(...sizes)]);
      }
      host.remove();
    }
    figures.push(figure);
  }
  return {body, figures, contrast: lowContrast(), searches: visibleSearches()};
}"""

# Text whose contrast with its background is below WCAG AA's 4.5:1, as [element, colour, background, ratio, text].
LOW_CONTRAST = """() => {
  const channels = c => c.match(/[\\d.]+/g).map(Number);
  const luminance = rgb => {
    const v = rgb.map(x => x / 255).map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  // An element's background and opacity as shown, from its ancestors' (remembered: a page has thousands).
  const backgrounds = new Map(), opacities = new Map();
  const background = e => {
    if (!e) return 'rgb(255, 255, 255)';
    if (!backgrounds.has(e)) {
      const b = getComputedStyle(e).backgroundColor;
      backgrounds.set(e, (channels(b)[3] ?? 1) > 0.5 ? b : background(e.parentElement));
    }
    return backgrounds.get(e);
  };
  const opacity = e => {
    if (!e) return 1;
    if (!opacities.has(e)) opacities.set(e, Number(getComputedStyle(e).opacity) * opacity(e.parentElement));
    return opacities.get(e);
  };
  const found = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('mjx-container, svg, script, style, noscript')) continue;
    if (!Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = e.getBoundingClientRect(), style = getComputedStyle(e);
    if (!(box.width > 0 && box.height > 0) || style.visibility === 'hidden') continue;
    // The text's colour as shown: blended with its background by its alpha and its ancestors' opacity.
    const [text, under] = [channels(style.color), channels(background(e)).slice(0, 3)];
    const a = (text[3] ?? 1) * opacity(e);
    const [fg, bg] = [luminance(text.slice(0, 3).map((x, i) => a * x + (1 - a) * under[i])), luminance(under)];
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) found.push([e.tagName + '.' + String(e.className).split(' ')[0], style.color, background(e),
                                 Math.round(ratio * 100) / 100, e.textContent.trim().slice(0, 40)]);
  }
  return found;
}"""

# The search boxes and buttons a reader can see.
VISIBLE_SEARCHES = """() => Array.from(document.querySelectorAll('.search-button-field, .search-button, form.bd-search'))
  .filter(e => { const box = e.getBoundingClientRect();
                 return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== 'hidden'; })
  .map(e => e.className)"""


MEASURE = MEASURE.replace("LOW_CONTRAST_FUNCTION", LOW_CONTRAST).replace("VISIBLE_SEARCHES_FUNCTION", VISIBLE_SEARCHES)


# Run on every page at both widths by conftest.py's book_in_browser, with the other browser files' scripts.
PAGE_SCRIPTS = {"figures": MEASURE}


@pytest.fixture(scope="module")
def measured(book_in_browser):
    """``{(page, width): {"body": px, "figures": [...], "contrast": [...], "searches": [...]}}`` for every page
    at both widths."""
    return {(name, width): found["figures"] for (width, name), found in book_in_browser.items()}


def label_problems(state, tolerance=0.25):
    """The labels of SVG graphs smaller than the body text, as ``(image, label id, px, body px)``."""
    return [
        (figure["src"], label, round(size, 2), state["body"])
        for figure in state["figures"]
        for label, size in figure["labels"]
        if size < state["body"] - tolerance
    ]


def width_problems(state, tolerance=0.5):
    """The images wider than their column, as ``(image, how many px past its edge)``."""
    return [
        (figure["src"], round(figure["overflow"], 1)) for figure in state["figures"] if figure["overflow"] > tolerance
    ]


def test_every_page_is_measured_at_both_widths(measured, book_html):
    chapters = {name for name, _ in measured}
    assert {f"chapters/{name}.html" for name in GRAPH_CHAPTERS} <= chapters
    assert {width for _, width in measured} == set(WIDTHS)


@pytest.mark.parametrize("width", WIDTHS)
def test_graphs_are_svg_with_labels(measured, width):
    for name in GRAPH_CHAPTERS:
        figures = measured[f"chapters/{name}.html", width]["figures"]
        graphs = [f for f in figures if f["src"].endswith(".svg") and f["labels"]]
        assert graphs, f"{name}: no SVG graph with measurable labels"
        assert all(len(f["labels"]) >= 6 for f in graphs), (name, [len(f["labels"]) for f in graphs])


@pytest.mark.parametrize("width", WIDTHS)
def test_no_figure_is_wider_than_its_column(measured, width):
    assert not {name: p for (name, w), state in measured.items() if w == width and (p := width_problems(state))}


@pytest.mark.parametrize("width", WIDTHS)
def test_graph_labels_are_no_smaller_than_the_body_text(measured, width):
    assert not {name: p for (name, w), state in measured.items() if w == width and (p := label_problems(state))}


@pytest.mark.parametrize("width", WIDTHS)
def test_text_has_at_least_the_contrast_wcag_aa_asks(measured, width):
    assert not {name: s["contrast"] for (name, w), s in measured.items() if w == width and s["contrast"]}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_shows_one_search_box(measured, width):
    """One way to search on every page (the search page also has its own query field, the form)."""
    searches = {
        name: [c for c in s["searches"] if not (name == "search.html" and c.startswith("bd-search"))]
        for (name, w), s in measured.items()
        if w == width
    }
    assert "chapters/one_neuron.html" in searches
    assert {name: found for name, found in searches.items() if len(found) != 1} == {}


def test_the_contrast_check_fails_pale_captions(browser, server):
    """Negative control: captions in the grey of many themes' muted text (#999, 2.8:1) fail."""
    page = open_page(browser, f"{server}/chapters/or_gate.html").page
    assert not page.evaluate(LOW_CONTRAST)
    page.add_style_tag(content="figcaption, figcaption * { color: #999 !important; }")
    pale = page.evaluate(LOW_CONTRAST)
    assert pale and all(2.5 < ratio < 3 for *_, ratio, _ in pale), pale
    page.close()


def test_the_label_measure_fails_a_graph_shown_too_small(browser, server):
    """Negative control: the hidden-layer graph squeezed to a quarter of the column must fail the label check,
    and an image forced wider than the column must fail the width check."""
    page = open_page(browser, f"{server}/chapters/hidden_layer.html").page
    fine = page.evaluate(MEASURE)
    assert not label_problems(fine) and not width_problems(fine)
    page.add_style_tag(content="main figure img[src$='.svg'] { width: 25% !important; }")
    squeezed = page.evaluate(MEASURE)
    small = label_problems(squeezed)
    assert small and all(size < body / 1.5 for _, _, size, body in small), small
    page.add_style_tag(content="main figure img[src$='.svg'] { width: 2000px !important; max-width: none !important; }")
    assert width_problems(page.evaluate(MEASURE))
    page.close()
