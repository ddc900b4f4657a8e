"""Time two builds of ``transreview check`` side by side: is the change slower?

Usage (an older checkout with its own venv, e.g. ``git worktree add /tmp/old BASE`` and
``python3 -m venv /tmp/old/.venv && /tmp/old/.venv/bin/pip install -e /tmp/old``)::

    .venv/bin/python benchmarks/bench_versions.py --against /tmp/old/.venv/bin/transreview \\
        --pairs 20000 --jobs 1,2 --rounds 3

Both executables check the same generated TSV (``gen_pairs.write_tsv``, seed 1) with every
check, ``--format json``; rounds alternate between them (this build first in odd rounds, the
other first in even ones) so that load on the machine falls on both alike. Printed per build
and ``--jobs``: wall seconds and pairs/s as min / median / max over the rounds, CPU seconds
(user + system of the whole process tree), the largest process's peak RSS, and the ratio of
median pairs/s (this build / the other) and of median CPU seconds (the other / this: above 1
when this build needs less CPU; on a machine busy with other work CPU time is the steadier
figure). ``--checks`` limits this build to the given checks, to compare like with like when it
has checks the other build lacks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import _measure, transreview_cmd  # noqa: E402
from gen_pairs import write_tsv  # noqa: E402


def _once(cmd: list[str], path: Path, jobs: int, out: Path) -> dict:
    return _measure([*cmd, "check", str(path), "--format", "json", "-o", str(out), "--jobs", str(jobs)])


def _spread(values: list[float]) -> str:
    return f"{min(values):.0f} / {statistics.median(values):.0f} / {max(values):.0f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", required=True, help="the other build's transreview executable")
    ap.add_argument("--pairs", type=int, default=20000)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--checks", help="comma-separated checks for this build (default: all)")
    args = ap.parse_args()
    this = [*transreview_cmd()]
    builds = {"this": this, "other": [args.against]}
    with tempfile.TemporaryDirectory() as tmp:
        path = write_tsv(Path(tmp) / "pairs.tsv", args.pairs, seed=1)
        print(f"{args.pairs} pairs, {args.rounds} rounds; pairs/s and CPU s as min / median / max")
        for jobs in (int(j) for j in args.jobs.split(",")):
            runs: dict[str, list[dict]] = {name: [] for name in builds}
            for r in range(args.rounds):
                order = list(builds) if r % 2 == 0 else list(reversed(builds))
                for name in order:
                    cmd = builds[name]
                    out = Path(tmp) / f"{name}.json"
                    if name == "this" and args.checks:
                        runs[name].append(_measure([*cmd, "check", str(path), "--format", "json", "-o", str(out),
                                                    "--jobs", str(jobs), "--checks", args.checks]))
                    else:
                        runs[name].append(_once(cmd, path, jobs, out))
            medians = {}
            cpus = {}
            for name, results in runs.items():
                rates = [args.pairs / x["wall"] for x in results]
                medians[name] = statistics.median(rates)
                cpu = [x["cpu"] for x in results]
                cpus[name] = statistics.median(cpu)
                rss = max(x["rss_kb"] for x in results) / 1024
                print(f"jobs {jobs}  {name:<5}  pairs/s {_spread(rates):>22}   CPU s "
                      f"{min(cpu):.1f} / {statistics.median(cpu):.1f} / {max(cpu):.1f}"
                      f"   max proc {rss:.0f} MB")
            print(f"jobs {jobs}  this / other (median pairs/s): {medians['this'] / medians['other']:.2f}x;"
                  f"  other / this (median CPU s): {cpus['other'] / cpus['this']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
