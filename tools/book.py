"""``jupyter-book``, with Sphinx reading (and so executing) the chapters in parallel.

    python -m tools.book build -W -n --keep-going .          # what `make book` runs
    python -m tools.book --jobs 1 build -W -n --keep-going .  # one chapter at a time

Everything after the options below goes to Jupyter Book 1's own command line, unchanged. JB1 has
no option for Sphinx's ``-j``, so this sets the one argument it leaves at 1 (the number of
processes Sphinx reads in) and hands over to it. Reading a chapter means executing its notebook,
which is almost all of a build's time; with ``--jobs 2`` on two cores the build takes about half
as long.

How Sphinx shares the work: it forks one process per chunk of documents, at most ``jobs`` at a
time. Its own chunks are runs of about ten documents in alphabetical order, which leaves one
process with most of the slow chapters; here every chapter is a chunk of its own, the longest
source first, so a slow chapter starts early and the others fill the second core around it.

Parallel reading also needs every Sphinx extension to declare that it is safe for it; three of
JB1's do not, and ``_ext/parallel_reading.py`` declares them (with the reasons). And two processes
must not start a kernel at the same moment: jupyter_client picks a kernel's five ports by asking the
system for free ones and releasing them for the kernel to bind, so two kernels starting together can
be given the same port ("ZMQError: Address already in use", seen once in about ten parallel builds).
Kernels therefore start one at a time (:func:`kernels_start_one_at_a_time`); they run side by side.
"""

import argparse
import fcntl
import functools
import os
import sys
import tempfile
from pathlib import Path


def one_per_chunk(source_dir, docnames, nproc, maxbatch=10):
    """Sphinx's ``make_chunks``, replaced: one document per chunk, the largest source first.

    ``source_dir`` is the book's folder; a document whose source is not found sorts last.
    """

    def size(docname):
        found = [p for p in Path(source_dir).glob(f"{docname}.*") if p.suffix in (".md", ".ipynb", ".rst")]
        return max((p.stat().st_size for p in found), default=0)

    return [[docname] for docname in sorted(docnames, key=lambda d: (-size(d), d))]


def kernels_start_one_at_a_time(lock_path):
    """Make nbclient hold an exclusive lock on ``lock_path`` from choosing a kernel's ports until the
    kernel answers (its ports bound), so that processes reading in parallel never start two at once."""
    from nbclient.client import NotebookClient

    start, connect = NotebookClient.async_start_new_kernel, NotebookClient.async_start_new_kernel_client

    async def start_locked(self, **kwargs):
        self._kernel_start_lock = open(lock_path, "a")  # a description of its own: flock excludes other processes
        fcntl.flock(self._kernel_start_lock, fcntl.LOCK_EX)
        try:
            await start(self, **kwargs)
        except BaseException:
            self._kernel_start_lock.close()
            raise

    async def connect_then_unlock(self):
        try:
            return await connect(self)
        finally:
            lock = getattr(self, "_kernel_start_lock", None)
            if lock is not None:
                lock.close()  # releases the lock

    NotebookClient.async_start_new_kernel = start_locked
    NotebookClient.async_start_new_kernel_client = connect_then_unlock


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes Sphinx reads in (default: the CPUs)"
    )
    options, rest = parser.parse_known_args(argv)
    import sphinx.builders
    import sphinx.errors
    import sphinx.util.parallel
    from jupyter_book import sphinx as jb_sphinx
    from jupyter_book.cli.main import main as jupyter_book

    if options.jobs < 1:
        parser.error(f"--jobs must be at least 1; got {options.jobs}")
    source_dir = next((arg for arg in reversed(rest) if not arg.startswith("-") and Path(arg).is_dir()), ".")
    # `make_chunks` is imported by name into sphinx.builders, which is where the reader calls it.
    sphinx.builders.make_chunks = functools.partial(one_per_chunk, source_dir)
    if options.jobs > 1 and not sphinx.util.parallel.parallel_available:
        parser.error("Sphinx cannot read in parallel here (it needs fork); use --jobs 1")
    jb_sphinx.build_sphinx = functools.partial(jb_sphinx.build_sphinx, jobs=options.jobs)
    lock = tempfile.NamedTemporaryFile(prefix="book-kernel-start-", suffix=".lock")
    kernels_start_one_at_a_time(lock.name)
    try:
        jupyter_book(args=rest, prog_name="jupyter-book")
    except RuntimeError as error:
        # Sphinx reports an error in a reading process by its first line only ("ExecutionError:
        # chapters/NAME.md"); the failing cell, its code and its traceback are in the process's traceback.
        if isinstance(error.__cause__, sphinx.errors.SphinxParallelError):
            print(
                f"\nThe error, as the process reading the chapter met it:\n{error.__cause__.traceback}", file=sys.stderr
            )
        raise
    finally:
        lock.close()


if __name__ == "__main__":
    main()
