"""Run checks over a stream of pairs.

Placeholder, single-process and in-memory: the interface (``run_checks``) is what the
rest of the package relies on; the process pool and spill-to-disk come later.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from transreview.checks.base import Check
from transreview.model import Finding, Pair, PairResult


def run_checks(pairs: Iterable[Pair], checks: list[Check], jobs: int = 1) -> Iterator[PairResult]:
    """Every pair with its findings, in input order (corpus-level findings included)."""
    pair_list = list(pairs)
    per_pair: list[list[Finding]] = [[] for _ in pair_list]
    for check in checks:
        if check.corpus_level:
            raws = [check.measure(p) for p in pair_list]
            for i, found in enumerate(check.judge_corpus(pair_list, raws)):  # type: ignore[attr-defined]
                per_pair[i].extend(found)
        else:
            for i, p in enumerate(pair_list):
                per_pair[i].extend(check.run(p))
    for p, found in zip(pair_list, per_pair, strict=True):
        yield PairResult(p, tuple(found))
