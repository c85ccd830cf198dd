"""The chapters show nbnp's own source, never a copy that can drift.

Chapters include the package's code with Sphinx's ``literalinclude`` and
``:pyobject:`` (the layer-classes chapter walks through the layers method by
method; the architectures chapter shows ``train``). These tests read every
chapter's directives and check, by construction, that each names an object of
the package and that Sphinx's own reader extracts exactly that object's current
source (``inspect.getsource``); then that the built pages show that text, and
that no chapter pastes a copy of the package's code instead.
"""

import importlib
import inspect
import re
import textwrap
from types import SimpleNamespace

import pytest
import yaml
from sphinx.directives.code import LiteralIncludeReader

from tests.built_pages import parse
from tools.verified_notebooks import CHAPTERS, ROOT

LAYER_CLASSES = CHAPTERS / "layer_classes.md"
#: The objects the layer-classes chapter must walk through; classes method by method or whole.
REQUIRED = {"LinearLayer", "SigmoidLayer", "initialize_parameters", "compute_cost"}
#: Options that cut a part out of the object instead of showing all of it.
PARTIAL = {"start-at", "start-after", "end-at", "end-before", "lines"}
DIRECTIVE = re.compile(r"^```\{literalinclude\}[ \t]+(\S+)[ \t]*\n((?::[\w-]+:.*\n)*)```[ \t]*$", re.M)
FENCE = re.compile(r"^(`{3,}|~{3,})([^\n]*)\n(.*?)^\1[ \t]*$", re.M | re.S)


def parse_directives(text):
    """Return ``[(path, options)]`` for every literalinclude in a MyST text, in order."""
    found = []
    for match in DIRECTIVE.finditer(text):
        options = {}
        for line in match.group(2).splitlines():
            name, _, value = line[1:].partition(":")
            options[name] = yaml.safe_load(value) if value.strip() else None
        found.append((match.group(1), options))
    return found


def read_include(path, options):
    """The text Sphinx puts on the page for one literalinclude (its own reader)."""
    config = SimpleNamespace(source_encoding="utf-8-sig")
    text, _ = LiteralIncludeReader(str(CHAPTERS / path), dict(options), config).read()
    return text


def module_of(path):
    """The imported nbnp module for an included path such as ``../nbnp/layers.py``."""
    file = (CHAPTERS / path).resolve()
    assert file.parent == ROOT / "nbnp", f"{path} is not a module of the nbnp package"
    return importlib.import_module(f"nbnp.{file.stem}"), file


def resolve(module, dotted):
    obj = module
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def squash(text):
    """Collapse whitespace, as HTML rendering may."""
    return re.sub(r"\s+", " ", text).strip()


#: ``{chapter file: [(path, options)]}`` for every chapter with an include.
DIRECTIVES = {
    chapter: found for chapter in sorted(CHAPTERS.glob("*.md")) if (found := parse_directives(chapter.read_text()))
}
INCLUDES = [(chapter, path, options) for chapter, found in DIRECTIVES.items() for path, options in found]
PYOBJECT = [(path, options) for path, options in DIRECTIVES[LAYER_CLASSES] if "pyobject" in options]
#: What a pasted copy of the package would contain: its own classes' and functions' definitions.
DEFINITIONS = (
    "class LinearLayer",
    "class SigmoidLayer",
    "def compute_cost(",
    "def initialize_parameters(",
    "def forward_pass(",
    "def backward_pass(",
    "def train(",
)
#: A run of this many consecutive source lines of a package module, found in a chapter's code, is a paste.
PASTE_RUN = 3


def significant_lines(text):
    """The stripped non-blank lines of a text (indentation and blank lines do not hide a copy)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def package_runs():
    """Every run of PASTE_RUN consecutive significant lines of every module of nbnp."""
    runs = set()
    for module in sorted((ROOT / "nbnp").glob("*.py")):
        lines = significant_lines(module.read_text())
        runs |= {tuple(lines[i : i + PASTE_RUN]) for i in range(len(lines) - PASTE_RUN + 1)}
    return runs


PACKAGE_RUNS = package_runs()


def pasted_runs(body):
    """The runs of ``body`` that are copied from the package's source."""
    lines = significant_lines(body)
    return [run for i in range(len(lines) - PASTE_RUN + 1) if (run := tuple(lines[i : i + PASTE_RUN])) in PACKAGE_RUNS]


def include_id(item):
    chapter, path, options = item
    return f"{chapter.stem}:" + (options.get("pyobject") or f"{path}:{options.get('start-at', '')}")


def test_the_directive_parser_reads_paths_and_options():
    text = "```{literalinclude} ../nbnp/layers.py\n:pyobject: LinearLayer.forward\n:dedent:\n```\n"
    assert parse_directives(text) == [("../nbnp/layers.py", {"pyobject": "LinearLayer.forward", "dedent": None})]


def test_two_chapters_include_source():
    assert {chapter.name for chapter in DIRECTIVES} >= {"layer_classes.md", "architectures.md"}


def test_layer_classes_includes_the_four_objects_and_every_method():
    targets = {options["pyobject"] for _, options in PYOBJECT}
    assert REQUIRED <= {target.split(".")[0] for target in targets}, f"missing: {REQUIRED - targets}"
    import nbnp

    for name in ("LinearLayer", "SigmoidLayer"):
        # Every method of the lesson; the ``_check`` helpers and the like hold the input checks, kept
        # out of the listings so that a method shows its arithmetic (the page holds the lesson).
        methods = {
            f"{name}.{m}"
            for m, v in vars(getattr(nbnp, name)).items()
            if inspect.isfunction(v) and (m == "__init__" or not m.startswith("_"))
        }
        shown_whole = any(t == name and not PARTIAL & set(o) for t, o in ((o["pyobject"], o) for _, o in PYOBJECT))
        assert shown_whole or methods <= targets, f"{name}: methods not shown: {sorted(methods - targets)}"


@pytest.mark.parametrize("include", INCLUDES, ids=include_id)
def test_every_include_shows_the_current_source_of_its_object(include):
    _, path, options = include
    module, file = module_of(path)
    text = read_include(path, options)
    assert text.strip(), f"{include_id(include)} includes nothing"
    if "pyobject" not in options:
        assert text in inspect.getsource(module)
        return
    obj = resolve(module, options["pyobject"])
    assert inspect.getsourcefile(obj) == str(file)
    source = inspect.getsource(obj)
    if "dedent" in options:
        source = textwrap.dedent(source)
    if PARTIAL & set(options):
        assert text in source
    else:
        assert text.rstrip("\n") == source.rstrip("\n")


@pytest.mark.parametrize("chapter", sorted(CHAPTERS.glob("*.md")), ids=lambda chapter: chapter.stem)
def test_no_chapter_pastes_a_copy_of_the_package(chapter):
    """A reader's own layer (an exercise's TanhLayer) may define forward and backward; a copy may not appear."""
    for _fence, info, body in FENCE.findall(chapter.read_text()):
        if "literalinclude" in info:
            continue
        for definition in DEFINITIONS:
            assert definition not in body, f"a fenced block {info.strip()!r} pastes {definition!r}: include it instead"
        copied = pasted_runs(body)
        assert not copied, f"a fenced block {info.strip()!r} copies nbnp's source {copied[0]}: include it instead"


def test_the_no_paste_check_finds_a_pasted_method():
    """Negative control: a code cell holding a method of the package, re-indented, is found."""
    import nbnp

    method = textwrap.indent(textwrap.dedent(inspect.getsource(nbnp.LinearLayer.backward)), "  ")
    pasted = f"```{{code-cell}} ipython3\nclass Mine:\n{method}```\n"
    bodies = [body for _, _, body in FENCE.findall(pasted)]
    assert bodies and any(pasted_runs(body) for body in bodies)


def test_the_no_paste_check_accepts_a_layer_of_ones_own():
    """Positive control: a new layer with the same interface is not a copy."""
    own = (
        "class Tanh:\n    def __init__(self, shape):\n        self.A = np.zeros(shape)\n\n"
        "    def forward(self, Z):\n        self.A = np.tanh(Z)\n        return self.A\n"
    )
    assert not pasted_runs(own)


@pytest.mark.parametrize("chapter", DIRECTIVES, ids=lambda chapter: chapter.stem)
def test_the_built_page_shows_the_included_source(book_html, chapter):
    path = book_html / "chapters" / f"{chapter.stem}.html"
    main = parse(path).find("main")
    # literalinclude renders as `highlight-python`; the notebook's code cells as `highlight-ipython3`.
    shown = [pre.get_text() for pre in main.select("div.highlight-python pre")]
    directives = DIRECTIVES[chapter]
    assert len(shown) == len(directives), f"{len(shown)} listings on the page, {len(directives)} in the chapter"
    for (include_path, options), html_text in zip(directives, shown, strict=False):
        expected = read_include(include_path, options)
        assert squash(html_text) == squash(expected), f"{include_path} {options} is stale: run `make book`"
        if "pyobject" in options and not PARTIAL & set(options):
            module, _ = module_of(include_path)
            source = inspect.getsource(resolve(module, options["pyobject"]))
            assert squash(html_text) == squash(source)


#: The book's code column at a 1280-pixel window (tests/test_browser.py checks the pages themselves).
CODE_COLUMN = 77


@pytest.mark.parametrize("include", INCLUDES, ids=include_id)
def test_every_included_line_fits_the_code_column(include):
    _, path, options = include
    wide = [line for line in read_include(path, options).splitlines() if len(line) > CODE_COLUMN]
    assert not wide, f"{include_id(include)}: lines wider than {CODE_COLUMN} columns: {wide}"
