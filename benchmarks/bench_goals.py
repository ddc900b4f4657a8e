"""The speed goals of ``check`` side by side in one run: against a naive script and the floor.

Usage::

    .venv/bin/python benchmarks/bench_goals.py                    # 20,000 pairs, 3 rounds
    .venv/bin/python benchmarks/bench_goals.py --pairs 100000 --rounds 1

On one generated TSV (``gen_pairs.write_tsv``, seed 1), each round runs, in an order that
rotates from round to round so that load on the machine falls on all alike:

* ``naive``: what a hand-written QA script does at the least for each pair, in a fresh
  interpreter: read the TSV with ``csv``, ``langdetect.detect`` both sides (is the source
  English, the target Chinese? seeded), cut the target with ``jieba.lcut`` (jieba's own
  dictionary);
* ``floor``: the least any EN↔ZH checker must do, in a fresh interpreter: read the TSV with
  ``csv``, ``jieba.lcut`` every target, and six regular expressions over the pair (digits,
  URLs, e-mail addresses, Han characters, Latin words, placeholders);
* ``check --jobs 1`` and ``check --jobs 2``: the real command, every check, ``--format json``;
* ``start-up``: ``check`` on a file of one pair (``--jobs 1``).

Each is timed as a child process (wall seconds; CPU of the whole tree). Printed: pairs/s as
min / median / max, and each goal of issue 16 with the median figures and whether it is met:

- ``check --jobs 2`` ≥ 15× the naive script's pairs/s, and ≥ 6,000 pairs/s;
- ``--jobs 2`` ≥ 1.8× ``--jobs 1``;
- ``--jobs 1`` within 2.5× of the floor (wall time);
- start-up (one pair) ≤ 0.5 s.

On two cores the ratio of ``--jobs 2`` to ``--jobs 1`` is bounded by what runs before the
workers start (imports, the gazetteer: about 0.2 s), so it grows with ``--pairs``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import _measure, transreview_cmd  # noqa: E402
from gen_pairs import write_tsv  # noqa: E402

NAIVE = textwrap.dedent(
    """
    import csv, sys
    import jieba, langdetect
    from langdetect import DetectorFactory
    DetectorFactory.seed = 0
    jieba.setLogLevel(60)
    n = 0
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\\t")
        next(rows)
        for row in rows:
            source, target = row[1], row[2]
            for text in (source, target):
                try:
                    langdetect.detect(text)
                except langdetect.LangDetectException:
                    pass
            jieba.lcut(target)
            n += 1
    print(n)
    """
)

FLOOR = textwrap.dedent(
    r"""
    import csv, re, sys
    import jieba
    jieba.setLogLevel(60)
    PATTERNS = [re.compile(p) for p in (
        r"\d+(?:[.,]\d+)*", r"https?://\S+", r"[\w.+-]+@[\w-]+\.[\w.]+", r"[\u4e00-\u9fff]",
        r"[A-Za-z]+", r"%\d*\$?[sdif@]|\{\w+\}",
    )]
    n = 0
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        next(rows)
        for row in rows:
            source, target = row[1], row[2]
            jieba.lcut(target)
            for p in PATTERNS:
                p.findall(source)
                p.findall(target)
            n += 1
    print(n)
    """
)


def _spread(values: list[float], fmt: str = ".0f") -> str:
    return f"{min(values):{fmt}} / {statistics.median(values):{fmt}} / {max(values):{fmt}}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--also", type=int, action="append", default=[], metavar="PAIRS",
        help="also time --jobs 1 and --jobs 2 on this many pairs, for the ratio at that size "
        "(start-up is a larger share of a small run); repeatable",
    )
    args = ap.parse_args()
    exe = transreview_cmd()
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        path = write_tsv(t / "pairs.tsv", args.pairs, seed=1)
        one = write_tsv(t / "one.tsv", 1, seed=1)
        (t / "naive.py").write_text(NAIVE, encoding="utf-8")
        (t / "floor.py").write_text(FLOOR, encoding="utf-8")
        out = str(t / "out.json")
        runs = {
            "naive": [sys.executable, str(t / "naive.py"), str(path)],
            "floor": [sys.executable, str(t / "floor.py"), str(path)],
            "check --jobs 1": [*exe, "check", str(path), "--format", "json", "-o", out, "--jobs", "1"],
            "check --jobs 2": [*exe, "check", str(path), "--format", "json", "-o", out, "--jobs", "2"],
            "start-up": [*exe, "check", str(one), "--format", "json", "-o", out, "--jobs", "1"],
        }
        sizes = {name: (1 if name == "start-up" else args.pairs) for name in runs}
        for n in args.also:
            bigger = write_tsv(t / f"pairs{n}.tsv", n, seed=1)
            for jobs in (1, 2):
                name = f"{n} --jobs {jobs}"
                runs[name] = [*exe, "check", str(bigger), "--format", "json", "-o", out, "--jobs", str(jobs)]
                sizes[name] = n
        walls: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        names = list(runs)
        for r in range(args.rounds):
            for name in names[r % len(names):] + names[: r % len(names)]:
                res = _measure(runs[name])
                if res["rc"] not in ((0,) if name in ("naive", "floor") else (0, 1)):
                    raise SystemExit(f"{name} failed (exit {res['rc']}): {res['stderr']}")
                walls[name].append(res["wall"])
                cpus[name].append(res["cpu"])
        print(f"{args.pairs} pairs, {args.rounds} rounds; min / median / max")
        for name in names:
            rates = [sizes[name] / w for w in walls[name]]
            print(f"  {name:<15} wall s {_spread(walls[name], '.2f'):>20}   pairs/s {_spread(rates):>22}"
                  f"   CPU s {_spread(cpus[name], '.2f')}")
        med = {name: statistics.median(w) for name, w in walls.items()}
        rate = {name: args.pairs / w for name, w in med.items()}
        goals = [
            ("check --jobs 2 vs naive script", rate["check --jobs 2"] / rate["naive"], ">= 15x", 15.0, True),
            ("check --jobs 2 pairs/s", rate["check --jobs 2"], ">= 6000", 6000.0, True),
            ("--jobs 2 vs --jobs 1", med["check --jobs 1"] / med["check --jobs 2"], ">= 1.8x", 1.8, True),
            ("--jobs 1 vs floor (time)", med["check --jobs 1"] / med["floor"], "<= 2.5x", 2.5, False),
            ("start-up, one pair (s)", med["start-up"], "<= 0.5", 0.5, False),
        ] + [
            (f"--jobs 2 vs --jobs 1 at {n}", med[f"{n} --jobs 1"] / med[f"{n} --jobs 2"], ">= 1.8x", 1.8, True)
            for n in args.also
        ]
        print("goals (medians):")
        for label, value, goal, limit, at_least in goals:
            met = value >= limit if at_least else value <= limit
            print(f"  {label:<32} {value:10.2f}   goal {goal:<8} {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
