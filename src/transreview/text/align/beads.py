"""The Gale–Church bead dynamic programme: priors, the length model, anchor weights.

The maths is described in the package docstring (:mod:`transreview.text.align`).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence

from transreview.model import Bead

# --- priors and the length model ---------------------------------------------------------

#: Gale & Church's bead priors (as in NLTK's gale_church): right for sentences of a
#: translated pair, where omissions are rare.
SENTENCE_PRIORS: Mapping[str, float] = {
    "1-1": 0.89,
    "1-0": 0.0099,
    "0-1": 0.0099,
    "2-1": 0.089,
    "1-2": 0.089,
}
#: Variance of the length difference per source character (Gale & Church's 6.8).
VARIANCE = 6.8
#: Anchor kinds that count even when only one side of the whole input has them.
ALWAYS_USABLE: tuple[str, ...] = ("num:",)
#: Re-estimations of the length ratio from two-sided beads.
RATIO_PASSES = 3
#: Multiples of the plain total length ratio tried as starting points (small inputs only).
RATIO_START_FACTORS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
#: Below this many DP cells the whole grid is searched; above, a band around the diagonal.
FULL_GRID_CELLS = 40_000
#: Half-width of that band, in units, on top of the difference of the two counts (capped).
BAND = 40
BAND_EXTRA_MAX = 400

_MOVES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def _neg_log_two_tail(z: float) -> float:
    """-log P(|Z| ≥ z) for a standard normal Z, stable for large z."""
    z = abs(z)
    if z < 5.0:
        return -math.log(math.erfc(z / math.sqrt(2.0)))
    # asymptotic: erfc(x) ≈ exp(-x²) / (x √π), x = z/√2
    x = z / math.sqrt(2.0)
    return x * x + math.log(x * math.sqrt(math.pi))


def _length_cost(src_len: int, tgt_len: int, ratio: float) -> float:
    expected_src = tgt_len / ratio  # target length in source units
    mean = (src_len + expected_src) / 2.0
    if mean <= 0:
        return 0.0
    delta = (expected_src - src_len) / math.sqrt(mean * VARIANCE)
    return _neg_log_two_tail(delta)


def _anchor_weights(
    src_anchors: Sequence[frozenset[str]], tgt_anchors: Sequence[frozenset[str]]
) -> dict[str, float]:
    """Weight of each usable anchor: log(units / units containing it), inverse frequency.

    Only anchors present on both sides of the input are usable (see the module docstring),
    except numbers (:data:`ALWAYS_USABLE`), which a translation keeps: a number on one side
    only is evidence of an omission or an error. The floor keeps an anchor found in every
    unit (a company's name) a faint signal.
    """
    src_all: set[str] = set().union(*src_anchors) if src_anchors else set()
    tgt_all: set[str] = set().union(*tgt_anchors) if tgt_anchors else set()
    vocab = (src_all & tgt_all) | {a for a in src_all ^ tgt_all if a.startswith(ALWAYS_USABLE)}
    if not vocab:
        return {}
    units = len(src_anchors) + len(tgt_anchors)
    df: dict[str, int] = dict.fromkeys(vocab, 0)
    for anchors in (*src_anchors, *tgt_anchors):
        for a in anchors:
            if a in df:
                df[a] += 1
    return {a: max(0.2, math.log(units / n)) for a, n in df.items()}


def _anchor_sum(s: frozenset[str], t: frozenset[str], weights: Mapping[str, float]) -> float:
    """Anchor cost of a bead whose sides hold anchors ``s`` and ``t``: the weights of the
    anchors on one side only, less those of the anchors on both."""
    total = 0.0
    for a in s ^ t:
        total += weights.get(a, 0.0)
    for a in s & t:
        total -= weights.get(a, 0.0)
    return total


def _bead_anchor_cost(
    memo: dict[tuple[int, int, int, int], float],
    weights: Mapping[str, float],
    src_anchors: Sequence[frozenset[str]],
    tgt_anchors: Sequence[frozenset[str]],
    i0: int, i1: int, j0: int, j1: int,
) -> float:
    """Anchor cost of the bead of source units ``i0:i1`` and target units ``j0:j1`` (one or
    two each), kept in ``memo``: it does not depend on the length ratio, so runs share it."""
    if not weights:
        return 0.0
    key = (i0, i1, j0, j1)
    known = memo.get(key)
    if known is None:
        s = src_anchors[i0] if i1 - i0 == 1 else src_anchors[i0] | src_anchors[i0 + 1]
        t = tgt_anchors[j0] if j1 - j0 == 1 else tgt_anchors[j0] | tgt_anchors[j0 + 1]
        known = memo[key] = _anchor_sum(s, t, weights)
    return known


def _trace(n: int, m: int, move_at: Callable[[int, int], tuple[int, int]]) -> list[Bead]:
    """The beads of the cheapest path, followed back from cell (n, m) by each cell's move."""
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = move_at(i, j)
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _priors_cost(priors: Mapping[str, float]) -> dict[tuple[int, int], float]:
    cost = {}
    for di, dj in _MOVES:
        p = priors.get(f"{di}-{dj}", 0.0)
        if p > 0:
            cost[(di, dj)] = -math.log(p)
    return cost


def _band(src_lens: Sequence[int], tgt_lens: Sequence[int]) -> list[tuple[int, int]]:
    """For each source boundary i, the allowed range [lo, hi] of target boundaries j."""
    n, m = len(src_lens), len(tgt_lens)
    if (n + 1) * (m + 1) <= FULL_GRID_CELLS:
        return [(0, m)] * (n + 1)
    width = BAND + min(abs(n - m), BAND_EXTRA_MAX)
    # centre each row where the target has covered the same share of text as the source
    s_w = list(src_lens) if sum(src_lens) else [1] * n
    t_w = list(tgt_lens) if sum(tgt_lens) else [1] * m
    s_total, t_total = sum(s_w), sum(t_w)
    t_cum = [0.0]
    for v in t_w:
        t_cum.append(t_cum[-1] + v / t_total)
    rows = []
    acc = 0.0
    for i in range(n + 1):
        centre = min(bisect_left(t_cum, acc - 1e-12), m)
        rows.append((max(0, centre - width), min(m, centre + width)))
        if i < n:
            acc += s_w[i] / s_total
    # keep the band connected: each row must reach the previous row's range
    for i in range(1, n + 1):
        lo, hi = rows[i]
        plo, phi = rows[i - 1]
        rows[i] = (min(lo, phi), max(hi, plo))
    rows[0] = (0, rows[0][1])
    rows[n] = (rows[n][0], m)
    return rows


def _run_dp(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    src_anchors: Sequence[frozenset[str]],
    tgt_anchors: Sequence[frozenset[str]],
    weights: Mapping[str, float],
    ratio: float,
    prior_cost: Mapping[tuple[int, int], float],
    anchor_memo: dict[tuple[int, int, int, int], float] | None = None,
) -> tuple[list[Bead], float]:
    """The cheapest beads and their total cost. ``anchor_memo`` keeps the anchor cost of
    each bead between runs with other ratios (it does not depend on the ratio)."""
    n, m = len(src_lens), len(tgt_lens)
    rows = _band(src_lens, tgt_lens)
    inf = math.inf
    # cost[i] maps j -> (cost, move); dicts keep banded rows small
    cost: list[dict[int, tuple[float, tuple[int, int]]]] = [{} for _ in range(n + 1)]
    cost[0][0] = (0.0, (0, 0))

    memo = anchor_memo if anchor_memo is not None else {}

    for i in range(n + 1):
        lo, hi = rows[i]
        row = cost[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best = inf
            best_move = (0, 0)
            for (di, dj), pc in prior_cost.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = cost[pi].get(pj)
                if prev is None:
                    continue
                c = prev[0] + pc
                if di and dj:
                    sl = src_lens[pi] + (src_lens[pi + 1] if di == 2 else 0)
                    tl = tgt_lens[pj] + (tgt_lens[pj + 1] if dj == 2 else 0)
                    c += _length_cost(sl, tl, ratio) + _bead_anchor_cost(
                        memo, weights, src_anchors, tgt_anchors, pi, i, pj, j)
                if c < best:
                    best, best_move = c, (di, dj)
            if best < inf:
                row[j] = (best, best_move)
    if m not in cost[n]:  # cannot happen with 1-0 and 0-1 allowed; guard for odd priors
        raise ValueError("no alignment under the given priors")
    return _trace(n, m, lambda i, j: cost[i][j][1]), cost[n][m][0]


def _run_full_grid(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    src_anchors: Sequence[frozenset[str]],
    tgt_anchors: Sequence[frozenset[str]],
    weights: Mapping[str, float],
    ratios: Sequence[float],
    prior_cost: Mapping[tuple[int, int], float],
    anchor_memo: dict[tuple[int, int, int, int], float],
) -> list[tuple[list[Bead], float]]:
    """What :func:`_run_dp` returns for each of ``ratios`` when the whole grid is searched
    (the band is every cell: every segment of a few sentences), in one pass over the grid.

    The same arithmetic in the same order for each ratio, so the same floats and the same
    tie-breaks: cells in row order, moves in ``prior_cost``'s order, a strictly lower cost
    replacing the best; a cell no move reaches is ``inf`` here where :func:`_run_dp` leaves
    it out, and both skip it. The grid is lists instead of one dict a row, and what does not
    depend on the ratio (the moves, the lengths of a bead, its anchor cost) is worked out
    once for all the ratios: :func:`align` tries six ratios at once.
    """
    n, m = len(src_lens), len(tgt_lens)
    inf = math.inf
    moves = [(di, dj, pc) for (di, dj), pc in prior_cost.items()]
    ks = range(len(ratios))
    score = [[[inf] * len(ratios) for _ in range(m + 1)] for _ in range(n + 1)]
    back = [[[(0, 0)] * len(ratios) for _ in range(m + 1)] for _ in range(n + 1)]
    score[0][0] = [0.0] * len(ratios)
    for i in range(n + 1):
        srow, brow = score[i], back[i]
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best = srow[j]  # all inf
            best_move = brow[j]
            for di, dj, pc in moves:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prevs = score[pi][pj]
                if not (di and dj):
                    for k in ks:
                        prev = prevs[k]
                        if prev == inf:
                            continue
                        c = prev + pc
                        if c < best[k]:
                            best[k], best_move[k] = c, (di, dj)
                    continue
                sl = src_lens[pi] + (src_lens[pi + 1] if di == 2 else 0)
                anchors = _bead_anchor_cost(anchor_memo, weights, src_anchors, tgt_anchors, pi, i, pj, j)
                tl = tgt_lens[pj] + (tgt_lens[pj + 1] if dj == 2 else 0)
                for k in ks:
                    prev = prevs[k]
                    if prev == inf:
                        continue
                    c = prev + pc
                    c += _length_cost(sl, tl, ratios[k]) + anchors
                    if c < best[k]:
                        best[k], best_move[k] = c, (di, dj)
    out: list[tuple[list[Bead], float]] = []
    for k in ks:
        if score[n][m][k] == inf:  # as _run_dp: cannot happen with 1-0 and 0-1 allowed
            raise ValueError("no alignment under the given priors")

        def move_at(i: int, j: int, k: int = k) -> tuple[int, int]:
            return back[i][j][k]

        out.append((_trace(n, m, move_at), score[n][m][k]))
    return out


def _run_one_each(
    src_len: int,
    tgt_len: int,
    s: frozenset[str],
    t: frozenset[str],
    weights: Mapping[str, float],
    ratio: float,
    prior_cost: Mapping[tuple[int, int], float],
) -> tuple[list[Bead], float]:
    """What :func:`_run_dp` returns for one unit a side, with the same arithmetic in the
    same order (so the same floats, ties broken the same way), without building its grid."""
    inf = math.inf
    to_01 = to_10 = None  # the cells (0, 1) and (1, 0): one move reaches each
    for move, pc in prior_cost.items():
        if move == (0, 1):
            to_01 = 0.0 + pc
        elif move == (1, 0):
            to_10 = 0.0 + pc
    best, best_move = inf, (0, 0)
    for move, pc in prior_cost.items():
        if move == (1, 1):
            c = 0.0 + pc
            anchors = _anchor_sum(s, t, weights) if weights else 0.0
            c += _length_cost(src_len, tgt_len, ratio) + anchors
        elif move == (1, 0) and to_01 is not None:
            c = to_01 + pc
        elif move == (0, 1) and to_10 is not None:
            c = to_10 + pc
        else:
            continue
        if c < best:
            best, best_move = c, move
    if best == inf:  # as _run_dp: cannot happen with 1-0 and 0-1 allowed
        raise ValueError("no alignment under the given priors")
    if best_move == (1, 1):
        return [Bead((0,), (0,))], best
    if best_move == (1, 0):  # reached from (0, 1): the target sentence first
        return [Bead((), (0,)), Bead((0,), ())], best
    return [Bead((0,), ()), Bead((), (0,))], best


def _estimate_ratio(
    src_lens: Sequence[int], tgt_lens: Sequence[int], beads: Sequence[Bead] | None
) -> float:
    """Target characters per source character, from two-sided beads when there are any."""
    if beads:
        s = sum(src_lens[k] for b in beads if b.src and b.tgt for k in b.src)
        t = sum(tgt_lens[k] for b in beads if b.src and b.tgt for k in b.tgt)
    else:
        s, t = sum(src_lens), sum(tgt_lens)
    if s <= 0 or t <= 0:
        return 1.0
    return min(max(t / s, 0.02), 50.0)


def align(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    *,
    src_anchors: Sequence[frozenset[str]] | None = None,
    tgt_anchors: Sequence[frozenset[str]] | None = None,
    ratio: float | None = None,
    priors: Mapping[str, float] | None = None,
) -> list[Bead]:
    """Beads covering both sequences in order (every index exactly once).

    ``src_lens``/``tgt_lens`` are unit lengths (characters); ``src_anchors``/``tgt_anchors``
    one set per unit (see :func:`anchor_terms`). ``ratio`` is the expected target length
    per source character; when ``None`` it is estimated from the data, then re-estimated
    from the two-sided beads of each pass (published pages carry untranslated paragraphs
    that would bias a plain total). ``priors`` maps bead kinds to probabilities (default
    :data:`SENTENCE_PRIORS`; a kind left out is not allowed, but 1-0 and 0-1 must stay).
    """
    n, m = len(src_lens), len(tgt_lens)
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    sa = list(src_anchors) if src_anchors is not None else [frozenset()] * n
    ta = list(tgt_anchors) if tgt_anchors is not None else [frozenset()] * m
    if len(sa) != n or len(ta) != m:
        raise ValueError("one anchor set per unit is needed")
    prior_cost = _priors_cost(priors or SENTENCE_PRIORS)
    if (1, 0) not in prior_cost or (0, 1) not in prior_cost:
        raise ValueError("priors must allow 1-0 and 0-1 beads")
    weights = _anchor_weights(sa, ta)

    # The search below often runs the same ratio twice (a start factor's refinement lands
    # on the plain ratio another factor already tried): a run is a pure function of the
    # ratio, so each ratio is computed once. One sentence a side (most segments) has three
    # possible alignments, costed directly as the DP would cost them.
    runs: dict[float, tuple[list[Bead], float]] = {}
    one_each = n == 1 and m == 1
    small = (n + 1) * (m + 1) <= FULL_GRID_CELLS  # as _band: every cell is searched
    anchor_memo: dict[tuple[int, int, int, int], float] = {}

    def run(r: float) -> tuple[list[Bead], float]:
        done = runs.get(r)
        if done is None:
            if one_each:
                done = _run_one_each(src_lens[0], tgt_lens[0], sa[0], ta[0], weights, r, prior_cost)
            elif small:
                (done,) = _run_full_grid(src_lens, tgt_lens, sa, ta, weights, [r], prior_cost, anchor_memo)
            else:
                done = _run_dp(src_lens, tgt_lens, sa, ta, weights, r, prior_cost, anchor_memo)
            runs[r] = done
        return list(done[0]), done[1]

    if ratio is not None:
        return run(ratio)[0]
    # The plain total ratio is biased by untranslated units (a page with nine English-only
    # paragraphs halves it), so start from several multiples of it, keep the cheapest
    # alignment, and re-estimate the ratio from its two-sided beads until it settles.
    total = _estimate_ratio(src_lens, tgt_lens, None)
    factors = RATIO_START_FACTORS if small else (1.0,)
    estimates: dict[float, float] = {}

    def estimate(r: float) -> float:
        """The ratio re-estimated from the beads of ``run(r)`` (which must have run)."""
        found = estimates.get(r)
        if found is None:
            found = estimates[r] = _estimate_ratio(src_lens, tgt_lens, runs[r][0])
        return found

    if small and not one_each:  # every start ratio in one pass over the grid
        starts = list(dict.fromkeys(total * f for f in factors))
        runs.update(zip(starts, _run_full_grid(src_lens, tgt_lens, sa, ta, weights, starts, prior_cost,
                                               anchor_memo), strict=True))
    best_beads, best_cost, est = [], math.inf, total
    for f in factors:
        r = total * f
        beads, cost = run(r)
        refined = estimate(r)
        if abs(refined - r) / r >= 0.02:
            beads2, cost2 = run(refined)
            if cost2 < cost:
                beads, cost, r = beads2, cost2, refined
        if cost < best_cost:
            best_beads, best_cost, est = beads, cost, r
    for _ in range(RATIO_PASSES):
        new = estimate(est)  # best_beads are run(est)'s
        if abs(new - est) / est < 0.02:
            break
        beads, cost = run(new)
        est = new
        if beads == best_beads or cost >= best_cost:
            break
        best_beads, best_cost = beads, cost
    return best_beads


def unit_length(text: str) -> int:
    """Length used for alignment: non-space characters, so NBSP runs and indents do not count.

    Counted as the lengths of ``text.split()``'s pieces (str.split cuts at exactly what
    str.isspace accepts), several times faster than testing every character."""
    return sum(map(len, text.split()))


__all__ = ["SENTENCE_PRIORS", "align", "unit_length"]
