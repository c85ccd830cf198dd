"""The GitHub workflows, checked offline: GitHub's schema (check-jsonschema ships it) and what matters.

CI must run what .ci/run runs, step by step, on Python 3.11 in Debian (where `make browser`
installs chromium with apt-get), and nbnp's tests and nbval on the newer Pythons pyproject.toml
declares. Deploy must publish the folder `make book` writes, with the Pages permissions, its
environment and one deployment at a time. Broken copies of both must fail.
"""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^actions/[a-z-]+@v\d+$")
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def load(path):
    workflow = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as True
    return workflow


def schema_errors(path):
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
    )
    return "" if result.returncode == 0 else result.stdout + result.stderr


def runs(job):
    return [step["run"] for step in job["steps"] if "run" in step]


def uses(workflow):
    return [step["uses"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "uses" in step]


def ci_run_targets():
    line = [text for text in (ROOT / ".ci" / "run").read_text().splitlines() if text.startswith("make ")]
    assert len(line) == 1
    return line[0].split()[1:]


def book_output():
    """The folder `make book` writes: the Makefile's book recipe removes it before building into it."""
    recipe = re.search(r"^book:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert "tools.book build" in recipe
    return re.search(r"rm -rf (\S+)", recipe).group(1)


def ci_problems(workflow):
    problems = []
    if not {"push", "pull_request"} <= set(workflow["on"]):
        problems.append(f"CI must run on push and pull_request, not only {sorted(workflow['on'])}")
    book = workflow["jobs"].get("book", {})
    if book.get("container") != "debian:bookworm":
        problems.append("the job that runs `make browser` must run in debian:bookworm")
    make_steps = [r for r in runs(book) if r.startswith("make")]
    if make_steps != [f"make {target}" for target in ci_run_targets()]:
        problems.append(f"the book job's make steps {make_steps} are not .ci/run's targets {ci_run_targets()}")
    newer = workflow["jobs"].get("newer-python", {})
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    claimed = sorted(c.rsplit(" ", 1)[1] for c in classifiers if re.fullmatch(r".*:: 3\.\d+", c))
    matrix = newer.get("strategy", {}).get("matrix", {}).get("python-version", [])
    if ["3.11"] + matrix != claimed:
        problems.append(f"CI's Pythons 3.11 + {matrix} are not pyproject's {claimed}")
    if runs(newer) != ["make nbnp-tests PYTHON=python", "make nbval PYTHON=python"]:
        problems.append(f"the newer-Python job runs {runs(newer)}")
    for name, job in workflow["jobs"].items():
        cached = any(
            s.get("uses", "").startswith("actions/cache@") or s.get("with", {}).get("cache") == "pip"
            for s in job["steps"]
        )
        if not cached:
            problems.append(f"job {name} does not cache pip's downloads")
    return problems


def deploy_problems(workflow):
    problems = []
    if workflow["on"].get("push", {}).get("branches") != ["main"] or "workflow_dispatch" not in workflow["on"]:
        problems.append("deploy runs on push to main and by hand")
    permissions = workflow.get("permissions", {})
    if permissions.get("pages") != "write" or permissions.get("id-token") != "write":
        problems.append(f"deploy needs pages: write and id-token: write, has {permissions}")
    if not workflow.get("concurrency", {}).get("group"):
        problems.append("deploy needs a concurrency group")
    build, deploy = workflow["jobs"].get("build", {}), workflow["jobs"].get("deploy", {})
    make_steps = [r for r in runs(build) if r.startswith("make")]
    if make_steps != ["make pdf", "make book"]:
        problems.append(f"the build job runs {make_steps}, not make pdf then make book")
    if not any(f"test -f {book_output()}/index.html" in r for r in runs(build)):
        problems.append("the build job must fail when index.html is missing (Jupyter Book can exit 0)")
    upload = [s for s in build.get("steps", []) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    if len(upload) != 1 or upload[0].get("with", {}).get("path") != book_output():
        problems.append(f"the uploaded folder must be {book_output()}, what `make book` writes")
    if deploy.get("needs") != "build" or deploy.get("environment", {}).get("name") != "github-pages":
        problems.append("deploy needs build and runs in the github-pages environment")
    step = [s for s in deploy.get("steps", []) if s.get("uses", "").startswith("actions/deploy-pages@")]
    if len(step) != 1 or deploy["environment"].get("url") != "${{{{ steps.{}.outputs.page_url }}}}".format(
        step[0].get("id")
    ):
        problems.append("the environment's url is the deploy-pages step's page_url")
    return problems


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_workflow_matches_githubs_schema(name):
    assert schema_errors(WORKFLOWS / name) == ""


def test_a_workflow_with_an_unknown_key_fails_the_schema(tmp_path):
    broken = tmp_path / "ci.yml"
    broken.write_text((WORKFLOWS / "ci.yml").read_text().replace("runs-on:", "runs_on:", 1))
    assert "runs_on" in schema_errors(broken) or "runs-on" in schema_errors(broken)


def test_ci_runs_the_readmes_commands():
    assert ci_problems(load(WORKFLOWS / "ci.yml")) == []


def test_ci_with_another_step_fails(tmp_path):
    broken = tmp_path / "ci.yml"
    broken.write_text((WORKFLOWS / "ci.yml").read_text().replace("- run: make test-matrix", "- run: make unit"))
    assert ci_problems(load(broken)) != []


def test_deploy_publishes_what_make_book_writes():
    assert book_output() == "_build/html"
    assert deploy_problems(load(WORKFLOWS / "deploy.yml")) == []


@pytest.mark.parametrize(
    "old, new",
    [
        ("path: _build/html", "path: _build/singlehtml"),
        ("id-token: write", "id-token: read"),
        ("name: github-pages", "name: pages"),
    ],
)
def test_a_broken_deploy_fails(tmp_path, old, new):
    text = (WORKFLOWS / "deploy.yml").read_text()
    assert old in text
    broken = tmp_path / "deploy.yml"
    broken.write_text(text.replace(old, new))
    assert deploy_problems(load(broken)) != []


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_every_action_is_pinned_to_a_release_and_no_step_needs_a_secret(name):
    workflow = load(WORKFLOWS / name)
    assert uses(workflow) and [u for u in uses(workflow) if not PINNED.match(u)] == []
    assert "secrets." not in (WORKFLOWS / name).read_text()


def test_every_make_command_in_the_readme_exists():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    readme = (ROOT / "README.md").read_text()
    named = set(re.findall(r"`make ([a-z][\w-]*)", readme)) | set(re.findall(r"^make ([a-z][\w-]*)", readme, re.M))
    assert {"book", "test", "pdf", "test-pdf"} <= named
    assert named - targets == set()
    assert "## Publishing" in (ROOT / "README.md").read_text()


def test_check_jsonschema_is_installed():
    assert shutil.which(str(CHECK_JSONSCHEMA)), "check-jsonschema is pinned in requirements.txt: rerun make"
