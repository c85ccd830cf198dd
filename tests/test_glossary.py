"""The glossary, the notation page and the index: every term defined once, listed in the index,
and marked where the book first uses it."""

import re

from tests.built_pages import parse
from tools.verified_notebooks import CHAPTERS

GLOSSARY = CHAPTERS / "glossary.md"


def glossary_entries():
    """``{term: chapter label of its first use}`` from chapters/glossary.md."""
    body = GLOSSARY.read_text().split("```{glossary}", 1)[1].split("\n```", 1)[0]
    entries = re.findall(r"^(\S[^\n]*)\n((?:  [^\n]*\n?)+)", body, flags=re.M)
    assert entries, "no glossary entries"
    found = {}
    for term, definition in entries:
        first = re.search(r"First used in \{ref\}`([^`]+)`", re.sub(r"\s+", " ", definition))
        assert first, f"the glossary entry {term!r} does not say where the book first uses it"
        found[term] = first.group(1)
    return found


def test_every_term_is_in_the_index_with_a_link_to_its_definition(book_html):
    index = parse(book_html / "genindex.html").find("main")
    links = {a.get_text(strip=True): a["href"] for a in index.select("a") if a.get("href", "").startswith("chapters/")}
    for term in glossary_entries():
        assert term in links, f"the index does not list {term!r}"
        assert links[term].startswith("chapters/glossary.html#term-"), links[term]


def test_each_first_use_names_a_chapter_of_the_book():
    labels = {
        label
        for source in CHAPTERS.glob("*.md")
        for label in re.findall(r"^\(([\w-]+)\)=$", source.read_text(), flags=re.M)
    }
    for term, label in glossary_entries().items():
        assert label in labels, f"{term!r}: first used in {label!r}, which is no chapter label"


def test_notation_gives_each_symbol_one_meaning():
    rows = re.findall(r"^\| (\$[^|]+\$)[^|]*\|", (CHAPTERS / "notation.md").read_text(), flags=re.M)
    symbols = [s.strip() for row in rows for s in row.split(",")]
    assert len(symbols) == len(set(symbols)), sorted({s for s in symbols if symbols.count(s) > 1})
    assert "$\\varepsilon$" in symbols and "$\\xi$" in symbols
