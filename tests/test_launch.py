"""Every chapter page launches its verified notebook in Binder and Colab, and offers its downloads.

The launch URLs are built by sphinx-book-theme from ``repository`` and
``launch_buttons`` in ``_config.yml``; they must name the repository and branch
configured there and a notebook that exists in the repository (Colab cannot open
the ``.md`` source).
"""

import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
import yaml

from tests.built_pages import parse
from tools.verified_notebooks import ROOT, chapter_sources, repository

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
URL, BRANCH = repository()
ORG_REPO = urlsplit(URL).path.strip("/")
CHAPTERS = [source.stem for source in chapter_sources()]


def expected_launch_urls(name):
    buttons = CONFIG["launch_buttons"]
    interface = {"jupyterlab": "lab/tree", "classic": "tree"}[buttons["notebook_interface"]]
    binder = buttons["binderhub_url"].rstrip("/")
    colab = buttons["colab_url"].rstrip("/")
    return {
        "Binder": f"{binder}/v2/gh/{ORG_REPO}/{BRANCH}?urlpath={interface}/chapters/{name}.ipynb",
        "Colab": f"{colab}/github/{ORG_REPO}/blob/{BRANCH}/chapters/{name}.ipynb",
    }


def launch_links(soup):
    """``{"Binder": href, "Colab": href}`` from the page's launch menu."""
    menu = soup.find("div", class_="dropdown-launch-buttons")
    assert menu is not None, "no launch button on the page"
    return {a.get_text(strip=True): a["href"] for a in menu.find_all("a", href=True)}


def repository_path(url):
    """The file in the repository that a Binder or Colab launch URL opens."""
    parts = urlsplit(url)
    if "urlpath" in parse_qs(parts.query):  # Binder: ...?urlpath=lab/tree/PATH
        urlpath = parse_qs(parts.query)["urlpath"][0]
        return urlpath.split("/tree/", 1)[1]
    segments = parts.path.split("/")  # Colab: /github/ORG/REPO/blob/BRANCH/PATH
    assert segments[1] == "github" and segments[4] == "blob", url
    return "/".join(segments[6:])


def test_the_repository_is_a_github_repository_with_a_branch():
    assert URL.startswith("https://github.com/") and ORG_REPO.count("/") == 1, URL
    assert BRANCH and CONFIG["repository"]["branch"] == BRANCH
    assert CONFIG["launch_buttons"]["binderhub_url"] and CONFIG["launch_buttons"]["colab_url"]


def test_there_are_chapter_pages_to_check():
    assert "one_neuron" in CHAPTERS


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_page_launches_its_notebook_in_binder_and_colab(name, book_html):
    links = launch_links(parse(book_html / "chapters" / f"{name}.html"))
    assert links == expected_launch_urls(name)


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_launch_url_opens_a_notebook_present_in_the_repository(name, book_html):
    for service, url in launch_links(parse(book_html / "chapters" / f"{name}.html")).items():
        path = repository_path(url)
        assert path == f"chapters/{name}.ipynb", f"{service} opens {path}"
        assert (ROOT / path).is_file(), f"{service} opens {path}, which does not exist: run `make notebooks`"
        nbformat.validate(nbformat.read(ROOT / path, as_version=4))
        if shutil.which("git") and (ROOT / ".git").exists():
            ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0
            assert not ignored, f"{path} is git-ignored, so it would not be on {URL}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_page_offers_its_source_and_notebook_for_download(name, book_html):
    page = book_html / "chapters" / f"{name}.html"
    menu = parse(page).find("div", class_="dropdown-download-buttons")
    assert menu is not None, "no download button on the page"
    links = {a.get_text(strip=True): a["href"] for a in menu.find_all("a", href=True)}
    assert set(links) >= {".md", ".ipynb"}, links
    source = (page.parent / links[".md"]).resolve()
    assert source.read_bytes() == (ROOT / "chapters" / f"{name}.md").read_bytes()
    # The notebook offered is the verified one (executed, with its setup cell), byte for byte.
    notebook = (page.parent / links[".ipynb"]).resolve()
    assert notebook.read_bytes() == (ROOT / "chapters" / f"{name}.ipynb").read_bytes()
