"""The corpus checks' flat-memory states (issue 6): same findings, compact storage.

Omission's band comes from a histogram of length ratios instead of a list: its medians
must be the standard library's, to the bit. Consistency spills its hash records to bucket
files past SPILL_RECORDS: the findings must not change when it does.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import Counter

import pytest

from transreview.checks import consistency
from transreview.checks.consistency import ConsistencyCheck
from transreview.checks.omission import OmissionCheck, _median
from transreview.model import Pair
from transreview.text.analysis import analyse


@pytest.mark.parametrize("seed", range(30))
def test_histogram_median_is_the_stdlib_median(seed: int) -> None:
    rng = random.Random(seed)
    values = [math.log(rng.randint(20, 400) / rng.randint(10, 150)) for _ in range(rng.randint(1, 60))]
    values += values[: rng.randint(0, len(values))]  # repeated ratios, as real lengths give
    assert _median(Counter(values)) == statistics.median(values)


@pytest.mark.parametrize("values,expected", [([3.0], 3.0), ([1.0, 5.0], 3.0), ([2.0, 2.0, 9.0], 2.0),
                                             ([1.0, 1.0, 4.0, 8.0], 2.5)])
def test_histogram_median_by_hand(values: list[float], expected: float) -> None:
    assert _median(Counter(values)) == expected


def test_band_is_the_one_the_list_gave() -> None:
    rng = random.Random(1)
    usable = [math.log(rng.randint(60, 300) / rng.randint(20, 100)) for _ in range(500)]
    lo, hi, basis = OmissionCheck._band(Counter(usable))
    med = statistics.median(usable)
    mad = max(statistics.median(abs(r - med) for r in usable), 0.1)
    half = max(3.5 * mad / 0.6745, math.log(1.8))
    assert (lo, hi) == (med - half, med + half)
    assert basis == f"this run's median {math.exp(med):.2f}"


def test_too_few_pairs_use_the_prior_band() -> None:
    lo, hi, basis = OmissionCheck._band(Counter({0.9: 19}))
    assert (lo, hi) == (math.log(1.2), math.log(6.0)) and basis == "the expected 1.2–6.0"


def _pairs() -> list[Pair]:
    """Sources A..E; A and C come back translated differently; T is shared by two long sources."""
    rows = [
        ("a1", "Energy efficiency matters a lot.", "能源效率很重要。"),
        ("b1", "The delegation visited Taiyuan.", "代表团访问了太原。"),
        ("c1", "Coal output fell sharply last year.", "去年煤炭产量大幅下降。"),
        ("a2", "Energy efficiency matters a lot.", "能效非常重要。"),         # A, other target
        ("b2", "The delegation visited Taiyuan.", "代表团访问了太原。"),       # B, same target: fine
        ("t1", "The visit resulted in several MOUs.", "此次访问签署了多项谅解备忘录。"),
        ("t2", "The trip produced a number of agreements.", "此次访问签署了多项谅解备忘录。"),  # shared target
        ("c2", "coal output  fell sharply last year.", "去年煤炭产量急剧下降。"),  # C (normalised), other target
        ("a3", "Energy efficiency matters a lot.", "能源效率很重要。"),         # A, same as first: fine
    ]
    return [Pair(i, s, t, doc="d.tsv", index=k) for k, (i, s, t) in enumerate(rows)]


EXPECTED = {
    "a2": ["the same source is translated as '能源效率很重要。' in a1: two variants, choose one"],
    "t2": ["the same translation is used in t1 for a different source: 'The visit resulted in several MOUs.'"],
    "c2": ["the same source is translated as '去年煤炭产量大幅下降。' in c1: two variants, choose one"],
}


@pytest.mark.parametrize("spill,buckets", [(1 << 16, 32), (1, 1), (2, 3), (3, 32)])
def test_consistency_findings_do_not_depend_on_spilling(
    monkeypatch: pytest.MonkeyPatch, spill: int, buckets: int
) -> None:
    monkeypatch.setattr(consistency, "SPILL_RECORDS", spill)
    monkeypatch.setattr(consistency, "BUCKETS", buckets)
    check = ConsistencyCheck()
    pairs = _pairs()
    out = check.judge_corpus(pairs, [check.measure(p, analyse(p)) for p in pairs])
    got = {p.id: [f.message for f in fs] for p, fs in zip(pairs, out, strict=True) if fs}
    assert got == EXPECTED


def test_consistency_state_keeps_texts_only_of_named_pairs() -> None:
    check = ConsistencyCheck()
    pairs = _pairs()
    state = check.corpus_state()
    for i, p in enumerate(pairs):
        state.add(i, p, check.collect(p, analyse(p)))
    state.finish()
    for i, p in enumerate(pairs):
        state.see(i, p)
    assert sorted(state.seen) == [0, 2, 5]  # a1, c1, t1: the first pairs findings name
