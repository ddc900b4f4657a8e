"""Time ``transreview check`` end to end: pairs per second and peak memory.

Usage::

    .venv/bin/python benchmarks/bench_check.py                 # N = 10k, 100k; --jobs 1, 2
    .venv/bin/python benchmarks/bench_check.py --sizes 20000 --jobs 2
    .venv/bin/python benchmarks/bench_check.py --profile 5000  # µs per pair per check + hotspots

Each run is the real entry point in a subprocess (``transreview check FILE --format json
-o TMP --jobs J``) on a TSV from :mod:`gen_pairs`. Peak memory is read with
``getrusage(RUSAGE_CHILDREN)`` in a fresh helper process per run (that figure is a
running maximum over every child ever waited for, so measuring several runs from one
process would report the largest so far); it is the peak of the largest single process
(the parent, or a worker), not their sum. Goal (issue 3): at least 5,000 pairs/s with
``--jobs 2`` for the reference-free checks, and memory that does not grow with N.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pairs import write_tsv  # noqa: E402


def available_checks() -> list[str]:
    """Registered checks whose module imports (others may still be being written)."""
    from transreview.checks import CHECKS, check_class

    out = []
    for name in CHECKS:
        try:
            check_class(name)
        except ImportError:
            continue
        out.append(name)
    return out


def transreview_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("transreview")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "transreview.cli"]


def _child(argv: list[str]) -> None:
    """Helper mode: run one command, print its wall time and children's peak RSS as JSON."""
    t = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall": wall, "rss_kb": rss_kb, "rc": proc.returncode, "stderr": proc.stderr[-500:]}))


def run_once(path: Path, jobs: int, checks: list[str], out: Path) -> dict:
    cmd = [*transreview_cmd(), "check", str(path), "--format", "json", "-o", str(out),
           "--jobs", str(jobs), "--checks", ",".join(checks), "--no-progress"]
    res = subprocess.run([sys.executable, __file__, "--_child", *cmd], capture_output=True, text=True, check=True)
    data = json.loads(res.stdout)
    if data["rc"] not in (0, 1):
        raise SystemExit(f"transreview check failed ({data['rc']}): {data['stderr']}")
    return data


def profile(n: int, checks: list[str]) -> None:
    """Per-check cost (µs per pair, measure + judge) and the top functions by own time."""
    from transreview.checks import build_checks
    from transreview.formats import plan_inputs, read_doc

    with tempfile.TemporaryDirectory() as tmp:
        path = write_tsv(Path(tmp) / "p.tsv", n, seed=7)
        pairs = list(read_doc(plan_inputs([path])[0]))
    objs = build_checks(None, checks)
    for c in objs:  # load dictionaries, gazetteers, jieba: startup is measured apart
        for p in pairs[:20]:
            c.measure(p)
    print(f"per-check cost on {n} pairs (after warm-up):")
    for c in objs:
        t = time.perf_counter()
        raws = [c.measure(p) for p in pairs]
        mid = time.perf_counter()
        if c.corpus_level:
            c.judge_corpus(pairs, raws)  # type: ignore[attr-defined]
        else:
            for p, r in zip(pairs, raws, strict=True):
                c.judge(p, r)
        end = time.perf_counter()
        print(f"  {c.name:<14} measure {(mid - t) / n * 1e6:8.1f} µs  judge {(end - mid) / n * 1e6:7.1f} µs")
    prof = cProfile.Profile()
    prof.enable()
    for c in objs:
        for p in pairs:
            c.run(p) if not c.corpus_level else c.measure(p)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
    print(buf.getvalue())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--checks", default=None, help="comma-separated (default: every importable check)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="profile the checks on N pairs instead")
    args = ap.parse_args()
    checks = args.checks.split(",") if args.checks else available_checks()
    if args.profile:
        profile(args.profile, checks)
        return
    print(f"checks: {','.join(checks)}; {os.cpu_count()} cores")
    print(f"{'pairs':>8} {'jobs':>4} {'seconds':>8} {'pairs/s':>9} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = write_tsv(Path(tmp) / f"pairs-{n}.tsv", n)
            for jobs in (int(j) for j in args.jobs.split(",")):
                r = run_once(path, jobs, checks, Path(tmp) / "report.json")
                print(f"{n:>8} {jobs:>4} {r['wall']:>8.2f} {n / r['wall']:>9.0f} {r['rss_kb'] / 1024:>12.1f}",
                      flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--_child":
        _child(sys.argv[2:])
    else:
        main()
