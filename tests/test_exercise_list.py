"""_ext/exercise_list.py and chapters/exercises.md: every exercise of the book listed on one page."""

import copy
import re
from urllib.parse import urlsplit

from tests.built_pages import parse
from tools.verified_notebooks import CHAPTERS, ROOT


def exercise_labels():
    """``{label: chapter}`` of every ``{exercise}`` in the chapters' sources."""
    found = {}
    for source in sorted(CHAPTERS.glob("*.md")):
        for label in re.findall(r"^```\{exercise\}\n:label: (\S+)$", source.read_text(), flags=re.M):
            found[label] = source.stem
    return found


def listed(book_html):
    page = copy.copy(parse(book_html / "chapters" / "exercises.html").find("main"))  # changed below
    entries = []
    for item in page.select("section li"):
        a = item.select_one("p > a.reference.internal:first-child")  # the entry's own link
        for math in item.select("span.math"):
            math.replace_with("MATH")  # what MathJax typesets; the rest must be plain text
        entries.append((a["href"], a.get_text(strip=True), item.get_text(" ", strip=True)))
    return entries


def test_every_exercise_is_listed_once_with_a_link_to_it(book_html):
    labels = exercise_labels()
    assert labels, "no exercise in the chapters"
    entries = listed(book_html)
    targets = [urlsplit(href) for href, _, _ in entries]
    assert sorted(f"{t.path.removesuffix('.html')}#{t.fragment}" for t in targets) == sorted(
        f"{chapter}#{label}" for label, chapter in labels.items()
    )
    pages = {path: parse(book_html / "chapters" / path) for path in {target.path for target in targets}}
    for target in targets:
        assert pages[target.path].find(id=target.fragment) is not None, f"{target.geturl()} links to nothing"


def test_entries_are_numbered_and_say_what_the_exercise_asks(book_html):
    for _, number, text in listed(book_html):
        assert re.fullmatch(r"Exercise \d+(\.\d+)*", number), number
        assert len(text) > len(number) + 10, f"{number} has no summary: {text!r}"
        assert "\\" not in text and "$" not in text, f"raw TeX outside math: {text!r}"


def test_the_list_follows_the_table_of_contents(book_html):
    toc = (ROOT / "_toc.yml").read_text()
    chapters = [chapter for chapter in dict.fromkeys(exercise_labels().values())]
    listed_order = list(dict.fromkeys(urlsplit(href).path.removesuffix(".html") for href, _, _ in listed(book_html)))
    assert listed_order == sorted(chapters, key=lambda name: toc.index(f"chapters/{name}\n"))
