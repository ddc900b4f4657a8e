"""Time ``import``, ``export`` and ``report`` on generated projects, and the report in Chromium.

Usage::

    .venv/bin/python benchmarks/bench_project.py                       # 10k and 100k, 3 rounds at 10k
    .venv/bin/python benchmarks/bench_project.py --sizes 10000 --rounds 3 --jobs 1,2
    .venv/bin/python benchmarks/bench_project.py --sizes 100000 --rounds 1 --chromium
    .venv/bin/python benchmarks/bench_project.py --src /tmp/old/src --jobs 1   # another checkout

Each command is the real entry point (``python -m transreview.cli``) in a child process, on
a TSV from :mod:`gen_pairs`. For every run it prints:

* ``seconds`` (wall) and, for import, ``pairs/s``;
* ``CPU s``: user + system seconds of the child and its workers (``os.wait4``), which other
  load on a shared machine skews far less than wall time;
* ``max proc``: the peak RSS of the largest single process of the run (``wait4``'s
  ``ru_maxrss`` covers the child and every descendant it waited for);
* ``tree PSS``: the peak, over samples every 0.1 s, of the PSS summed over the process tree
  (``/proc/PID/smaps_rollup``; pages shared by forked workers counted once).

With ``--chromium`` the HTML report (first page) is rendered by headless Chromium
(``--dump-dom``, as ``scripts/ci-browser-tests.sh`` runs it): wall seconds and the tree PSS
peak of every Chromium process. ``--rounds R`` repeats each measurement and prints
min / median / max; ``--src`` puts another checkout's ``src`` first on ``PYTHONPATH`` to
measure it with this script (``--jobs`` is then passed to import only when it is not 1, as
older builds have no such option).

Goals (issue 16): import ≥ 3× 1,145 pairs/s; memory of import, export and report flat from
10k to 1M pairs; a 100k-pair project's report open in Chromium in < 5 s and < 500 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import _rss_pss_kb, _tree  # noqa: E402
from gen_pairs import write_tsv  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def measure(argv: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> dict:
    """Run ``argv``; wall and CPU seconds, largest process and tree PSS peaks (MB)."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = {"pss": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak["pss"] = max(peak["pss"], sum(_rss_pss_kb(p)[1] for p in _tree(proc.pid)))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timer = threading.Timer(timeout, proc.kill) if timeout else None
    if timer is not None:
        timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if timer is not None:
        timer.cancel()
    stop.set()
    sampler.join()
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "proc_mb": usage.ru_maxrss / 1024,
            "pss_mb": peak["pss"] / 1024, "rc": proc.returncode, "stderr": err[-600:]}


def _stats(values: list[float], digits: int = 1) -> str:
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{min(values):.{digits}f}/{statistics.median(values):.{digits}f}/{max(values):.{digits}f}"


def report_line(label: str, n: int, runs: list[dict], rate: bool = False) -> str:
    walls = [r["wall"] for r in runs]
    cells = [f"{label:<14}", f"{n:>8}", f"{_stats(walls):>17}"]
    cells.append(f"{_stats([n / w for w in walls], 0) if rate else '-':>17}")
    cells.append(f"{_stats([r['cpu'] for r in runs]):>17}")
    cells.append(f"{_stats([r['proc_mb'] for r in runs], 0):>13}")
    cells.append(f"{_stats([r['pss_mb'] for r in runs], 0):>13}")
    return " ".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--rounds", type=int, default=3, help="rounds at each size (100k: at most the value of --rounds-large)")
    ap.add_argument("--rounds-large", type=int, default=1, help="rounds for sizes over 50k (default 1)")
    ap.add_argument("--jobs", default="2", help="import --jobs values, comma-separated (default 2)")
    ap.add_argument("--src", type=Path, default=None, help="measure the checkout whose src/ this is")
    ap.add_argument("--chromium", action="store_true", help="also render the HTML report in headless Chromium")
    ap.add_argument("--chromium-timeout", type=float, default=300.0)
    ap.add_argument("--keep", type=Path, default=None, help="keep projects and outputs in this folder")
    args = ap.parse_args()

    env = dict(os.environ)
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
    env["NO_COLOR"] = "1"
    cli = [sys.executable, "-m", "transreview.cli"]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if args.chromium and chromium is None:
        raise SystemExit("--chromium: no chromium on PATH (scripts/ci-browser-tests.sh installs it)")
    print(f"{os.cpu_count()} cores; src: {args.src or 'this checkout'}; min/median/max over rounds")
    print(f"{'run':<14} {'pairs':>8} {'seconds':>17} {'pairs/s':>17} {'CPU s':>17} {'max proc MB':>13}"
          f" {'tree PSS MB':>13}")

    def check_ok(r: dict, what: str) -> dict:
        if r["rc"] not in (0, 1):
            raise SystemExit(f"{what} failed ({r['rc']}): {r['stderr']}")
        return r

    with tempfile.TemporaryDirectory(prefix="bench-project-") as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        for n in (int(s) for s in args.sizes.split(",")):
            rounds = args.rounds if n <= 50_000 else min(args.rounds, args.rounds_large)
            path = write_tsv(tmp / f"pairs-{n}.tsv", n)
            db = tmp / f"p{n}.transreview.db"
            for jobs in (int(j) for j in args.jobs.split(",")):
                runs = []
                for _ in range(rounds):
                    for leftover in tmp.glob(db.name + "*"):
                        leftover.unlink()
                    extra = ["--jobs", str(jobs)] if args.src is None or jobs != 1 else []
                    runs.append(check_ok(measure([*cli, "import", str(path), "--db", str(db), *extra], env),
                                         "import"))
                print(report_line(f"import -j{jobs}", n, runs, rate=True), flush=True)
            for label, argv in (
                ("export tsv", [*cli, "export", str(db), "-o", str(tmp / f"out-{n}.tsv")]),
                ("report html", [*cli, "report", str(db), "-o", str(tmp / f"report-{n}.html")]),
                ("report json", [*cli, "report", str(db), "--format", "json", "-o", str(tmp / f"report-{n}.json")]),
            ):
                runs = []
                for _ in range(rounds):
                    for old in tmp.glob(f"out-{n}*"):
                        old.unlink()
                    runs.append(check_ok(measure(argv, env), label))
                print(report_line(label, n, runs), flush=True)
            html = tmp / f"report-{n}.html"
            size = sum(f.stat().st_size for f in tmp.glob(f"report-{n}*") if f.suffix != ".json") / 1e6
            print(f"{'':<14} report-{n}.html and its pages: {size:.1f} MB", flush=True)
            if args.chromium:
                runs = []
                for k in range(rounds):
                    profile = tmp / f"chromium-profile-{k}"
                    r = measure([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                                 html.as_uri()], timeout=args.chromium_timeout)
                    shutil.rmtree(profile, ignore_errors=True)
                    if r["rc"] != 0:
                        print(f"{'':<14} chromium exit {r['rc']} (timeout {args.chromium_timeout:g} s?)")
                    runs.append(r)
                print(report_line("chromium open", n, runs), flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
