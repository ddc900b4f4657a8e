"""CPU cost of jieba's cut as the checks pay it: the route cutter against jieba itself.

Usage::

    .venv/bin/python benchmarks/bench_jieba_cut.py               # 5k generated pairs, 5 rounds
    .venv/bin/python benchmarks/bench_jieba_cut.py --pairs 20000 --rounds 7

The text is every Chinese line of ``corpora/`` and ``../shared/realfiles/`` (when there) and
the targets of generated pairs (:mod:`gen_pairs`, seed 7), cut line by line in order, as a
run meets them. Each round gives the project's tokenizer a fresh
:class:`~transreview.text.jieba_cut.RouteCutter` (its tables empty, as in a new worker) over
its built jieba dictionary and times ``Tokenizer.words`` (what the repetition and glossary
checks, the review UI and the word counts pay) on every line with ``time.process_time``;
jieba's own ``Tokenizer.tokenize`` is timed on the same lines. Prints min/median/max µs a
line and checks that both give the same words. (The places check asks for the ends of the
words of a few runs only: ``bench_check_cpu.py --checks places``.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_pairs import write_tsv  # noqa: E402


def _lines(pairs: int) -> list[str]:
    from transreview.formats import plan_inputs, read_doc
    from transreview.text.chinese import has_han

    out: list[str] = []
    files = sorted((ROOT / "corpora").glob("*.txt"))
    shared = ROOT.parent / "shared" / "realfiles"
    if shared.is_dir():
        files += sorted(p for p in shared.iterdir() if p.is_file())
    for path in files:
        try:
            out += [line for line in path.read_text(encoding="utf-8").splitlines() if has_han(line)]
        except (UnicodeDecodeError, OSError):
            continue
    with tempfile.TemporaryDirectory() as tmp:
        tsv = write_tsv(Path(tmp) / "p.tsv", pairs, seed=7)
        out += [p.target for p in read_doc(plan_inputs([tsv])[0]) if p.target]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    from transreview.text.jieba_cut import RouteCutter
    from transreview.text.segment import project_tokenizer

    lines = _lines(args.pairs)
    tok = project_tokenizer()
    tok.load()
    jieba_tok = tok._jieba
    times: dict[str, list[float]] = {"Tokenizer.words": [], "jieba": []}
    for _ in range(args.rounds):
        tok._cutter = RouteCutter(jieba_tok)
        t = time.process_time()
        ours = [[(s.start, s.end) for s in tok.words(line)] for line in lines]
        times["Tokenizer.words"].append(time.process_time() - t)
        t = time.process_time()
        theirs = [[(s, e) for w, s, e in jieba_tok.tokenize(line) if w.strip()] for line in lines]
        times["jieba"].append(time.process_time() - t)
        if ours != theirs:
            raise SystemExit("the route cutter's words differ from jieba's")
    for name, xs in times.items():
        us = [x / len(lines) * 1e6 for x in xs]
        print(f"{name:<16} min {min(us):6.2f}  median {statistics.median(us):6.2f}  max {max(us):6.2f} µs a line"
              f" ({len(lines)} lines, {args.rounds} rounds, process time; words identical)")


if __name__ == "__main__":
    main()
