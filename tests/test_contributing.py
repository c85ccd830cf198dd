"""CONTRIBUTING.md's chapter skeleton is a chapter: it builds strictly (in ``make test``) and its verified
notebook passes nbval (in the slow tier, ``make test-slow``, which ``.ci/run`` runs)."""

import re
import subprocess
import sys

import pytest

from tests.built_pages import build_one_page_book
from tools.verified_notebooks import ROOT, generate

GUIDE = ROOT / "CONTRIBUTING.md"


def skeleton():
    blocks = re.findall(r"^````md\n(.*?)^````$", GUIDE.read_text(), flags=re.S | re.M)
    assert len(blocks) == 1, "CONTRIBUTING.md must hold one ````md block: the chapter skeleton"
    return blocks[0]


def test_the_skeleton_follows_the_rules_it_states():
    text = skeleton()
    assert "format_name: myst" in text
    assert re.search(r"glue_number\(\"(\w+)\"", text) and "{glue:text}`y_hat_example" in text
    assert ":tags: [remove-cell]" in text and "np.testing" in text
    assert "{exercise}" in text and "{solution-start}" in text and "{solution-end}" in text


@pytest.fixture(scope="module")
def one_chapter_book(tmp_path_factory):
    """The skeleton as the only chapter of a book with this book's configuration, built strictly."""
    book = tmp_path_factory.mktemp("skeleton-book")
    build_one_page_book(book, "skeleton", skeleton())
    return book


def test_the_skeleton_builds_strictly(one_chapter_book):
    page = (one_chapter_book / "_build" / "html" / "chapters" / "skeleton.html").read_text()
    assert "The neuron’s output at" in page or "The neuron's output at" in page
    assert ">0.5<" in page, "the glued value is on the page"


@pytest.mark.slow  # two more runs of the chapter; nbval runs on every chapter in the slow tier too
def test_the_skeletons_verified_notebook_passes_nbval(one_chapter_book):
    notebook = generate(one_chapter_book / "chapters" / "skeleton.md")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(ROOT / "tests" / "sanitize.cfg"),
            str(notebook),
        ],
        capture_output=True,
        text=True,
        cwd=one_chapter_book,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert re.search(r"\b[3-9] passed", run.stdout), run.stdout[-500:]
