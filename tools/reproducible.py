"""Check that every committed verified notebook is what regenerating its chapter gives, byte for byte.

Every chapter (or the chapters given as arguments) is executed once with
:func:`tools.verified_notebooks.generate` into a fresh temporary folder, and
the result is compared byte for byte with the committed ``chapters/NAME.ipynb``,
except the outputs of cells tagged ``nbval-ignore-output``: timings, the only
outputs allowed to vary (nbval skips them too). A committed notebook was made
by an earlier run, in another process, often on another day; so one fresh run
that matches it shows both that the notebook is fresh (made from the current
source and package) and that generating it is reproducible. Exit status 1 if
any differs, with the first differing lines.

One allowance for the machine: a figure rasterised to PNG is compared by its
pixels, not its bytes, and may differ in at most ``PIXEL_SHARE`` of its pixels
(at least ``MIN_PIXELS``), each by at most ``MAX_LEVEL`` of 255. A decision
boundary is a contour of a sigmoid evaluated on a grid, and NumPy's ``exp``
rounds its last bit differently on different CPUs (its SIMD code paths), so a
contour can cross one pixel's boundary on one machine and not on another
(measured: one pixel, one level, between two machines of this project). Every
printed number, and every SVG, must still match byte for byte.

A figure that draws a chaotic run (a cost spike after which a difference in
the last bit of a weight grows every epoch, as in the appendix and in Part
III) differs between CPUs in far more than a few pixels, while every number the
chapter prints about it is the same. Its cell is tagged ``chaotic-figure``; its
PNGs are compared by count and size only. The tag is for figures: the cell's
printed text is still compared byte for byte.


Run ``python -m tools.reproducible`` (``make reproducible``, part of ``.ci/run``).
"""

import base64
import difflib
import io
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import numpy as np
from PIL import Image

from tools.verified_notebooks import ROOT, chapter_sources, generate, notebook_path

IGNORED = "nbval-ignore-output"
PNG = "image/png"
CHAOTIC = "chaotic-figure"
PIXEL_SHARE = 1e-4
MIN_PIXELS = 10
MAX_LEVEL = 16


def without_ignored_outputs(path):
    """The notebook's bytes with the outputs of cells tagged nbval-ignore-output emptied; and how many."""
    notebook = nbformat.read(path, as_version=4)
    ignored = [cell for cell in notebook.cells if IGNORED in cell.metadata.get("tags", [])]
    for cell in ignored:
        cell.outputs = []
    return nbformat.writes(notebook).encode(), len(ignored)


def first_difference(a, b, context=2, limit=12):
    lines = difflib.unified_diff(
        a.decode().splitlines(), b.decode().splitlines(), "committed", "regenerated", n=context, lineterm=""
    )
    return "\n".join(line[:200] for _, line in zip(range(limit), lines, strict=False))


def without_pngs(text):
    """The notebook text with every PNG replaced by a placeholder; and the PNGs, in order.

    A PNG of a cell tagged ``chaotic-figure`` is replaced by its size and not returned.
    """
    notebook = nbformat.reads(text.decode(), as_version=4)
    pngs = []
    for cell in notebook.cells:
        chaotic = CHAOTIC in cell.metadata.get("tags", [])
        for output in cell.get("outputs", []):
            if PNG in output.get("data", {}):
                png = output["data"][PNG]
                if chaotic:
                    width, height = Image.open(io.BytesIO(base64.b64decode(png))).size
                    output["data"][PNG] = f"<png of a chaotic run, {width} x {height}>"
                else:
                    pngs.append(png)
                    output["data"][PNG] = f"<png {len(pngs)}>"
    return nbformat.writes(notebook).encode(), pngs


def pixel_difference(first, second):
    """``(pixels that differ, largest difference of a channel)`` of two base64 PNGs; None if sizes differ."""
    a, b = (
        np.asarray(Image.open(io.BytesIO(base64.b64decode(png))).convert("RGBA"), dtype=int) for png in (first, second)
    )
    if a.shape != b.shape:
        return None
    difference = np.abs(a - b).max(axis=2)
    return int(np.count_nonzero(difference)), int(difference.max())


def rendering_noise(first, second):
    """True if the two base64 PNGs differ only as the same figure rendered on another CPU may."""
    found = pixel_difference(first, second)
    if found is None:
        return False
    pixels, level = found
    a = np.asarray(Image.open(io.BytesIO(base64.b64decode(first))))
    return pixels <= max(MIN_PIXELS, PIXEL_SHARE * a.shape[0] * a.shape[1]) and level <= MAX_LEVEL


def compare(committed, regenerated):
    """``"identical"``, ``"identical but for ..."`` or ``"DIFFERENT"``, for two notebook files."""
    if committed.read_bytes() == regenerated.read_bytes():
        return "identical"
    (first, ignored), (second, _) = without_ignored_outputs(committed), without_ignored_outputs(regenerated)
    if first == second:
        return f"identical but for the outputs of {ignored} cells tagged {IGNORED}"
    (first, first_pngs), (second, second_pngs) = without_pngs(first), without_pngs(second)
    if first != second or len(first_pngs) != len(second_pngs):
        return "DIFFERENT"
    noisy = [i for i, (a, b) in enumerate(zip(first_pngs, second_pngs, strict=True)) if a != b]
    if all(rendering_noise(first_pngs[i], second_pngs[i]) for i in noisy):
        return (
            f"identical but for the outputs of {ignored} cells tagged {IGNORED} and the rendering "
            f"noise of {len(noisy)} PNG figures (at most {MAX_LEVEL} levels in a few pixels)"
        )
    return "DIFFERENT"


def main(argv):
    sources = [Path(a).resolve() for a in argv] or chapter_sources()
    start = time.perf_counter()
    differing = []
    with tempfile.TemporaryDirectory(prefix="nbnp-reproducible-") as tmp:
        for source in sources:
            committed = notebook_path(source)
            regenerated = generate(source, tmp)
            status = compare(committed, regenerated) if committed.exists() else "MISSING (no committed notebook)"
            print(f"{source.relative_to(ROOT)}: {status}", flush=True)
            if status.startswith(("DIFFERENT", "MISSING")):
                differing.append(committed.name)
                if committed.exists():
                    print(
                        first_difference(without_ignored_outputs(committed)[0], without_ignored_outputs(regenerated)[0])
                    )
    elapsed = time.perf_counter() - start
    if differing:
        print(
            f"NOT reproducible: {len(differing)} of {len(sources)} committed notebooks differ from a fresh "
            f"regeneration ({elapsed:.0f} s): {', '.join(differing)}. Run `make notebooks` and review the diff."
        )
        return 1
    print(
        f"reproducible: {len(sources)} notebooks regenerated, byte-identical to the committed ones but for "
        f"cells tagged {IGNORED}, PNG rendering noise and the PNGs of cells tagged {CHAOTIC} ({elapsed:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
