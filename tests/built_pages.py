"""Helpers for the tests of the built HTML book: its pages, its chapter pages, what a page loads."""

import functools
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from tools.verified_notebooks import chapter_sources

# The front matter of a MyST notebook chapter, for the small books the tests build.
MYST_NOTEBOOK = """\
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

"""

# <link rel=...> values that make the browser fetch the target.
LOADING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "mask-icon",
    "preconnect",
    "dns-prefetch",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def pages(html):
    """Every HTML page of the book under ``html`` (not the theme's templates under _static/)."""
    found = sorted(p for p in html.rglob("*.html") if not p.relative_to(html).parts[0].startswith("_"))
    assert found, f"no HTML pages under {html}"
    return found


def chapter_pages(html):
    """``{name: page}`` for every chapter that is a notebook (a MyST source with a verified .ipynb)."""
    return {source.stem: html / "chapters" / f"{source.stem}.html" for source in chapter_sources()}


def redirects(html):
    """``{page: the page it redirects to}`` for the pages under ``html`` that are a ``<meta http-equiv=Refresh>``
    (Jupyter Book's ``index.html``), as paths relative to ``html``."""
    found = {}
    for path in pages(html):
        refresh = parse(path).find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)})
        if refresh is not None:
            target = refresh["content"].split("url=", 1)[1].strip()
            found[path.relative_to(html).as_posix()] = (path.parent.relative_to(html) / target).as_posix()
    return found


@functools.cache
def parse(path):
    """The page at ``path``, parsed once per test session: read it, never change it (copy a part first)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def css_urls(text):
    """URLs that CSS ``text`` loads: ``url(...)`` and ``@import``."""
    return [a or b for a, b in CSS_URL.findall(text)]


def loaded_urls(soup):
    """URLs that a browser fetches to show the page (not links the reader may follow)."""
    urls = []
    for tag in soup.find_all(
        ["script", "img", "iframe", "frame", "embed", "source", "audio", "video", "track", "input"]
    ):
        if tag.get("src"):
            urls.append(tag["src"])
    for tag in soup.find_all(["img", "source"], srcset=True):
        urls += [part.split()[0] for part in tag["srcset"].split(",") if part.strip()]
    for tag in soup.find_all("object", data=True):
        urls.append(tag["data"])
    for tag in soup.find_all("video", poster=True):
        urls.append(tag["poster"])
    for tag in soup.find_all("link", href=True):
        if LOADING_RELS & {rel.lower() for rel in tag.get("rel", [])}:
            urls.append(tag["href"])
    for tag in soup.find_all("style"):
        urls += css_urls(tag.get_text())
    for tag in soup.find_all(style=True):
        urls += css_urls(tag["style"])
    for tag in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
        match = re.search(r"url=(.+)", tag.get("content", ""), re.I)
        if match:
            urls.append(match.group(1).strip())
    return urls


def is_external(url):
    """True if ``url`` names a host or a scheme other than ``data:`` (it would leave the book's server)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def local_file(page, url):
    """The file a relative ``url`` in ``page`` points at (query and fragment dropped)."""
    return (page.parent / urlsplit(url).path).resolve()


def build_one_page_book(folder, name, text):
    """Build ``text`` as the only chapter, ``chapters/NAME``, of a book with this book's configuration,
    extensions and static files, strictly (-W); return its ``_build/html`` (assert on failure)."""
    import shutil
    import subprocess

    import yaml

    from tools.verified_notebooks import ROOT

    (folder / "chapters").mkdir(parents=True, exist_ok=True)
    for part in ("_ext", "_static"):
        shutil.copytree(ROOT / part, folder / part, dirs_exist_ok=True)
    shutil.copy(ROOT / "_config.yml", folder / "_config.yml")
    (folder / "_toc.yml").write_text(yaml.safe_dump({"format": "jb-book", "root": f"chapters/{name}"}))
    (folder / "chapters" / f"{name}.md").write_text(text)
    jupyter_book = shutil.which("jupyter-book", path=str(ROOT / ".venv" / "bin")) or "jupyter-book"
    run = subprocess.run(
        [jupyter_book, "build", "-W", "-n", "--keep-going", str(folder)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return folder / "_build" / "html"
