"""Print the mutation score of the last ``mutmut run`` (``make mutation`` runs both).

Score = killed / (all mutants - equivalent ones). A mutant is *killed* when a test
fails on it (a timeout or a crash counts as killed); one that survives, or that no
test runs, is not. Mutants that cannot change any result (equivalent mutants) are
listed, each with the code it makes and the reason, in ``tools/mutation-equivalent.md``
as ``- `nbnp.module.x_function__mutmut_N` makes `CODE`: reason``, and left out of
the score.

mutmut numbers the mutants of each function in order, so an edit to a function
renumbers them and a name in the list can come to mean another mutant. Every
entry is therefore checked against the mutant mutmut wrote into ``mutants/``:
its name must still exist, still make the recorded code (otherwise the mutant
that now makes it is named, to rename the entry), and no test may kill it.
Any stale entry fails the run.

Exit status 1 if the score is below TARGET, the list has a stale entry, or the
last run left mutants unchecked.
"""

import ast
import difflib
import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tools" / "mutation-equivalent.md"
MUTANTS = ROOT / "mutants"
TARGET = 95.0
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
ENTRY = re.compile(r"^- `(nbnp\.\S+__mutmut_\d+)` makes `(.+?)`: ", flags=re.MULTILINE)


def statuses():
    """``{mutant name: status}`` as ``mutmut results --all true`` reports them."""
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return dict(re.findall(r"^\s+(\S+__mutmut_\d+): (.+?)\s*$", out, flags=re.MULTILINE))


def equivalent_mutants():
    """``{mutant name: the code it makes}`` from the list of equivalent mutants."""
    return dict(ENTRY.findall(EQUIVALENT.read_text())) if EQUIVALENT.exists() else {}


@cache
def functions(module):
    """``{function name: source}`` of every function and method in mutmut's copy of ``module``."""
    text = (MUTANTS / (module.replace(".", "/") + ".py")).read_text()
    lines = text.splitlines()
    return {
        node.name: "\n".join(lines[node.lineno - 1 : node.end_lineno])
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef)
    }


def mutated_code(name):
    """The lines mutant ``name`` changes in its function, stripped and joined by `` | ``."""
    module, function = name.rsplit(".", 1)
    original = function.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"
    source = functions(module)
    mutant = source[function].replace(function + "(", original + "(", 1)
    lines = difflib.ndiff(source[original].splitlines(), mutant.splitlines())
    return " | ".join(line[2:].strip() for line in lines if line.startswith("+ "))


def stale_entries(results, equivalent):
    """One line for each entry of the list that no longer means what it says."""
    stale = []
    for name, code in sorted(equivalent.items()):
        if name not in results:
            stale.append(f"{name} no longer exists")
        elif mutated_code(name) != code:
            prefix = name.rsplit("__mutmut_", 1)[0] + "__mutmut_"
            now = [other for other in results if other.startswith(prefix) and mutated_code(other) == code]
            stale.append(f"{name} no longer makes `{code}`" + (f"; {', '.join(now)} does" if now else ""))
        elif results[name] in KILLED:
            stale.append(f"{name} is killed by a test, so it is not equivalent")
    return stale


def main():
    results = statuses()
    equivalent = equivalent_mutants()
    counts = Counter(results.values())
    judged = {name: status for name, status in results.items() if name not in equivalent}
    killed = sum(status in KILLED for status in judged.values())
    alive = sorted(name for name, status in judged.items() if status not in KILLED)
    score = 100.0 * killed / len(judged) if judged else 0.0
    stale = stale_entries(results, equivalent)
    print("mutmut results: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    for line in stale:
        print(f"  stale entry in {EQUIVALENT.name}: {line}")
    for name in alive:
        print(f"  not killed: {name} ({judged[name]}) makes `{mutated_code(name)}`")
    print(
        f"Mutation score: {killed} killed of {len(judged)} non-equivalent mutants = {score:.1f}% "
        f"({len(results)} mutants, {len(equivalent.keys() & results.keys())} equivalent; target {TARGET:g}%)"
    )
    unchecked = counts.get("not checked", 0)
    return 0 if score >= TARGET and unchecked == 0 and not stale else 1


if __name__ == "__main__":
    sys.exit(main())
