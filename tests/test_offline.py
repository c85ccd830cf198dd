"""The built book loads nothing from another host: it reads the same with the network off.

Scanned: everything a page makes the browser fetch (scripts, stylesheets and
other <link>s that load, images, frames, media, inline CSS, refresh targets),
the stylesheets those load in turn (``url()`` and ``@import``), and the URLs
written in inline scripts. Links the reader may follow (<a href>) may go
anywhere. The browser test (test_browser.py) checks the same in Chromium.
"""

import re

import pytest
import yaml

from tests.built_pages import css_urls, is_external, loaded_urls, local_file, pages, parse
from tools.verified_notebooks import ROOT

URL_IN_SCRIPT = re.compile(r"""https?://[^\s"'`)<>]+""")


@pytest.fixture(scope="module")
def book(book_html):
    return {page: parse(page) for page in pages(book_html)}


def external(urls):
    return sorted({url for url in urls if is_external(url)})


def test_pages_load_nothing_from_another_host(book):
    offenders = {str(page): external(loaded_urls(soup)) for page, soup in book.items()}
    assert not {page: urls for page, urls in offenders.items() if urls}


def test_every_resource_a_page_loads_is_in_the_build(book):
    missing = {
        str(page): [
            url
            for url in loaded_urls(soup)
            if not is_external(url) and not url.startswith("data:") and not local_file(page, url).is_file()
        ]
        for page, soup in book.items()
    }
    assert not {page: urls for page, urls in missing.items() if urls}


def stylesheets(book):
    """Every local stylesheet the pages load, and those they @import, as resolved paths."""
    todo = {
        local_file(page, link["href"])
        for page, soup in book.items()
        for link in soup.find_all("link", rel="stylesheet", href=True)
        if not is_external(link["href"])
    }
    seen = set()
    while todo:
        sheet = todo.pop()
        seen.add(sheet)
        for url in css_urls(sheet.read_text(encoding="utf-8")):
            if url.endswith(".css") and not is_external(url) and local_file(sheet, url) not in seen:
                todo.add(local_file(sheet, url))
    return sorted(seen)


def test_stylesheets_load_nothing_from_another_host(book):
    sheets = stylesheets(book)
    assert any(sheet.name.startswith("pydata-sphinx-theme") for sheet in sheets), "theme stylesheet not found"
    offenders = {str(sheet): external(css_urls(sheet.read_text(encoding="utf-8"))) for sheet in sheets}
    assert not {sheet: urls for sheet, urls in offenders.items() if urls}
    missing = [
        (str(sheet), url)
        for sheet in sheets
        for url in css_urls(sheet.read_text(encoding="utf-8"))
        if not is_external(url) and not url.startswith("data:") and not local_file(sheet, url).is_file()
    ]
    assert not missing


def test_inline_scripts_name_no_other_host(book):
    """None would be fetched by itself; but a script that names a host is one click from loading it.

    sphinx-thebe writes its loader's unpkg.com address into every page; with thebe
    off (``launch_buttons.thebe: false``) _ext/tidy_scripts.py drops it.
    """
    urls = {
        url
        for soup in book.values()
        for script in soup.find_all("script", src=False)
        for url in URL_IN_SCRIPT.findall(script.get_text())
    }
    assert not urls


def test_no_page_repeats_an_inline_script(book):
    """Sphinx 7.4 writes some inline scripts twice: a `const` declared twice is a JavaScript error."""
    for page, soup in book.items():
        bodies = [script.get_text() for script in soup.find_all("script", src=False) if script.get_text().strip()]
        assert len(bodies) == len(set(bodies)), f"{page} repeats an inline script"


def test_no_page_can_load_thebe(book):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["launch_buttons"].get("thebe") is False
    buttons = [
        str(page)
        for page, soup in book.items()
        if soup.select(".thebe-launch-button, .dropdown-launch-buttons .thebe, button.thebe")
    ]
    assert not buttons


def test_mathjax_is_served_from_the_build(book, book_html):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert "sphinx-mathjax-offline" in config["sphinx"]["extra_extensions"]
    with_math = [page for page, soup in book.items() if soup.select("div.math, span.math")]
    assert with_math, "no page has math"
    for page in with_math:
        scripts = [s["src"] for s in book[page].find_all("script", src=True) if "mathjax" in s["src"].lower()]
        assert scripts and not external(scripts), f"{page} loads MathJax from {scripts}"
        assert all(local_file(page, src).is_file() for src in scripts)
    fonts = book_html / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2"
    assert len(list(fonts.glob("*.woff"))) > 10, "MathJax's fonts are not in the build"
