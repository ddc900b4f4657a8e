"""The measures of an evaluation, as plain functions on plain values (no I/O, no checks).

* **Character overlap** of predicted and human spans, per side: precision (share of the
  predicted characters that a person marked), recall and F1; and the WMT23 quality-estimation
  task's span F1 (its ``task2_evaluate.py``): a character counts 1 when the predicted and
  the human severity agree, 0.5 when one says major and the other minor, 1 when the person
  marked it both major and minor (overlapping marks) and anything was predicted.
* **Random spans**: each predicted span moved to a random place of the same text, same
  length and severity (a fixed seed): what the same amount of marking scores by chance.
* **Kendall's τ-b** and **pairwise accuracy** (Deutsch et al. 2023, "Ties matter": pairs on
  which both sides agree, a tie on both sides counting as agreement) between a metric and a
  human score, computed in O(n log n) (Knight 1966) so that a bootstrap of a thousand
  resamples of a few thousand segments takes seconds; **bootstrap** percentile intervals.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple


class Mark(NamedTuple):
    """A span to compare: side, start, end (exclusive), severity (``major``/``minor``)."""

    side: str
    start: int
    end: int
    severity: str


@dataclass
class SpanCounts:
    """Characters predicted, marked by people, in both, and the WMT23 weighted matches."""

    predicted: float = 0.0
    gold: float = 0.0
    overlap: float = 0.0
    weighted: float = 0.0

    def add(self, other: SpanCounts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.overlap += other.overlap
        self.weighted += other.weighted

    def scaled(self, factor: float) -> SpanCounts:
        return SpanCounts(self.predicted * factor, self.gold * factor, self.overlap * factor,
                          self.weighted * factor)

    @property
    def precision(self) -> float | None:
        return self.overlap / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.overlap / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    @property
    def wmt_precision(self) -> float | None:
        return self.weighted / self.predicted if self.predicted else None

    @property
    def wmt_recall(self) -> float | None:
        return self.weighted / self.gold if self.gold else None

    @property
    def wmt_f1(self) -> float | None:
        return _f1(self.wmt_precision, self.wmt_recall)


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _chars(marks: Sequence[Mark], side: str, severity: str) -> set[int]:
    out: set[int] = set()
    for m in marks:
        if m.side == side and m.severity == severity:
            out.update(range(m.start, m.end))
    return out


def span_counts(predicted: Sequence[Mark], gold: Sequence[Mark]) -> SpanCounts:
    """Character counts of one segment (see the module docstring)."""
    counts = SpanCounts()
    for side in {m.side for m in predicted} | {m.side for m in gold}:
        p_major, p_minor = _chars(predicted, side, "major"), _chars(predicted, side, "minor")
        g_major, g_minor = _chars(gold, side, "major"), _chars(gold, side, "minor")
        p_any, g_any = p_major | p_minor, g_major | g_minor
        counts.predicted += len(p_any)
        counts.gold += len(g_any)
        counts.overlap += len(p_any & g_any)
        for c in p_any & g_any:
            if c in g_major and c in g_minor:
                counts.weighted += 1
            elif c in g_major:
                counts.weighted += 1 if c in p_major else 0.5
            else:
                counts.weighted += 1 if c in p_minor else 0.5
    return counts


def touches(mark: Mark, others: Sequence[Mark]) -> bool:
    """Whether ``mark`` shares at least one character with one of ``others`` (same side)."""
    return any(o.side == mark.side and o.start < mark.end and mark.start < o.end for o in others)


def random_marks(predicted: Sequence[Mark], lengths: dict[str, int], rng: random.Random) -> list[Mark]:
    """``predicted`` moved to random places of their texts (``lengths``: side -> text length)."""
    out: list[Mark] = []
    for m in predicted:
        width = m.end - m.start
        room = lengths.get(m.side, 0) - width
        start = rng.randint(0, room) if room > 0 else 0
        out.append(Mark(m.side, start, start + width, m.severity))
    return out


class Concordance(NamedTuple):
    """Pair counts of two score lists: all pairs, ties in x, ties in y, ties in both, discordant."""

    pairs: int
    ties_x: int
    ties_y: int
    ties_both: int
    discordant: int

    @property
    def concordant(self) -> int:
        return self.pairs - self.ties_x - self.ties_y + self.ties_both - self.discordant

    @property
    def tau_b(self) -> float | None:
        denom = (self.pairs - self.ties_x) * (self.pairs - self.ties_y)
        if denom <= 0:
            return None
        return (self.concordant - self.discordant) / math.sqrt(denom)

    @property
    def pairwise_accuracy(self) -> float | None:
        """Pairs ordered alike, or tied on both sides, out of all pairs."""
        if not self.pairs:
            return None
        return (self.concordant + self.ties_both) / self.pairs


def _tied_pairs(values: Sequence[object]) -> int:
    """Pairs of equal values in an already sorted sequence."""
    total, run = 0, 1
    for a, b in zip(values, values[1:], strict=False):
        if a == b:
            run += 1
        else:
            total += run * (run - 1) // 2
            run = 1
    return total + run * (run - 1) // 2


def _inversions(values: list[float]) -> int:
    """Pairs i < j with values[i] > values[j], by merge sort (sorts ``values`` in place)."""
    n = len(values)
    if n < 2:
        return 0
    mid = n // 2
    left, right = values[:mid], values[mid:]
    count = _inversions(left) + _inversions(right)
    i = j = k = 0
    while i < len(left) and j < len(right):
        if right[j] < left[i]:
            values[k] = right[j]
            count += len(left) - i
            j += 1
        else:
            values[k] = left[i]
            i += 1
        k += 1
    while i < len(left):
        values[k] = left[i]
        i += 1
        k += 1
    while j < len(right):
        values[k] = right[j]
        j += 1
        k += 1
    return count


def concordance(x: Sequence[float], y: Sequence[float]) -> Concordance:
    """Pair counts of ``x`` against ``y`` in O(n log n) (Knight's algorithm)."""
    if len(x) != len(y):
        raise ValueError("x and y differ in length")
    n = len(x)
    order = sorted(zip(x, y, strict=True))
    ties_x = _tied_pairs([a for a, _ in order])
    ties_both = _tied_pairs(order)
    ys = [b for _, b in order]
    discordant = _inversions(ys)  # ys is now sorted
    ties_y = _tied_pairs(ys)
    return Concordance(n * (n - 1) // 2, ties_x, ties_y, ties_both, discordant)


@dataclass(frozen=True)
class Interval:
    """A statistic with its bootstrap percentile interval (None when undefined)."""

    value: float | None
    low: float | None
    high: float | None

    def to_dict(self) -> dict[str, float | None]:
        return {"value": self.value, "low": self.low, "high": self.high}


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of sorted values, linearly interpolated."""
    if not sorted_values:
        raise ValueError("no values")
    pos = q * (len(sorted_values) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def bootstrap(
    stat: Callable[[Sequence[int]], float | None],
    n: int,
    *,
    resamples: int,
    seed: int,
    confidence: float = 0.95,
) -> Interval:
    """``stat`` of all ``n`` items, and its percentile interval over resamples of the items.

    ``stat`` receives the item indices to use (with repeats in a resample); resamples on
    which it is undefined are left out.
    """
    value = stat(range(n))
    if value is None or n < 2 or resamples < 1:
        return Interval(value, None, None)
    rng = random.Random(seed)
    got = sorted(v for v in (stat([rng.randrange(n) for _ in range(n)]) for _ in range(resamples)) if v is not None)
    if not got:
        return Interval(value, None, None)
    tail = (1 - confidence) / 2
    return Interval(value, percentile(got, tail), percentile(got, 1 - tail))


def correlation(metric: Sequence[float], human: Sequence[float], *, resamples: int, seed: int) -> dict[str, Interval]:
    """Kendall's τ-b and pairwise accuracy of ``metric`` against ``human`` (higher = better on both)."""

    def tau(idx: Sequence[int]) -> float | None:
        return concordance([metric[i] for i in idx], [human[i] for i in idx]).tau_b

    def acc(idx: Sequence[int]) -> float | None:
        return concordance([metric[i] for i in idx], [human[i] for i in idx]).pairwise_accuracy

    n = len(metric)
    return {
        "kendall_tau_b": bootstrap(tau, n, resamples=resamples, seed=seed),
        "pairwise_accuracy": bootstrap(acc, n, resamples=resamples, seed=seed),
    }
