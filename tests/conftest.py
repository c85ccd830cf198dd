import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: in .ci/run only (`make test-slow`): the Binder environment, the wrong-solutions control"
    )
    config.addinivalue_line("markers", "browser: drives headless Chromium; `make browser` installs it")
    config.addinivalue_line("markers", "pdf: reads _build/pdf/nothing-but-numpy.pdf; `make test-pdf` builds it first")


@pytest.fixture
def rng():
    return np.random.default_rng(20261123)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def book_html():
    """The built HTML book: ``$BOOK_HTML`` if set (a private build), else ``_build/html``."""
    from tools.verified_notebooks import ROOT

    html = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
    if not (html / "index.html").exists():
        pytest.fail(f"{html / 'index.html'} does not exist: run `make book` first")
    return html


# The browser tests (tests/test_browser*.py, helpers in tests/browser.py). Session-scoped, so the
# three files share one Chromium, one server and one load of every page at each width.
@pytest.fixture(scope="session")
def server(book_html):
    """The built book on http://127.0.0.1:<a free port>."""
    from tools.chromium import serve

    with serve(book_html) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """A headless Chromium context that refuses every host but 127.0.0.1 (tests/browser.py)."""
    from tests.browser import chromium

    with chromium(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


@pytest.fixture(scope="session")
def book_in_browser(browser, server, book_html):
    """Every page of the book at 1280 and at 390 px, each opened once, with the results of every
    browser test file's ``PAGE_SCRIPTS``: ``{(width, page): {key: result}}`` (tests/browser.py's
    ``open_pages``)."""
    from tests import test_browser, test_browser_figures, test_browser_fit
    from tests.browser import open_pages
    from tests.built_pages import pages, redirects

    scripts = {}
    for module in (test_browser, test_browser_fit, test_browser_figures):
        assert not scripts.keys() & module.PAGE_SCRIPTS.keys(), f"{module.__name__} reuses a script's name"
        scripts.update(module.PAGE_SCRIPTS)
    names = [path.relative_to(book_html).as_posix() for path in pages(book_html)]
    return open_pages(browser, server, names, scripts, redirects=redirects(book_html))
