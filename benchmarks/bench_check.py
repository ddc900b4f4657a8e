"""Time ``transreview check`` end to end: pairs per second and peak memory.

Usage::

    .venv/bin/python benchmarks/bench_check.py                 # N = 10k, 100k; --jobs 1, 2
    .venv/bin/python benchmarks/bench_check.py --sizes 20000 --jobs 2
    .venv/bin/python benchmarks/bench_check.py --sizes 100000,300000,1000000 --jobs 1,2
    .venv/bin/python benchmarks/bench_check.py --sizes 100000,300000,1000000 --jobs 2 --no-ids
    .venv/bin/python benchmarks/bench_check.py --sizes 30000 --jobs 2 --shards 3  # + shards, merge
    .venv/bin/python benchmarks/bench_check.py --profile 5000  # µs per pair per check + hotspots

Each run is the real entry point in a subprocess (``transreview check FILE --format json
-o TMP --jobs J``) on a TSV from :mod:`gen_pairs`, in a fresh helper process that reports:

* ``CPU s``: user + system CPU seconds of the whole tree (``RUSAGE_CHILDREN``; counts
  workers too, as they are waited for): a figure other load on the machine does not skew;
* ``max proc``: ``getrusage(RUSAGE_CHILDREN)`` peak RSS of the largest single process (the
  parent or one worker); fresh per run, because that figure is a running maximum over
  every child ever waited for;
* ``tree RSS`` / ``tree PSS``: the peak, over samples every 0.1 s, of the sum over the
  whole process tree (the ``transreview`` process and its workers) of RSS, and of PSS
  (``/proc/PID/smaps_rollup``: a page shared by k processes counts 1/k in each, so the
  forked workers' copy-on-write pages are not counted twice). PSS is the honest total.

Goal (issue 6): memory flat as N grows, up to 1M pairs with ``--jobs 2`` on 2 cores.
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
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pairs import write_tsv  # noqa: E402


def available_checks() -> list[str]:
    """Every registered check."""
    from transreview.checks import CHECKS

    return list(CHECKS)


def transreview_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("transreview")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "transreview.cli"]


def _tree(root: int) -> list[int]:
    """``root`` and every descendant, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _rss_pss_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def _child(argv: list[str]) -> None:
    """Helper mode: run one command; print wall time and peak memory (see above) as JSON."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = {"rss": 0, "pss": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            sums = [_rss_pss_kb(p) for p in _tree(proc.pid)]
            peak["rss"] = max(peak["rss"], sum(r for r, _ in sums))
            peak["pss"] = max(peak["pss"], sum(p for _, p in sums))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    stop.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss_kb = usage.ru_maxrss
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": rss_kb, "tree_rss_kb": peak["rss"], "tree_pss_kb": peak["pss"],
                      "rc": proc.returncode, "stderr": err[-500:]}))


def _measure(cmd: list[str]) -> dict:
    res = subprocess.run([sys.executable, __file__, "--_child", *cmd], capture_output=True, text=True, check=True)
    data = json.loads(res.stdout)
    if data["rc"] not in (0, 1):
        raise SystemExit(f"transreview failed ({data['rc']}): {data['stderr']}")
    return data


def run_once(path: Path, jobs: int, checks: list[str], out: Path, extra: tuple[str, ...] = ()) -> dict:
    cmd = [*transreview_cmd(), "check", str(path), "--format", "json", "-o", str(out),
           "--jobs", str(jobs), "--checks", ",".join(checks), "--no-progress", *extra]
    return _measure(cmd)


def _row(label: str, n: int, jobs: int | str, r: dict) -> str:
    return (f"{label:<7} {n:>8} {jobs:>4} {r['wall']:>8.1f} {n / r['wall']:>8.0f} {r['cpu']:>8.1f}"
            f" {r['rss_kb'] / 1024:>9.1f}"
            f" {r['tree_rss_kb'] / 1024:>9.1f} {r['tree_pss_kb'] / 1024:>9.1f}")


def shards(path: Path, n: int, count: int, jobs: int, checks: list[str], tmp: Path) -> None:
    """Each shard (one after the other here; on a cluster they run side by side), then merge."""
    outs = []
    for i in range(1, count + 1):
        out = tmp / f"shard{i}.json"
        r = run_once(path, jobs, checks, out, ("--shard", f"{i}/{count}"))
        print(_row(f"s{i}/{count}", n, jobs, r), flush=True)
        outs.append(str(out))
    merged = tmp / "merged.json"
    r = _measure([*transreview_cmd(), "merge", *outs, "-o", str(merged)])
    print(_row("merge", n, "-", r), flush=True)
    one = tmp / "report.json"
    if one.exists():
        same = one.read_bytes() == merged.read_bytes()
        print(f"merged report {'==' if same else '!='} the single run's report (byte for byte)", flush=True)


def profile(n: int, checks: list[str]) -> None:
    """Per-check cost (µs per pair, measure + judge) and the top functions by own time."""
    from transreview.checks import build_checks
    from transreview.formats import plan_inputs, read_doc
    from transreview.text.analysis import analyse

    with tempfile.TemporaryDirectory() as tmp:
        path = write_tsv(Path(tmp) / "p.tsv", n, seed=7)
        pairs = list(read_doc(plan_inputs([path])[0]))
    objs = build_checks(None, checks)
    for c in objs:  # load dictionaries, gazetteers, jieba: startup is measured apart
        for p in pairs[:20]:
            c.measure(p, analyse(p))
    print(f"per-check cost on {n} pairs (after warm-up):")
    for c in objs:
        t = time.perf_counter()
        raws = [c.measure(p, analyse(p)) for p in pairs]
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
            c.run(p) if not c.corpus_level else c.measure(p, analyse(p))
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
    ap.add_argument("--shards", type=int, default=0, metavar="K",
                    help="also run K shards (--shard i/K with the last --jobs value) and merge them")
    ap.add_argument("--no-ids", action="store_true",
                    help="TSV without an id column (the reader's duplicate-id check keeps ~40 B a pair)")
    args = ap.parse_args()
    checks = args.checks.split(",") if args.checks else available_checks()
    if args.profile:
        profile(args.profile, checks)
        return
    print(f"checks: {','.join(checks)}; {os.cpu_count()} cores")
    print(f"{'run':<7} {'pairs':>8} {'jobs':>4} {'seconds':>8} {'pairs/s':>8} {'CPU s':>8} {'max proc':>9}"
          f" {'tree RSS':>9} {'tree PSS':>9}   (memory: peak MB)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = write_tsv(Path(tmp) / f"pairs-{n}.tsv", n, ids=not args.no_ids)
            for jobs in (int(j) for j in args.jobs.split(",")):
                r = run_once(path, jobs, checks, Path(tmp) / "report.json")
                print(_row("check", n, jobs, r), flush=True)
            if args.shards:
                shards(path, n, args.shards, int(args.jobs.split(",")[-1]), checks, Path(tmp))
            path.unlink()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--_child":
        _child(sys.argv[2:])
    else:
        main()
