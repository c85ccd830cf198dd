"""``make book``'s parallel build (tools/book.py, _ext/parallel_reading.py): chapters read, and so
executed, in several processes, with nothing of a serial build lost."""

import shutil
import subprocess
import sys
import textwrap

import pytest
import yaml

from tests.built_pages import MYST_NOTEBOOK
from tools.book import kernels_start_one_at_a_time, one_per_chunk
from tools.verified_notebooks import ROOT

CHAPTER = MYST_NOTEBOOK + textwrap.dedent("""\
    # Chapter {n}

    ```{{code-cell}} ipython3
    from myst_nb import glue

    glue("square", {n} ** 2)
    {cell}
    ```

    {n} squared is {{glue:}}`square`.

    ```{{exercise}}
    :label: ex-{n}

    Square {n}.
    ```
    """)
CHAPTERS = 6  # Sphinx reads in parallel from six documents on


def test_one_document_per_chunk_the_largest_source_first(tmp_path):
    for name, size in (("small", 10), ("large", 1000), ("middle", 100)):
        (tmp_path / f"{name}.md").write_text("x" * size)
    assert one_per_chunk(tmp_path, ["small", "middle", "large", "missing"], 2) == [
        ["large"],
        ["middle"],
        ["small"],
        ["missing"],
    ]


def test_a_kernel_start_holds_the_lock_until_the_kernel_answers(tmp_path, monkeypatch):
    """No other process can start a kernel (choose its ports) between a kernel's start and its answer."""
    import asyncio
    import fcntl
    import types

    from nbclient.client import NotebookClient

    async def start(self, **kwargs):
        self.started = True

    async def connect(self):
        return "client"

    monkeypatch.setattr(NotebookClient, "async_start_new_kernel", start)
    monkeypatch.setattr(NotebookClient, "async_start_new_kernel_client", connect)
    lock = tmp_path / "kernel-start.lock"
    kernels_start_one_at_a_time(lock)

    def free():
        with open(lock, "a") as other:  # another open file description, as another process has
            try:
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

    client = types.SimpleNamespace()
    asyncio.run(NotebookClient.async_start_new_kernel(client))
    assert client.started and not free()
    assert asyncio.run(NotebookClient.async_start_new_kernel_client(client)) == "client"
    assert free()


def build(folder, failing=None):
    """Build a book of CHAPTERS chapters with this book's configuration and extensions, through
    tools/book.py in two processes; chapter ``failing`` raises in its cell."""
    (folder / "chapters").mkdir(parents=True)
    for part in ("_ext", "_static"):
        shutil.copytree(ROOT / part, folder / part)
    shutil.copy(ROOT / "_config.yml", folder / "_config.yml")
    names = [f"chapters/c{n}" for n in range(CHAPTERS)]
    toc = {"format": "jb-book", "root": names[0], "chapters": [{"file": name} for name in names[1:]]}
    (folder / "_toc.yml").write_text(yaml.safe_dump(toc))
    for n, name in enumerate(names):
        cell = "raise RuntimeError('a failing cell')" if n == failing else ""
        (folder / f"{name}.md").write_text(CHAPTER.format(n=n, cell=cell))
    return subprocess.run(
        [sys.executable, "-m", "tools.book", "--jobs", "2", "build", "-W", "-n", "--keep-going", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.slow
def test_the_chapters_are_read_in_parallel_and_a_failing_cell_still_fails_the_build(tmp_path):
    run = build(tmp_path / "good")
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-3000:]
    assert "doing serial read" not in log and "does not declare" not in log
    html = tmp_path / "good" / "_build" / "html" / "chapters"
    for n in range(CHAPTERS):
        page = (html / f"c{n}.html").read_text(encoding="utf-8")
        assert f'{n} squared is <span class="output text_plain">{n * n}</span>' in page  # glued in its own process
        assert f'<span class="caption-number">Exercise {n + 1} </span>' in page  # numbered across processes

    run = build(tmp_path / "bad", failing=3)
    log = run.stdout + run.stderr
    assert run.returncode != 0 and "c3" in log and "a failing cell" in log, log[-3000:]
