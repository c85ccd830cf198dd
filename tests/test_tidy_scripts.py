"""_ext/tidy_scripts.py: the Sphinx extension that drops repeated inline scripts and unused thebe scripts."""

import sys
from types import SimpleNamespace

import pytest
from sphinx.builders.html._assets import _JavaScript

from tools.verified_notebooks import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import tidy_scripts  # noqa: E402


@pytest.fixture
def js():
    """Sphinx's own script entries (made in a fixture: pytest's doctest collection would trip a
    Sphinx deprecation warning by inspecting them at module level)."""
    return SimpleNamespace(
        toggle=_JavaScript(None, body="var togglebuttonSelector = '.toggle';"),
        thebe_config=_JavaScript(None, body='const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"'),
        thebe=_JavaScript("sphinx-thebe.js", **{"async": "async"}),
        mathjax=_JavaScript("mathjax/tex-chtml.js", defer="defer"),
    )


def test_repeated_inline_scripts_are_written_once_in_order(js):
    # Sphinx 7.4 re-adds a late inline script with filename '' instead of None.
    repeat = _JavaScript("", body=js.toggle.attributes["body"])
    assert tidy_scripts.tidy([js.toggle, js.mathjax, repeat, js.mathjax], thebe=True) == [js.toggle, js.mathjax]


def test_thebe_scripts_are_dropped_only_when_thebe_is_off(js):
    scripts = [js.toggle, js.thebe_config, js.thebe, js.mathjax]
    assert tidy_scripts.tidy(scripts, thebe=False) == [js.toggle, js.mathjax]
    assert tidy_scripts.tidy(scripts, thebe=True) == scripts


def test_different_inline_scripts_are_all_kept(js):
    other = _JavaScript(None, body="var togglebuttonSelector = '.other';")
    assert tidy_scripts.tidy([js.toggle, other], thebe=False) == [js.toggle, other]


@pytest.mark.parametrize("thebe", [False, True])
def test_the_page_context_is_tidied_from_the_launch_button_settings(js, thebe):
    app = SimpleNamespace(config=SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": thebe}}))
    context = {"script_files": [js.toggle, js.thebe, js.toggle]}
    tidy_scripts.tidy_page(app, "chapters/x", "page.html", context, None)
    assert context["script_files"] == ([js.toggle, js.thebe] if thebe else [js.toggle])
