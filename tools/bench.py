"""Benchmarks of the book's edit-build-test loop and of nbnp's speed (``make bench``).

Prints one table. Not a test: pytest does not collect this file (its name does
not start with ``test_``), and nothing here fails on a slow machine; it reports.

- the book: a clean build with execution forced (``execute_notebooks: force``)
  into ``/tmp/bench-build`` (never the shared ``_build``), as ``make book`` runs
  it (``tools/book.py``, the chapters read in parallel) and one chapter at a
  time (``--jobs 1``), a rebuild with nothing changed, and a clean build of a
  copy of the book cut to the first half of each part's chapters: the
  difference, divided by the chapters left out, is what one more chapter costs
  the build;
- the tests: ``make test`` end to end as a contributor runs it, then each of
  its steps alone (``nbnp-tests``, ``lint``, ``book-tests`` with the seconds
  per chapter of its per-chapter tests, read from pytest's JUnit XML,
  ``browser`` with the seconds per page of opening and measuring every page),
  and what one more chapter adds to ``make test``: the build's slope plus half
  of the two check steps' (they share the two cores); then the steps ``.ci/run``
  adds (``make test-matrix``, ``make pdf``) and nbval on each chapter alone
  (each run also pays pytest's start-up), unless ``--skip-ci``;
- ``nbnp.train`` against a hand-written NumPy loop of the same network, timed in
  the same run with interleaved repetitions: the 2-3-1 XOR network for 5000
  epochs (target: within 1.15x), and a 784-256-10 sigmoid network on 10,000
  synthetic examples, where matrix products dominate (target: within 1.05x).
  The ratio is the median of the per-repetition ratios (nbnp / loop). The loop
  is checked to give the same costs and final weights as nbnp, so both do the
  same arithmetic;
- Part I's speed-up of vectorized gradients over a per-example loop, one sigmoid
  neuron on 20,000 examples (``nbnp.loops``, as in the chapter on batch gradient descent).

Usage: ``python tools/bench.py [--skip-book] [--skip-tests] [--skip-ci] [--skip-training]``.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import yaml

import nbnp
from nbnp.loops import gradients_by_loop, gradients_vectorized

ROOT = Path(__file__).resolve().parent.parent

PYTHON = sys.executable
BUILD = Path("/tmp/bench-build")
rows = []


def report(what, value, note=""):
    rows.append((what, value, note))
    print(f"  {what}: {value} {note}".rstrip(), flush=True)


def timed_command(command, env=None):
    """Run ``command`` in the repository; return (seconds, exit status)."""
    start = time.perf_counter()
    status = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - start, status


def seconds(value, status=0):
    return f"{value:.1f} s" + ("" if status == 0 else f" (exit status {status})")


def build_command(path_output, root=ROOT, jobs=None, strict=True):
    """`make book`'s command (tools/book.py), with ``jobs`` reading processes if given; ``strict=False``
    leaves out ``-W`` (the half book's references into the chapters it leaves out cannot resolve)."""
    return [
        PYTHON,
        "-m",
        "tools.book",
        *([f"--jobs={jobs}"] if jobs else []),
        "build",
        *(["-W", "-n"] if strict else []),
        "--keep-going",
        "--path-output",
        str(path_output),
        str(root),
    ]


def chapter_count(toc):
    return sum(len(part["chapters"]) for part in toc["parts"]) + 1  # the root page


def half_book(folder):
    """A copy of the book whose table of contents keeps the first half of each part's chapters."""
    shutil.rmtree(folder, ignore_errors=True)
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    for part in toc["parts"]:
        part["chapters"] = part["chapters"][: max(1, len(part["chapters"]) // 2)]
    (folder / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    return chapter_count(toc)


def bench_book():
    """A clean build and a rebuild in /tmp/bench-build; the clean build of a half-length book, for the slope."""
    chapters = chapter_count(yaml.safe_load((ROOT / "_toc.yml").read_text()))
    shutil.rmtree(BUILD, ignore_errors=True)
    serial, status = timed_command(build_command(BUILD, jobs=1))
    report(f"book: clean build, one chapter at a time (--jobs 1; {chapters} pages)", seconds(serial, status))
    shutil.rmtree(BUILD, ignore_errors=True)
    clean, status = timed_command(build_command(BUILD))
    report(
        f"book: clean build as make book runs it, chapters read in parallel ({os.cpu_count()} processes)",
        seconds(clean, status),
    )
    again, status = timed_command(build_command(BUILD))
    report("book: rebuild, nothing changed (execution cache: never used by a test)", seconds(again, status))
    half_root = Path("/tmp/bench-half-book")
    half = half_book(half_root)
    shutil.rmtree(BUILD.with_name("bench-half-build"), ignore_errors=True)
    half_time, status = timed_command(build_command(BUILD.with_name("bench-half-build"), half_root, strict=False))
    report(f"book: clean build of the first half of each part ({half} pages)", seconds(half_time, status))
    slope = (clean - half_time) / (chapters - half)
    report("book: seconds per added chapter (slope of the two clean builds)", f"{slope:.1f} s")
    return slope


def per_chapter_share(junit, chapters):
    """Seconds of the tests that run once per chapter or page, from pytest's JUnit XML, per chapter."""
    import xml.etree.ElementTree as ET

    cases = ET.parse(junit).getroot().iter("testcase")
    per_page = sum(float(case.get("time", 0)) for case in cases if "[" in case.get("name", ""))
    return per_page / chapters


def browser_seconds_per_page():
    """Open and measure every page of _build/html as `make browser` does (tests/browser.py); seconds per page."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from tests import test_browser, test_browser_figures, test_browser_fit
    from tests.browser import chromium, open_pages
    from tests.built_pages import pages, redirects
    from tools.chromium import serve

    html = ROOT / "_build" / "html"
    scripts = {**test_browser.PAGE_SCRIPTS, **test_browser_fit.PAGE_SCRIPTS, **test_browser_figures.PAGE_SCRIPTS}
    names = [path.relative_to(html).as_posix() for path in pages(html)]
    with tempfile.TemporaryDirectory() as profile, serve(html) as url, chromium(profile) as context:
        start = time.perf_counter()
        open_pages(context, url, names, scripts, redirects=redirects(html))
        return (time.perf_counter() - start) / len(names)


def bench_tests(build_slope=None, ci=True):
    """Time `make test` as a contributor runs it, then each of its steps alone; with ``ci``, .ci/run's steps."""
    chapters = chapter_count(yaml.safe_load((ROOT / "_toc.yml").read_text()))
    elapsed, status = timed_command(["make", "-s", "test"])
    report(
        f"make test (book and nbnp's tests, then lint, book-tests and browser side by side; {chapters} pages)",
        seconds(elapsed, status),
    )
    per_chapter = {}
    for target, what in (
        ("nbnp-tests", "nbnp's unit tests and doctests; in make test they run while the book builds"),
        ("lint", "ruff"),
        ("book-tests", "built pages, build outputs against the notebooks, tools, workflows"),
        ("browser", "every page in headless Chromium, loaded once, measured at 1280 and 390 px"),
    ):
        junit = Path(f"/tmp/bench-{target}.xml")
        env = dict(os.environ, PYTEST_ADDOPTS=f"--junitxml={junit}")
        elapsed, status = timed_command(["make", "-s", target], env=env)
        note = ""
        if target == "book-tests" and junit.exists():
            per_chapter[target] = per_chapter_share(junit, chapters)
            note = f"{per_chapter[target]:.1f} s per chapter"
        report(f"make test step alone: make {target} ({what})", seconds(elapsed, status), note)
        junit.unlink(missing_ok=True)
    per_chapter["browser"] = browser_seconds_per_page()
    report("make browser: opening and measuring one page at both widths", f"{per_chapter['browser']:.2f} s per page")
    if build_slope is not None and "book-tests" in per_chapter:
        report(
            "make test: seconds per added chapter (build slope + half of book-tests' and browser's)",
            f"{build_slope + (per_chapter['book-tests'] + per_chapter['browser']) / 2:.1f} s",
        )
    if not ci:
        return
    for target, what in (
        ("nbval", "every verified notebook re-executed and compared"),
        ("test-oldest", "nbnp's unit tests and nbval on NumPy 1.26"),
        ("test-slow", "the Binder environment, wrong solutions, screenshots, parallel build's controls"),
        ("reproducible", "every notebook regenerated, compared with the committed one"),
    ):
        elapsed, status = timed_command(["make", "-s", target])
        report(
            f".ci/run adds: make {target} ({what})",
            seconds(elapsed, status),
            f"{elapsed / chapters:.1f} s per chapter" if target in ("nbval", "reproducible") else "",
        )
    elapsed, status = timed_command(["make", "-s", "pdf"])
    report(".ci/run adds: make pdf (single-page build, every chapter executed, printed)", seconds(elapsed, status))
    elapsed, status = timed_command([PYTHON, "-m", "pytest", "-q", "-m", "pdf"])
    report(".ci/run adds: the PDF's tests (make test-pdf after make pdf)", seconds(elapsed, status))
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        elapsed, status = timed_command(
            [
                PYTHON,
                "-m",
                "pytest",
                "-q",
                "--nbval",
                "--nbval-current-env",
                "--nbval-sanitize-with",
                "tests/sanitize.cfg",
                str(notebook.relative_to(ROOT)),
            ]
        )
        report(f"nbval alone: {notebook.name}", seconds(elapsed, status))


# --- nbnp against a hand-written loop -------------------------------------------------------


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def hand_written_training(X, Y, params, epochs, learning_rate):
    """Full-batch gradient descent on a 2-layer sigmoid network, written out with no nbnp and no checks;
    the cost of each epoch is recorded, as ``nbnp.train`` does."""
    W1, b1, W2, b2 = (p.copy() for p in params)
    m = X.shape[1]
    costs = []
    for _ in range(epochs):
        A1 = sigmoid(W1 @ X + b1)
        A2 = sigmoid(W2 @ A1 + b2)
        costs.append(float(np.sum((Y - A2) ** 2) / (2 * m)))
        dA2 = -(Y - A2) / m
        dZ2 = dA2 * A2 * (1 - A2)
        dW2, db2 = dZ2 @ A1.T, np.sum(dZ2, axis=1, keepdims=True)
        dA1 = W2.T @ dZ2
        dZ1 = dA1 * A1 * (1 - A1)
        dW1, db1 = dZ1 @ X.T, np.sum(dZ1, axis=1, keepdims=True)
        W1, b1 = W1 - learning_rate * dW1, b1 - learning_rate * db1
        W2, b2 = W2 - learning_rate * dW2, b2 - learning_rate * db2
    return W1, b1, W2, b2, np.array(costs)


def nbnp_training(X, Y, params, epochs, learning_rate):
    W1, b1, W2, b2 = params
    m = X.shape[1]
    layers = [
        nbnp.LinearLayer(X.shape, W1.shape[0]),
        nbnp.SigmoidLayer((W1.shape[0], m)),
        nbnp.LinearLayer((W1.shape[0], m), W2.shape[0]),
        nbnp.SigmoidLayer((W2.shape[0], m)),
    ]
    for layer, W, b in ((layers[0], W1, b1), (layers[2], W2, b2)):
        layer.params["W"], layer.params["b"] = W.copy(), b.copy()
    costs = nbnp.train(layers, X, Y, epochs=epochs, learning_rate=learning_rate)
    return layers[0].params["W"], layers[0].params["b"], layers[2].params["W"], layers[2].params["b"], costs


def compare(name, X, Y, params, epochs, learning_rate, repetitions, target):
    """Interleave nbnp and the hand-written loop; report the median ratio against ``target``."""
    contenders = {
        "nbnp": lambda: nbnp_training(X, Y, params, epochs, learning_rate),
        "loop": lambda: hand_written_training(X, Y, params, epochs, learning_rate),
    }
    results = {key: run() for key, run in contenders.items()}  # warm-up, and the same-arithmetic check
    for a, b in zip(results["nbnp"], results["loop"], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
    times = {key: [] for key in contenders}
    order = list(contenders)
    for repetition in range(repetitions):
        for key in order if repetition % 2 == 0 else reversed(order):
            start = time.perf_counter()
            contenders[key]()
            times[key].append(time.perf_counter() - start)
    ratio = statistics.median(n / h for n, h in zip(times["nbnp"], times["loop"], strict=True))
    report(
        f"{name}: nbnp / hand-written loop",
        f"{ratio:.3f}x",
        f"(target {target:.2f}x: {'met' if ratio <= target else 'NOT met'}; median nbnp "
        f"{statistics.median(times['nbnp']):.3f} s, loop {statistics.median(times['loop']):.3f} s, "
        f"{repetitions} interleaved runs)",
    )


def xavier(rng, n_in, n_out):
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in), np.zeros((n_out, 1))


def bench_training(repetitions_xor=21, repetitions_large=7):
    X, Y = nbnp.xor_gate()
    rng = np.random.default_rng(48)
    params = (*xavier(rng, 2, 3), *xavier(rng, 3, 1))
    compare(
        "XOR 2-3-1, 5000 epochs", X, Y, params, epochs=5000, learning_rate=1, repetitions=repetitions_xor, target=1.15
    )

    rng = np.random.default_rng(784)
    m = 10_000
    X = rng.random((784, m))
    Y = np.eye(10)[rng.integers(0, 10, size=m)].T
    params = (*xavier(rng, 784, 256), *xavier(rng, 256, 10))
    compare(
        "784-256-10 sigmoid, 10,000 examples, 3 epochs",
        X,
        Y,
        params,
        epochs=3,
        learning_rate=0.5,
        repetitions=repetitions_large,
        target=1.05,
    )

    rng = np.random.default_rng(2026)
    X = rng.normal(size=(2, 20_000))
    Y = (X[0] + X[1] > 0).astype(float).reshape(1, -1)
    W, b = np.array([[0.1, 0.6]]), 0.0
    loop, vectorized = [], []
    for _ in range(3):
        start = time.perf_counter()
        gradients_by_loop(X, Y, W, b)
        loop.append(time.perf_counter() - start)
        for _ in range(5):
            start = time.perf_counter()
            gradients_vectorized(X, Y, W, b)
            vectorized.append(time.perf_counter() - start)
    report(
        "Part I: vectorized gradients vs per-example loop, one neuron, 20,000 examples",
        f"{statistics.median(loop) / statistics.median(vectorized):.0f}x faster",
        f"(loop {statistics.median(loop) * 1e3:.1f} ms, vectorized {statistics.median(vectorized) * 1e3:.2f} ms)",
    )


def machine():
    model = "unknown"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    blas = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, NumPy {np.__version__}" + (
        f", {blas}" if blas else ""
    )


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for part in ("book", "tests", "ci", "training"):
        parser.add_argument(f"--skip-{part}", action="store_true")
    args = parser.parse_args(argv)
    print(f"Machine: {machine()}", flush=True)
    slope = None if args.skip_book else bench_book()
    if not args.skip_tests:
        bench_tests(slope, ci=not args.skip_ci)
    if not args.skip_training:
        bench_training()
    width = max(len(what) for what, _, _ in rows)
    print(f"\nMachine: {machine()}\n")
    print(f"| {'measure'.ljust(width)} | result |")
    print(f"|{'-' * (width + 2)}|--------|")
    for what, value, note in rows:
        print(f"| {what.ljust(width)} | {value} {note}".rstrip() + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
