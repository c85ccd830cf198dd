"""Check that regenerating the verified notebooks is reproducible: twice, byte for byte.

Every chapter (or the chapters given as arguments) is executed twice with
:func:`tests.verified_notebooks.generate`, each time into a fresh temporary
folder, and the two files are compared byte for byte, except the outputs of
cells tagged ``nbval-ignore-output``: timings, the only outputs allowed to vary
(nbval skips them too). Exit status 1 if any pair differs, with the first
differing lines. The committed notebooks are not touched;
whether each matches its fresh copy is printed for information only (a chapter
being edited may not have been regenerated yet).

Run ``python -m tests.reproducible`` (``make reproducible``).
"""

import difflib
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from tests.verified_notebooks import ROOT, chapter_sources, generate, notebook_path

IGNORED = "nbval-ignore-output"


def without_ignored_outputs(path):
    """The notebook's bytes with the outputs of cells tagged nbval-ignore-output emptied; and how many."""
    notebook = nbformat.read(path, as_version=4)
    ignored = [cell for cell in notebook.cells if IGNORED in cell.metadata.get("tags", [])]
    for cell in ignored:
        cell.outputs = []
    return nbformat.writes(notebook).encode(), len(ignored)


def first_difference(a, b, context=2, limit=12):
    lines = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), "first", "second",
                                 n=context, lineterm="")
    return "\n".join(line[:200] for _, line in zip(range(limit), lines))


def main(argv):
    sources = [Path(a).resolve() for a in argv] or chapter_sources()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nbnp-reproducible-") as tmp:
        runs = [Path(tmp, "first"), Path(tmp, "second")]
        for folder in runs:
            folder.mkdir()
            for source in sources:
                generate(source, folder)
        differing = []
        for source in sources:
            name = notebook_path(source).name
            raw = [folder.joinpath(name).read_bytes() for folder in runs]
            (first, ignored), (second, _) = (without_ignored_outputs(folder / name) for folder in runs)
            committed = notebook_path(source)
            same_as_committed = committed.exists() and committed.read_bytes() == raw[0]
            if raw[0] == raw[1]:
                status = "identical"
            elif first == second:
                status = f"identical but for the outputs of {ignored} cells tagged {IGNORED}"
            else:
                status = "DIFFERENT"
            print(f"{source.relative_to(ROOT)}: {status} "
                  f"({'same as' if same_as_committed else 'differs from'} the committed notebook)")
            if first != second:
                differing.append(name)
                print(first_difference(first, second))
    elapsed = time.perf_counter() - start
    if differing:
        print(f"NOT reproducible: {len(differing)} of {len(sources)} notebooks differ between two runs "
              f"({elapsed:.0f} s): {', '.join(differing)}")
        return 1
    print(f"reproducible: {len(sources)} notebooks regenerated twice, byte-identical but for cells tagged "
          f"{IGNORED} ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
