"""One evaluation: findings of the checks against the annotated segments, as a plain dict.

The findings are grouped by the name each finding carries (``Finding.check``), not by the
registry, so any check's findings are scored, a quality-estimation backend's included, and a
project's stored findings as well as a fresh run's. The result is a JSON-ready dict (the
``--format json`` report); the text and Markdown renderings read that dict.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from transreview.evaluate.metrics import (
    Mark,
    SpanCounts,
    correlation,
    random_marks,
    span_counts,
    touches,
)
from transreview.evaluate.model import AnnotatedSegment
from transreview.model import Finding, Severity, risk_score

#: Random placements averaged for the random-span baseline.
RANDOM_DRAWS = 10
ALL = "(all checks)"


def counted(fs: Sequence[Finding]) -> list[Finding]:
    """The findings that claim an error: minor and above (a neutral one only asks for a look,
    and weighs nothing in the queue's risk)."""
    return [f for f in fs if f.severity >= Severity.MINOR]


def finding_mark(f: Finding) -> Mark | None:
    """A spanned finding as a mark (critical counts as major); None if unspanned or neutral."""
    if f.severity < Severity.MINOR or f.start is None or f.end is None or f.end <= f.start:
        return None
    return Mark(f.side, f.start, f.end, "major" if f.severity >= Severity.MAJOR else "minor")


def gold_marks(seg: AnnotatedSegment) -> list[Mark]:
    return [Mark(s.side, s.start, s.end, s.severity) for s in seg.spans if s.start is not None and s.end is not None
            and s.end > s.start]


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _span_block(counts: SpanCounts) -> dict[str, float | None]:
    return {
        "predicted_chars": counts.predicted,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
        "wmt23_precision": counts.wmt_precision,
        "wmt23_recall": counts.wmt_recall,
        "wmt23_f1": counts.wmt_f1,
    }


def _check_row(name: str, segs: Sequence[AnnotatedSegment], found: Sequence[list[Finding]],
               gold: Sequence[list[Mark]], rng: random.Random) -> dict[str, Any]:
    n_err = sum(s.has_error for s in segs)
    n_major = sum(s.has_major for s in segs)
    n_clean = len(segs) - n_err
    fired = [bool(counted(fs)) for fs in found]
    fired_major = [any(f.severity >= Severity.MAJOR for f in fs) for fs in found]
    real = SpanCounts()
    chance = SpanCounts()
    spanned = 0
    for seg, fs, g in zip(segs, found, gold, strict=True):
        marks = [m for m in map(finding_mark, fs) if m is not None]
        spanned += len(marks)
        real.add(span_counts(marks, g))
        if marks:
            lengths = {"source": len(seg.pair.source), "target": len(seg.pair.target)}
            for _ in range(RANDOM_DRAWS):
                chance.add(span_counts(random_marks(marks, lengths, rng), g).scaled(1 / RANDOM_DRAWS))
    row: dict[str, Any] = {
        "check": name,
        "findings": sum(len(fs) for fs in found),
        "neutral": sum(f.severity is Severity.NEUTRAL for fs in found for f in fs),
        "spanned": spanned,
        "segments_flagged": sum(fired),
        "segment_precision": _ratio(sum(f and s.has_error for f, s in zip(fired, segs, strict=True)), sum(fired)),
        "segment_precision_random": _ratio(n_err, len(segs)),
        "major_segments_flagged": sum(fired_major),
        "major_segment_precision": _ratio(
            sum(f and s.has_major for f, s in zip(fired_major, segs, strict=True)), sum(fired_major)),
        "major_segment_precision_random": _ratio(n_major, len(segs)),
        "flags_major_marked": _ratio(sum(f and s.has_major for f, s in zip(fired, segs, strict=True)), n_major),
        "flags_error_free": _ratio(sum(f and not s.has_error for f, s in zip(fired, segs, strict=True)), n_clean),
        "span": _span_block(real),
        "span_random": _span_block(chance),
    }
    decisions = [(f, status) for s in segs for f, status in s.decisions if name in (ALL, f.check)]
    if decisions:
        confirmed = sum(status == "confirmed" for _, status in decisions)
        row["reviewer_confirmed"] = confirmed
        row["reviewer_dismissed"] = len(decisions) - confirmed
        row["reviewer_precision"] = confirmed / len(decisions)
    return row


def _categories(segs: Sequence[AnnotatedSegment], found: Sequence[list[Finding]],
                rng: random.Random) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for seg, fs in zip(segs, found, strict=True):
        marks = [(f.check, m) for f in fs if (m := finding_mark(f)) is not None]
        lengths = {"source": len(seg.pair.source), "target": len(seg.pair.target)}
        draws = [random_marks([m for _, m in marks], lengths, rng) for _ in range(RANDOM_DRAWS)]
        for span in seg.spans:
            row = rows.setdefault(span.category, {"category": span.category, "marks": 0, "major": 0,
                                                  "unplaced": 0, "touched": 0, "touched_random": 0.0,
                                                  "by_check": {}})
            row["marks"] += 1
            row["major"] += span.severity == "major"
            if span.start is None or span.end is None or span.end <= span.start:
                row["unplaced"] += 1
                continue
            gm = Mark(span.side, span.start, span.end, span.severity)
            hit = {c for c, m in marks if touches(m, [gm])}
            row["touched"] += bool(hit)
            for c in hit:
                row["by_check"][c] = row["by_check"].get(c, 0) + 1
            row["touched_random"] += sum(touches(gm, d) for d in draws) / RANDOM_DRAWS
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["marks"], r["category"])):
        placed = row["marks"] - row["unplaced"]
        row["recall"] = _ratio(row["touched"], placed)
        row["recall_random"] = _ratio(row["touched_random"], placed)
        row["by_check"] = dict(sorted(row["by_check"].items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(row)
    return out


def _interval_dict(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v.to_dict() for k, v in d.items()}


def evaluate(
    segments: Sequence[AnnotatedSegment],
    findings: Sequence[Sequence[Finding]],
    *,
    checks: Sequence[str] | None = None,
    resamples: int = 1000,
    seed: int = 1,
    scores: Sequence[Mapping[str, float]] | None = None,
) -> dict[str, Any]:
    """The evaluation of ``findings`` (one list per segment) against ``segments``.

    ``checks``: the names to report one row for (default: every name among the findings),
    besides the row of all findings together. ``scores``: per segment, segment scores by
    name (higher = better, as a quality-estimation score is); each name is correlated with
    the human score like the queue's risk, over the segments that have it.
    """
    if len(segments) != len(findings):
        raise ValueError("one list of findings per segment")
    found = [list(fs) for fs in findings]
    names = sorted({f.check for fs in found for f in fs}) if checks is None else list(checks)
    gold = [gold_marks(s) for s in segments]
    rng = random.Random(seed)
    rows = [_check_row(ALL, segments, found, gold, rng)]
    for name in names:
        rows.append(_check_row(name, segments, [[f for f in fs if f.check == name] for fs in found], gold, rng))
    scored = [(i, s.quality) for i, s in enumerate(segments) if s.quality is not None]
    human = [float(q) for _, q in scored]
    risk = [-risk_score(found[i]) for i, _ in scored]  # higher = better, as the human score
    length = [-float(len(segments[i].pair.target)) for i, _ in scored]
    report: dict[str, Any] = {
        "segments": len(segments),
        "with_errors": sum(s.has_error for s in segments),
        "with_major": sum(s.has_major for s in segments),
        "human_spans": sum(len(s.spans) for s in segments),
        "seed": seed,
        "resamples": resamples,
        "checks": rows,
        "categories": _categories(segments, found, random.Random(seed + 1)),
        "risk": {
            "segments": len(scored),
            "risk": _interval_dict(correlation(risk, human, resamples=resamples, seed=seed)),
            "baseline_target_length": _interval_dict(correlation(length, human, resamples=resamples, seed=seed)),
        },
    }
    names_scored = sorted({k for d in scores or () for k in d})
    if names_scored and scores is not None:
        report["risk"]["scores"] = {}
        for key in names_scored:
            have = [(d[key], s.quality) for d, s in zip(scores, segments, strict=True)
                    if key in d and s.quality is not None]
            report["risk"]["scores"][key] = {
                "segments": len(have),
                **_interval_dict(correlation([float(a) for a, _ in have], [float(q) for _, q in have],
                                             resamples=resamples, seed=seed)),
            }
    return report
