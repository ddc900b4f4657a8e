"""CPU cost of single checks, µs a pair: min and median of several rounds (process time).

Usage::

    .venv/bin/python benchmarks/bench_check_cpu.py                       # numbers,places; 5k pairs; 5 rounds
    .venv/bin/python benchmarks/bench_check_cpu.py --checks numbers --pairs 20000 --rounds 7
    .venv/bin/python benchmarks/bench_check_cpu.py --part compare      # numbers: compare_pair only

Each round runs ``measure`` and ``judge`` of each check over the generated pairs
(:mod:`gen_pairs`, seed 7), each pair with a fresh :class:`PairAnalysis` as a run builds
one, so a check pays for the shared facts it asks for (the numbers check for the
comparison, the places check for the simplified text and the jieba cuts). Timed with
``time.process_time``: the machine is shared, and CPU time is what other load skews least.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pairs import write_tsv  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--checks", default="numbers,places")
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--part", choices=("check", "compare", "together"), default="check",
                    help="compare: time only the numbers comparison (compare_pair); together: the"
                         " checks named (all if --checks all) on one analysis per pair, as a run does")
    args = ap.parse_args()

    from transreview.checks import build_checks
    from transreview.formats import plan_inputs, read_doc
    from transreview.text.analysis import analyse
    from transreview.text.numbers.compare import compare_pair
    from transreview.text.segment import project_tokenizer

    with tempfile.TemporaryDirectory() as tmp:
        path = write_tsv(Path(tmp) / "p.tsv", args.pairs, seed=7)
        pairs = list(read_doc(plan_inputs([path])[0]))
    tok = project_tokenizer()
    n = len(pairs)
    if args.part == "compare":
        times = []
        for _ in range(args.rounds):
            t = time.process_time()
            for p in pairs:
                compare_pair(p)
            times.append((time.process_time() - t) / n * 1e6)
        print(f"compare_pair  min {min(times):7.2f}  median {statistics.median(times):7.2f} µs a pair ({n} pairs)")
        return
    names = None if args.checks == "all" else args.checks.split(",")
    if args.part == "together":
        checks = [c for c in build_checks(None, names) if not c.corpus_level]
        for p in pairs[:50]:
            a = analyse(p, tok)
            for c in checks:
                c.judge(p, c.measure(p, a))
        times = []
        for _ in range(args.rounds):
            t = time.process_time()
            for p in pairs:
                a = analyse(p, tok)
                for c in checks:
                    c.judge(p, c.measure(p, a))
            times.append((time.process_time() - t) / n * 1e6)
        print(f"{len(checks)} checks together  min {min(times):7.2f}  median {statistics.median(times):7.2f} µs a pair"
              f" ({n} pairs, {args.rounds} rounds)")
        return
    for c in build_checks(None, names):
        for p in pairs[:50]:  # warm-up: dictionaries, gazetteer, jieba
            c.judge(p, c.measure(p, analyse(p, tok)))
        times = []
        for _ in range(args.rounds):
            t = time.process_time()
            for p in pairs:
                c.judge(p, c.measure(p, analyse(p, tok)))
            times.append((time.process_time() - t) / n * 1e6)
        print(f"{c.name:<10} min {min(times):7.2f}  median {statistics.median(times):7.2f} µs a pair"
              f" ({n} pairs, {args.rounds} rounds)")


if __name__ == "__main__":
    main()
