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
