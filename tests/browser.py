"""Headless Chromium for the browser tests (``tests/test_browser*.py``): a local server, a browser
that refuses every other host, and every page of a built book opened once per width.

Chromium is Debian's ``chromium`` (``make chromium`` installs it when missing), driven by
Playwright, which cannot download a browser here. Every request that leaves 127.0.0.1 is
refused by Chromium itself (it is sent to a proxy that does not exist; only the loopback address
bypasses proxies) and recorded against the page that made it when it fails, so the pages are
checked as a reader with no network would see them. (Intercepting every request in Playwright
would do the same at a cost: each request's round trip through Python took a fifth of the CPU
time of the browser tests.)

:func:`open_pages` is why the three test files cost one load per page: it opens several pages at
a time, waits until MathJax has typeset and every font and image is ready, runs every test
file's script on it at each width, and closes it. The tests then read the results
(``conftest.py``'s ``book_in_browser`` fixture).
"""

import collections
import contextlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.chromium import CHROMIUM, CHROMIUM_ARGS

# Every request but the loopback address's goes to this proxy, and no proxy listens there (port 9 is
# "discard", closed here): Chromium fails the request before anything leaves the machine.
NO_PROXY_THERE = "--proxy-server=http://127.0.0.1:9"
WIDTHS = {1280: 900, 390: 844}  # a laptop's window and a phone's, width: height
AT_ONCE = 4  # pages loading side by side

# Resolves when MathJax has typeset the page (MathJax typesets after the page has loaded).
MATHJAX_DONE = "() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null"
# Resolves after the next frame (the page's resize handlers have run by then) once any new font is ready;
# the scripts that measure force the new layout themselves.
RELAID_OUT = "() => new Promise(done => requestAnimationFrame(done)).then(() => document.fonts.ready).then(() => null)"
# Resolves when the fonts MathJax asked for and every image are ready (images set a page's height).
FONTS_AND_IMAGES = (
    "() => Promise.all([document.fonts.ready, ...Array.from(document.images).map(i => i.decode().catch(() => null))])"
)


@contextlib.contextmanager
def chromium(profile):
    """A Chromium context with a fresh profile in ``profile``, which refuses every host but 127.0.0.1."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=[*CHROMIUM_ARGS, NO_PROXY_THERE],
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


class Visit:
    """One page opened in a window ``width`` pixels wide, with everything that went wrong while loading it.

    The constructor starts the load and returns; :meth:`settle` waits for it to finish, on the page
    at ``arrives`` (a redirect's target) if given.
    """

    def __init__(self, context, url, width=1280, arrives=None):
        self.arrives = arrives or url
        self.page = context.new_page()
        self.errors, self.failed, self.external = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", lambda r: self.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
        self.page.set_viewport_size({"width": width, "height": WIDTHS.get(width, 900)})
        self.page.goto(url, wait_until="commit")

    def settle(self):
        """Wait until the page has loaded, MathJax has typeset it and every font and image is ready.

        (Not Playwright's "networkidle": with several pages loading, Chromium can fail to report it.)
        """
        self.page.wait_for_url(self.arrives, wait_until="load")
        self.page.evaluate(MATHJAX_DONE)
        self.page.evaluate(FONTS_AND_IMAGES)
        return self

    def _failed(self, request):
        self.failed.append(f"{request.url} ({request.failure})")
        if urlsplit(request.url).hostname not in (None, "127.0.0.1"):
            self.external.append(request.url)


def open_page(context, url, width=1280):
    """A page, loaded and typeset (the caller closes ``.page``)."""
    return Visit(context, url, width).settle()


def open_pages(context, base, names, scripts, widths=WIDTHS, screenshots=None, at_once=AT_ONCE, redirects=None):
    """Open every page ``base/name`` and measure it at every width, ``at_once`` pages loading side by side.

    A page is loaded once, at the first width, and then the window is resized to each other width: the
    book's layout follows the window's width through CSS alone, so a resized page is laid out as one
    loaded at that width, and a load (with MathJax typesetting every formula) costs ten times a resize.

    Returns ``{(width, name): {"errors": [...], "failed": [...], "external": [...], key: result}}`` with the
    result of every script of ``scripts`` (``{key: JavaScript function}``); the first three are what went
    wrong while loading, the same at every width. With ``screenshots`` (a folder), a screenshot of each
    whole page goes to ``screenshots/WIDTH/NAME.png`` (``/`` in a name becomes ``_``). ``redirects`` maps
    a page that redirects to the page it arrives at (``{"index.html": "chapters/intro.html"}``).
    """
    redirects = redirects or {}
    first, *others = widths
    waiting = collections.deque(names)
    loading = collections.deque()
    found = {}
    while waiting or loading:
        while waiting and len(loading) < at_once:
            name = waiting.popleft()
            arrives = f"{base}/{redirects[name]}" if name in redirects else None
            loading.append((name, Visit(context, f"{base}/{name}", first, arrives)))
        name, visit = loading.popleft()
        try:
            visit.settle()
            for width in (first, *others):
                if width != first:
                    visit.page.set_viewport_size({"width": width, "height": widths[width]})
                    visit.page.evaluate(RELAID_OUT)
                result = {key: visit.page.evaluate(script) for key, script in scripts.items()}
                if screenshots is not None:
                    shot = Path(screenshots) / str(width) / name.replace("/", "_").replace(".html", ".png")
                    shot.parent.mkdir(parents=True, exist_ok=True)
                    visit.page.screenshot(path=shot, full_page=True)
                found[width, name] = {"errors": visit.errors, "failed": visit.failed, "external": visit.external}
                found[width, name].update(result)
        finally:
            visit.page.close()
    return found
