"""Review risk: the order in which a reviewer's minutes find the most.

The review queue's "risk" order used to sum MQM weights, so 29 half-width commas (29 × minor)
outranked one wrong place name (one critical, 25), and a paragraph with one comma came last
even when its words were garbled. Risk now weighs *severity* and *confidence*, not counts:

- A finding's points are its MQM weight (neutral 0, minor 1, major 5, critical 25) times
  its confidence: 5 for what a person stated (a reviewer's finding or quick span, or a
  check finding a reviewer confirmed), 4 for a check's finding still open (a check can be
  wrong; a person who looked has settled it).
- A pair's risk is its worst finding's points, plus one for each *further* finding that
  carries points, at most :data:`MAX_EXTRA`: more findings break ties within a severity but
  never lift a pair over the next severity (worst minor 4 + 3 < open major 20).
- A pair whose target is empty (nothing translated, nothing corrected) has risk
  :data:`UNTRANSLATED` at most: there is no translation to read, its omission finding says
  all there is to say, and it must not push translated paragraphs with unseen errors (a
  garbled 可持续搞的游客 that no check catches) to the end of the queue. Filter on the
  omission category to work through those.

*Quality estimation.* Where ``transreview qe`` stored a segment score (0–1, higher is
better), :func:`estimate_points` adds up to :data:`ESTIMATE_POINTS` to the pair's risk: 3
below 1/6, 2 below 1/2, 1 below 5/6. Among pairs of the same worst severity the one the
model doubts comes first, and a pair no check flagged but the model scores badly (a garbled
sentence, a wrong-sense word) no longer sits at 0 among the clean ones; it never outranks
an open minor finding (4), so a model's guess does not push what a rule found down. Fixed
thresholds rather than rounding: SQLite and PostgreSQL round and cast floats differently,
comparisons with the same doubles agree everywhere.

The store computes risk in SQL (one statement refreshes a whole document after an import,
as an index-friendly integer); :func:`pair_risk` is the same rule in Python, the one the
tests check the SQL against.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

# Names the rule below. Projects keep risk in ``pair_state``; a project whose stored rule
# differs (written before this rule, or by another version) is recomputed once when a
# review session opens it (:meth:`transreview.review.ReviewSession.__init__`), so the queue
# never mixes two scales. Change it whenever the rule or its numbers change.
RISK_RULE = "severity-confidence@2"  # @2: plus the quality-estimation points
RISK_META = "risk_rule"  # the project meta key holding the rule its stored risks follow

CONFIRMED_CONFIDENCE = 5
OPEN_CONFIDENCE = 4
MAX_EXTRA = 3
UNTRANSLATED = 1
ESTIMATE_POINTS = 3


class Weighted(Protocol):
    """A severity as risk sees it (:class:`transreview.model.Severity`): its MQM weight. Typed
    by shape so that this module imports nothing and the value types can use it."""

    @property
    def weight(self) -> int: ...


@dataclass(frozen=True, slots=True)
class RiskInput:
    """What risk needs to know about one live (open or confirmed) finding."""

    severity: Weighted
    stated: bool  # by a person: a reviewer's own finding, or a check finding they confirmed


def finding_points(f: RiskInput) -> int:
    return f.severity.weight * (CONFIRMED_CONFIDENCE if f.stated else OPEN_CONFIDENCE)


# Score thresholds of estimate_points, as the doubles the SQL compares with too.
_QE_BELOW = ((1 / 6, 3), (1 / 2, 2), (5 / 6, 1))


def estimate_points(qe_score: float | None) -> int:
    """Risk points of a stored quality-estimation score (None: no score, 0 points)."""
    if qe_score is None:
        return 0
    for limit, points in _QE_BELOW:
        if qe_score < limit:
            return points
    return 0


def pair_risk(findings: Iterable[RiskInput], *, untranslated: bool = False,
              qe_score: float | None = None) -> int:
    """The queue risk of one pair from its live findings and its quality-estimation score
    (see the module docstring). An empty target ignores the score: there is nothing to judge."""
    points = [p for p in (finding_points(f) for f in findings) if p > 0]
    risk = max(points) + min(MAX_EXTRA, len(points) - 1) if points else 0
    if untranslated:
        return min(risk, UNTRANSLATED)
    return risk + estimate_points(qe_score)


# The same rule in SQL, over ``findings f`` of one ``pair_state`` row (``{live}`` selects the
# pair's live findings; ``{untranslated}`` is true when its target is empty and uncorrected).
_POINTS_SQL = (
    "((CASE WHEN f.neutral = 1 THEN 0 WHEN f.severity = 3 THEN 25 WHEN f.severity = 2 THEN 5 ELSE 1 END)"
    f" * (CASE WHEN f.status = 'confirmed' OR f.origin <> 'check' THEN {CONFIRMED_CONFIDENCE}"
    f" ELSE {OPEN_CONFIDENCE} END))"
)
RISK_SQL = (
    "(CASE WHEN {untranslated} THEN"
    f" (CASE WHEN EXISTS (SELECT 1 FROM findings f WHERE {{live}} AND f.neutral = 0) THEN {UNTRANSLATED} ELSE 0 END)"
    f" ELSE COALESCE((SELECT MAX({_POINTS_SQL})"
    f" + (CASE WHEN COUNT(*) - 1 > {MAX_EXTRA} THEN {MAX_EXTRA} ELSE COUNT(*) - 1 END)"
    " FROM findings f WHERE {live} AND f.neutral = 0), 0) + {estimate} END)"
)
#: ``{estimate}`` of RISK_SQL: the points of the pair's stored QE score (``{pair}``: its id).
ESTIMATE_SQL = (
    "COALESCE((SELECT CASE WHEN q.score IS NULL THEN 0"
    + "".join(f" WHEN q.score < {limit!r} THEN {points}" for limit, points in _QE_BELOW)
    + " ELSE 0 END FROM qe_scores q WHERE q.pair_id = {pair}), 0)"
)
