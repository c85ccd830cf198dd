"""The Binder environment (binder/) builds and runs every chapter.

mybinder.org builds the repository with repo2docker: it installs
``binder/requirements.txt`` into the image's Python 3.11 (``binder/runtime.txt``),
copies the repository, then runs ``binder/postBuild``. Two checks, no Docker:

- repo2docker itself accepts the configuration (``--no-build`` prints the
  Dockerfile it would build);
- a fresh virtual environment made only from those files, as repo2docker would
  make it, executes every verified notebook, with ``nbnp`` importable and no
  package from the book's own ``requirements.txt``.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools.verified_notebooks import ROOT

BINDER = ROOT / "binder"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
# repo2docker's base environment brings JupyterLab and ipykernel; the fresh
# environment of this test gets the kernel from the book's own pins instead.
KERNEL_REQUIREMENT = next(
    line for line in (ROOT / "requirements.txt").read_text().splitlines() if line.startswith("ipykernel==")
)


def test_binder_files_exist_and_postbuild_is_executable():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    assert os.access(BINDER / "postBuild", os.X_OK), "binder/postBuild must be executable"
    pins = [
        line
        for line in (BINDER / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][^ ]*", pin) for pin in pins), pins


def test_binder_pins_agree_with_the_book_environment():
    book = dict(
        line.split("==")
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    for pin in (BINDER / "requirements.txt").read_text().splitlines():
        if "==" in pin and not pin.startswith("#"):
            name, version = pin.split("==")
            assert book.get(name) == version, f"binder pins {pin}, requirements.txt has {book.get(name)}"


def test_repo2docker_accepts_the_configuration():
    result = subprocess.run(
        [Path(sys.executable).parent / "repo2docker", "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dockerfile = result.stdout
    assert re.search(r'pip install --no-cache-dir -r "binder/requirements\.txt"', dockerfile)
    assert "RUN ./binder/postBuild" in dockerfile
    assert "conda environment for python=3.11" in result.stderr, "runtime.txt should select Python 3.11"
    assert "src/requirements.txt" not in dockerfile, "the root requirements.txt must not be used by Binder"


def copy_repository(destination):
    """Copy what repo2docker copies into the image and the Binder build uses (not .venv, not _build)."""
    for name in ("pyproject.toml", "README.md", "LICENSE", "_config.yml"):
        shutil.copy2(ROOT / name, destination / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
    for name in ("nbnp", "binder", "chapters"):
        shutil.copytree(ROOT / name, destination / name, ignore=ignore)


@pytest.mark.slow
def test_a_fresh_environment_from_the_binder_files_runs_every_chapter(tmp_path, monkeypatch):
    assert NOTEBOOKS, "no verified notebooks in chapters/"
    repo, home, venv = tmp_path / "repo", tmp_path / "home", tmp_path / "venv"
    repo.mkdir()
    home.mkdir()
    copy_repository(repo)
    # Fresh and empty; this environment's (newer) pip installs into it, without
    # byte-compiling: several times faster than the venv's own bootstrapped pip.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV"))}
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))  # reuse downloads across runs
    env.update(HOME=str(home), PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}", PIP_DISABLE_PIP_VERSION_CHECK="1")

    def run(*command):
        result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"

    # What repo2docker does: requirements, then postBuild from the repository root.
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-compile",
        "-r",
        "binder/requirements.txt",
        KERNEL_REQUIREMENT,
        f"pip=={version('pip')}",
    )
    run("binder/postBuild")

    # nbnp comes from the copy of the repository; myst-nb is absent, so glue_number prints.
    probe = subprocess.run(
        [
            python,
            "-c",
            "import nbnp, importlib.util; print(nbnp.__file__); print(importlib.util.find_spec('myst_nb') is None)",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    nbnp_file, no_myst_nb = probe.stdout.split()
    assert Path(nbnp_file).is_relative_to(repo / "nbnp") and no_myst_nb == "True"

    # postBuild made JupyterLab open the .md chapters as notebooks (jupytext's viewer).
    overrides = json.loads((home / ".jupyter/labconfig/default_setting_overrides.json").read_text())
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == "Jupytext Notebook" and viewers["myst"] == "Jupytext Notebook"

    # A kernel running the fresh environment's Python.
    kernels = tmp_path / "jupyter" / "kernels" / "binder"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Binder environment",
                "language": "python",
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("HOME", str(home))

    for path in sorted((repo / "chapters").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(
            notebook, kernel_name="binder", timeout=300, resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        errors = [
            o
            for cell in notebook.cells
            for o in cell.get("outputs", [])
            if o.output_type == "error" and "raises-exception" not in cell.metadata.get("tags", [])
        ]
        assert not errors, f"{path.name}: {[(o.ename, o.evalue) for o in errors]}"
        # Without myst-nb, each glued number is printed for the reader instead.
        printed = "".join(
            o.get("text", "") for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "stream"
        )
        glued = re.findall(r'glue_number\(\s*"([^"]+)"', "".join(c.source for c in notebook.cells))
        assert all(f"{name} = " in printed for name in glued), f"{path.name}: a glued value was not printed"
