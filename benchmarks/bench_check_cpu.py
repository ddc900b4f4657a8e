"""CPU cost of single checks, µs a pair: min and median of several rounds (process time).

Usage::

    .venv/bin/python benchmarks/bench_check_cpu.py                       # numbers,places; 5k pairs; 5 rounds
    .venv/bin/python benchmarks/bench_check_cpu.py --checks numbers --pairs 20000 --rounds 7
    .venv/bin/python benchmarks/bench_check_cpu.py --checks all --together  # all checks, one analysis a pair

Each round is a fresh process (so whatever a check remembers between pairs starts empty, as
in a run) that reads the generated pairs (:mod:`gen_pairs`, seed 7), warms up on 50 pairs
(dictionaries, gazetteer, jieba) and then runs ``measure`` and ``judge`` of each check over
every pair once, each pair with a fresh :class:`PairAnalysis` as a run builds one, so a check
pays for the shared facts it asks for (the numbers check for the comparison and the address
spans, the places check for the simplified text and the jieba cuts). ``--together`` runs
the checks on one analysis per pair instead, as a run does, so shared facts are paid once.
Without it, a corpus check (omission, consistency) is timed twice: ``collect`` (what pass one
keeps of a pair) and ``measure`` (what pass two measures of a judged pair), and
``sentences`` (a name for ``--checks``, in ``all``) times the sentence splitting of both
sides (``PairAnalysis.sentences``, which omission and the import's alignment share).
Timed with ``time.process_time``: the machine is shared, and CPU time is what other load
skews least (``bench_check.py --profile`` times wall-clock).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pairs import write_tsv  # noqa: E402


def one_round(path: Path, names: list[str] | None, together: bool) -> dict[str, float]:
    """µs a pair of each check (or of all together), one pass over the pairs in this process."""
    from transreview.checks import build_checks
    from transreview.formats import plan_inputs, read_doc
    from transreview.text.analysis import analyse
    from transreview.text.segment import project_tokenizer

    pairs = list(read_doc(plan_inputs([path])[0]))
    tok = project_tokenizer()
    sentences = names is None or "sentences" in names
    every = build_checks(None, None if names is None else [n for n in names if n != "sentences"] or [])
    checks = [c for c in every if not c.corpus_level]
    corpus = [] if together else [c for c in every if c.corpus_level]
    for p in pairs[:50]:
        a = analyse(p, tok)
        for c in checks:
            c.judge(p, c.measure(p, a))
        for c in corpus:
            c.collect(p, a), c.measure(p, a)
    n = len(pairs)
    if together:
        t = time.process_time()
        for p in pairs:
            a = analyse(p, tok)
            for c in checks:
                c.judge(p, c.measure(p, a))
        return {f"{len(checks)} checks together": (time.process_time() - t) / n * 1e6}
    out = {}
    for c in checks:
        t = time.process_time()
        for p in pairs:
            c.judge(p, c.measure(p, analyse(p, tok)))
        out[c.name] = (time.process_time() - t) / n * 1e6
    for c in corpus:
        for step in ("collect", "measure"):
            call = getattr(c, step)
            t = time.process_time()
            for p in pairs:
                call(p, analyse(p, tok))
            out[f"{c.name} {step}"] = (time.process_time() - t) / n * 1e6
    if sentences and not together:
        t = time.process_time()
        for p in pairs:
            a = analyse(p, tok)
            a.sentences("source"), a.sentences("target")
        out["sentences"] = (time.process_time() - t) / n * 1e6
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--checks", default="numbers,places", help="comma-separated, or 'all'")
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--together", action="store_true", help="the checks on one analysis per pair")
    ap.add_argument("--_round", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    names = None if args.checks == "all" else args.checks.split(",")
    if args._round:
        print(json.dumps(one_round(Path(args._round), names, args.together)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = write_tsv(Path(tmp) / "p.tsv", args.pairs, seed=7)
        rounds: list[dict[str, float]] = []
        for _ in range(args.rounds):
            cmd = [sys.executable, __file__, "--checks", args.checks, "--_round", str(path)]
            res = subprocess.run([*cmd, *(["--together"] if args.together else [])],
                                 capture_output=True, text=True, check=True)
            rounds.append(json.loads(res.stdout))
    for name in rounds[0]:
        xs = [r[name] for r in rounds]
        print(f"{name:<20} min {min(xs):7.2f}  median {statistics.median(xs):7.2f}  max {max(xs):7.2f} µs a pair"
              f" ({args.pairs} pairs, {args.rounds} rounds, process time)")


if __name__ == "__main__":
    main()
