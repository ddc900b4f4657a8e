"""The evaluation's measures on tiny cases computed by hand (issue 14)."""

from __future__ import annotations

import math
import random

import pytest

from transreview.evaluate.metrics import (
    Mark,
    bootstrap,
    concordance,
    percentile,
    random_marks,
    span_counts,
    touches,
)


def test_span_counts_overlap_and_wmt23_half_credit() -> None:
    # predicted chars 0-3 (major), human chars 2-5 (minor): 2 shared chars, each half credit
    c = span_counts([Mark("target", 0, 4, "major")], [Mark("target", 2, 6, "minor")])
    assert (c.predicted, c.gold, c.overlap, c.weighted) == (4, 4, 2, 1.0)
    assert c.precision == 0.5 and c.recall == 0.5 and c.f1 == 0.5
    assert c.wmt_precision == 0.25 and c.wmt_recall == 0.25 and c.wmt_f1 == 0.25


def test_span_counts_same_severity_full_credit_and_double_marked_char() -> None:
    # human: 0-1 major, 1-2 minor (char 1 marked both); predicted minor on char 1 and 2
    c = span_counts([Mark("target", 1, 3, "minor")], [Mark("target", 0, 2, "major"), Mark("target", 1, 3, "minor")])
    # chars: predicted {1,2}; gold {0,1,2}; char 1 both -> 1; char 2 minor/minor -> 1
    assert (c.predicted, c.gold, c.overlap, c.weighted) == (2, 3, 2, 2.0)
    assert c.wmt_precision == 1.0
    assert c.wmt_recall == pytest.approx(2 / 3)


def test_span_counts_sides_do_not_mix() -> None:
    c = span_counts([Mark("source", 0, 2, "major")], [Mark("target", 0, 2, "major")])
    assert (c.predicted, c.gold, c.overlap) == (2, 2, 0)
    assert c.precision == 0.0 and c.f1 == 0.0


def test_span_counts_empty_is_undefined_not_zero() -> None:
    c = span_counts([], [])
    assert c.precision is None and c.recall is None and c.f1 is None


def test_touches_needs_a_shared_character_on_the_same_side() -> None:
    m = Mark("target", 2, 4, "minor")
    assert touches(m, [Mark("target", 3, 9, "major")])
    assert not touches(m, [Mark("target", 4, 9, "major")])  # end is exclusive
    assert not touches(m, [Mark("source", 2, 4, "major")])


def test_concordance_by_hand() -> None:
    # pairs (1,2) and (1,3) agree, (2,3) disagree: tau-b = (2-1)/3, accuracy 2/3
    c = concordance([1, 2, 3], [1, 3, 2])
    assert (c.pairs, c.concordant, c.discordant) == (3, 2, 1)
    assert c.tau_b == pytest.approx(1 / 3)
    assert c.pairwise_accuracy == pytest.approx(2 / 3)


def test_concordance_with_ties_by_hand() -> None:
    # x ties: (0,1), (2,3); y ties: (2,3); both: (2,3); the four cross pairs agree
    c = concordance([0, 0, 1, 1], [1, 2, 3, 3])
    assert (c.pairs, c.ties_x, c.ties_y, c.ties_both, c.discordant, c.concordant) == (6, 2, 1, 1, 0, 4)
    assert c.tau_b == pytest.approx(4 / math.sqrt(4 * 5))
    assert c.pairwise_accuracy == pytest.approx(5 / 6)  # a tie on both sides agrees


def test_concordance_undefined_when_one_side_is_constant() -> None:
    assert concordance([1, 1, 1], [1, 2, 3]).tau_b is None
    assert concordance([], []).pairwise_accuracy is None


def _brute(x: list[float], y: list[float]) -> tuple[int, int, int, int, int]:
    c = d = tx = ty = tb = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0 and dy == 0:
                tb += 1
            elif dx == 0:
                tx += 1
            elif dy == 0:
                ty += 1
            elif (dx > 0) == (dy > 0):
                c += 1
            else:
                d += 1
    return c, d, tx + tb, ty + tb, tb


@pytest.mark.parametrize("seed", range(8))
def test_concordance_agrees_with_the_quadratic_count(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 60)
    x = [float(rng.randint(0, 4)) for _ in range(n)]  # many ties, as a risk score has
    y = [float(rng.randint(0, 9)) for _ in range(n)]
    c = concordance(x, y)
    assert (c.concordant, c.discordant, c.ties_x, c.ties_y, c.ties_both) == _brute(x, y)


def test_percentile_interpolates() -> None:
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([1, 2, 3, 4], 0.0) == 1
    assert percentile([1, 2, 3, 4], 1.0) == 4


def test_bootstrap_is_seeded_and_brackets_the_value() -> None:
    data = [0.1, 0.4, 0.5, 0.9, 0.3, 0.7, 0.2, 0.8]

    def mean(idx):
        idx = list(idx)
        return sum(data[i] for i in idx) / len(idx)

    a = bootstrap(mean, len(data), resamples=200, seed=7)
    b = bootstrap(mean, len(data), resamples=200, seed=7)
    assert a == b
    assert a.value == pytest.approx(sum(data) / len(data))
    assert a.low is not None and a.high is not None and a.low < a.value < a.high
    const = bootstrap(lambda idx: 1.0, 5, resamples=50, seed=1)
    assert (const.value, const.low, const.high) == (1.0, 1.0, 1.0)
    assert bootstrap(mean, len(data), resamples=0, seed=1).low is None


def test_random_marks_keep_length_side_severity_and_stay_in_the_text() -> None:
    marks = [Mark("target", 3, 7, "major"), Mark("source", 0, 2, "minor")]
    lengths = {"target": 10, "source": 2}
    for seed in range(20):
        moved = random_marks(marks, lengths, random.Random(seed))
        for m, r in zip(marks, moved, strict=True):
            assert (r.side, r.severity, r.end - r.start) == (m.side, m.severity, m.end - m.start)
            assert 0 <= r.start and r.end <= lengths[m.side]
    assert random_marks(marks, lengths, random.Random(3)) == random_marks(marks, lengths, random.Random(3))
