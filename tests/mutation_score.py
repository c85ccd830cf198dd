"""Print the mutation score of the last ``mutmut run`` (``make mutation`` runs both).

Score = killed / (all mutants - equivalent ones). A mutant is *killed* when a test
fails on it (a timeout or a crash counts as killed); one that survives, or that no
test runs, is not. Mutants that cannot change any result (equivalent mutants) are
listed, each with its reason, in ``tests/mutation-equivalent.md`` as
``- `nbnp.module.x_function__mutmut_N`: reason`` and left out of the score.

Exit status 1 if the score is below TARGET or the last run left mutants unchecked.
"""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "mutation-equivalent.md"
TARGET = 95.0
KILLED = {"killed", "timeout", "segfault", "caught by type check"}


def statuses():
    """``{mutant name: status}`` as ``mutmut results --all true`` reports them."""
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    return dict(re.findall(r"^\s+(\S+__mutmut_\d+): (.+?)\s*$", out, flags=re.MULTILINE))


def equivalent_mutants():
    if not EQUIVALENT.exists():
        return set()
    return set(re.findall(r"^- `(nbnp\.\S+__mutmut_\d+)`", EQUIVALENT.read_text(), flags=re.MULTILINE))


def main():
    results = statuses()
    equivalent = equivalent_mutants()
    stale = sorted(equivalent - set(results))
    counts = Counter(results.values())
    judged = {name: status for name, status in results.items() if name not in equivalent}
    killed = sum(status in KILLED for status in judged.values())
    alive = sorted(name for name, status in judged.items() if status not in KILLED)
    score = 100.0 * killed / len(judged) if judged else 0.0
    print("mutmut results: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    if stale:
        print(f"{len(stale)} mutants listed as equivalent no longer exist (stale list): {', '.join(stale[:5])} ...")
    for name in alive:
        print(f"  not killed: {name} ({judged[name]})")
    print(f"Mutation score: {killed} killed of {len(judged)} non-equivalent mutants = {score:.1f}% "
          f"({len(results)} mutants, {len(equivalent & set(results))} equivalent; target {TARGET:g}%)")
    unchecked = counts.get("not checked", 0)
    return 0 if score >= TARGET and unchecked == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
