"""What a run hands back besides findings, and how results cross process boundaries.

:class:`CheckFailure` is a check that raised on a pair (a bug in the check, not in the
input: see :mod:`transreview.pipeline` for what a run does with one), :class:`RunStats`
what a run learned besides the per-pair results. The ``pack_*``/``unpack_*`` functions turn
pairs, findings and results into plain tuples for worker processes and spool files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from transreview.model import Bead, Finding, Pair, PairResult, SentenceAlignment, Severity, Span


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """A check that raised instead of returning findings (``pair_id`` "*" for judge_corpus)."""

    check: str
    pair_id: str
    doc: str
    line: int | None
    error: str

    def __str__(self) -> str:
        where = self.doc + (f":{self.line}" if self.line is not None else "")
        target = "the corpus" if self.pair_id == "*" else f"pair {self.pair_id}"
        return f"check '{self.check}' failed on {target}" + (f" ({where})" if where else "") + f": {self.error}"


def with_severities(result: PairResult, overrides: Mapping[str, Severity]) -> PairResult:
    """``result`` with the findings of the checks in ``overrides`` at the severity given there
    (the configuration's ``checks.NAME.severity``; used by check and import alike)."""
    if not any(f.check in overrides for f in result.findings):
        return result
    findings = tuple(replace(f, severity=overrides[f.check]) if f.check in overrides else f
                     for f in result.findings)
    return replace(result, findings=findings)


def describe_error(e: BaseException) -> str:
    """A failure's one-line description: the exception's type and the first line of its text."""
    text = str(e).strip().splitlines()
    return type(e).__name__ + (f": {text[0]}" if text else "")


@dataclass
class RunStats:
    """What a run learned besides the per-pair results: counts, failures, metric totals.

    Filled in by :func:`transreview.pipeline.run_checks` while it runs; complete once its
    iterator is exhausted.
    ``metric_totals`` is keyed by "is the target Chinese" (the tokenizer differs).
    """

    pairs: int = 0
    failures: list[CheckFailure] = field(default_factory=list)
    #: Pairs the sentence aligner failed on (runs asked for alignments only).
    align_failures: int = 0
    metric_totals: dict[bool, Any] = field(default_factory=dict)

    def corpus_scores(self) -> dict[str, float]:
        """Corpus BLEU/chrF/TER over the pairs that had a reference ({} if none)."""
        totals = [t for t in self.metric_totals.values() if t.count]
        if len(totals) != 1:
            # Mixed target languages cannot share one tokenizer: score the larger group.
            totals.sort(key=lambda t: -t.count)
        return totals[0].scores() if totals else {}

    def metric_signatures(self) -> dict[str, str]:
        totals = sorted((t for t in self.metric_totals.values() if t.count), key=lambda t: -t.count)
        return totals[0].signatures() if totals else {}

    @property
    def scored_pairs(self) -> int:
        return sum(t.count for t in self.metric_totals.values())


# Frozen slotted dataclasses unpickle through dataclasses' generic __setstate__, which
# looks up the fields on every object: a third of a run's time went there. Pairs and
# findings cross process boundaries and spool files as plain tuples instead.


def pack_pair(p: Pair) -> tuple:
    # Spelled out (not a loop over _PAIR_FIELDS): this runs several times per pair.
    return (p.id, p.source, p.target, p.doc, p.index, p.line, p.reference, p.src_lang, p.tgt_lang,
            dict(p.meta) if p.meta else None)


def unpack_pair(t: tuple) -> Pair:
    return Pair(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], meta=t[9] or {})


def pack_finding(f: Finding) -> tuple:
    return (f.check, f.category, int(f.severity), f.message, f.side, f.start, f.end, f.text, f.suggestion)


def unpack_finding(t: tuple) -> Finding:
    return Finding(t[0], t[1], Severity(t[2]), *t[3:])


def pack_alignment(a: SentenceAlignment | None) -> tuple | None:
    if a is None:
        return None
    return (
        tuple((s.start, s.end) for s in a.src_spans),
        tuple((s.start, s.end) for s in a.tgt_spans),
        tuple((b.src, b.tgt) for b in a.beads),
    )


# Spans and beads are frozen values, and the same ones recur from pair to pair (a bead is
# nearly always one of a handful: 1-1 at 0, 1-1 at 1...). Building each through its frozen
# dataclass __init__ cost 10 µs a pair of an import (every result carries its alignment);
# shared instances cost under 2.
_span = lru_cache(maxsize=1 << 16)(Span)
_bead = lru_cache(maxsize=1 << 12)(Bead)


def unpack_alignment(t: tuple | None) -> SentenceAlignment | None:
    if t is None:
        return None
    return SentenceAlignment(
        tuple([_span(s, e) for s, e in t[0]]), tuple([_span(s, e) for s, e in t[1]]),
        tuple([_bead(src, tgt) for src, tgt in t[2]]),
    )


def pack_result(r: PairResult) -> tuple:
    return (pack_pair(r.pair), tuple(pack_finding(f) for f in r.findings), dict(r.scores) or None,
            pack_alignment(r.alignment))


def unpack_result(t: tuple) -> PairResult:
    return PairResult(
        unpack_pair(t[0]), tuple(unpack_finding(f) for f in t[1]), t[2] or {},
        unpack_alignment(t[3]) if len(t) > 3 else None,
    )


__all__ = [
    "CheckFailure",
    "RunStats",
    "describe_error",
    "pack_alignment",
    "pack_finding",
    "pack_pair",
    "pack_result",
    "unpack_alignment",
    "unpack_finding",
    "unpack_pair",
    "unpack_result",
]
