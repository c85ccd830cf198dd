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

Run ``python -m tools.reproducible`` (``make reproducible``, part of ``.ci/run``).
"""

import difflib
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from tools.verified_notebooks import ROOT, chapter_sources, generate, notebook_path

IGNORED = "nbval-ignore-output"


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


def compare(committed, regenerated):
    """``"identical"``, ``"identical but for ..."`` or ``"DIFFERENT"``, for two notebook files."""
    if committed.read_bytes() == regenerated.read_bytes():
        return "identical"
    (first, ignored), (second, _) = without_ignored_outputs(committed), without_ignored_outputs(regenerated)
    if first == second:
        return f"identical but for the outputs of {ignored} cells tagged {IGNORED}"
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
        f"cells tagged {IGNORED} ({elapsed:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
