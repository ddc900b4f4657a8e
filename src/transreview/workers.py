"""The worker side of a run: checks built once per process, pairs measured and judged.

A worker (a process of the local pool, a Dask worker, or the parent itself: with
``jobs=1``, and between results with a local pool)
rebuilds the check objects once from their specs (class and parameters: plain, picklable
values) and takes the project's tokenizer, then processes chunks of packed pairs. Each pair
is analysed once (:class:`~transreview.text.analysis.PairAnalysis`, handed to every check)
and its answer is an :data:`Item`: the per-pair checks' findings, each corpus check's
measurement (judged in the parent, which holds the corpus statistics), the pair's metric
scores, the checks that failed on it and, when the run asks for it (an import), the
sentence alignment of the pair's analysis: computed once whether omission used it or not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from transreview.checks.base import BaseCheck, CheckSpec
from transreview.errors import TransreviewError
from transreview.model import Finding, Pair
from transreview.results import (
    CheckFailure,
    describe_error,
    pack_alignment,
    pack_finding,
    unpack_pair,
)
from transreview.text.analysis import PairAnalysis

if TYPE_CHECKING:
    from transreview.text.segment import Tokenizer

#: One pair's answer: (findings, corpus checks' raws, scores, metric stats, failures, alignment).
#: The alignment is packed (:func:`~transreview.results.pack_alignment`), None when not asked
#: for or a side is empty, or :data:`ALIGN_FAILED`.
Item = tuple[
    tuple[Finding, ...], tuple[Any, ...], dict[str, float] | None, Any, tuple[CheckFailure, ...], Any
]

#: An Item's alignment when the aligner raised on the pair (a bug in the aligner, not the input).
ALIGN_FAILED = "align-failed"


class _Missing:
    """A corpus check's raw for a pair whose measure raised; one instance, even across processes."""

    def __reduce__(self) -> str:
        return "MISSING"  # pickled by name: unpickles to this module's instance


MISSING = _Missing()

_state: dict[str, Any] = {}


def init_worker(specs: Sequence[CheckSpec], scores: bool, alignments: bool = False) -> None:
    """Build the checks once per process (pool initializer, or inline for jobs=1)."""
    from transreview.text.segment import project_tokenizer

    _state["checks"] = [cls(**params) for cls, params in specs]
    _state["scores"] = scores
    _state["alignments"] = alignments
    _state["tokenizer"] = project_tokenizer()  # its jieba dictionary loads on the first cut


def worker_tokenizer() -> Tokenizer:
    """The tokenizer :func:`init_worker` took in this process."""
    return _state["tokenizer"]


def worker_checks() -> list[BaseCheck]:
    """The checks :func:`init_worker` built in this process."""
    return _state["checks"]


def process_pair(
    checks: Sequence[BaseCheck], pair: Pair, scores: bool, tokenizer: Tokenizer, alignments: bool = False
) -> Item:
    """One pair through every check: findings, corpus raws, scores, failures and alignment.

    Every measurement of a run's second pass is taken here, at one call of ``measure`` with
    the pair's one analysis; per-pair checks are judged at once, corpus checks' measurements
    go back to the parent. ``alignments``: also return the pair's sentence alignment.
    """
    analysis = PairAnalysis(pair, tokenizer)
    findings: list[Finding] = []
    raws: list[Any] = []
    failures: list[CheckFailure] = []
    for check in checks:
        # Class attributes, not isinstance against the abstract check classes: that costs a
        # few microseconds a call, paid for every pair and check. Corpus statistics come
        # from ``collect`` in pass one; a corpus check is measured again only for what
        # judging one pair needs (omission's beads).
        per_pair = not check.corpus_level
        try:
            raw = check.measure(pair, analysis) if per_pair or check.measures_in_judging else None
            if per_pair:
                findings.extend(check.judge(pair, raw))  # type: ignore[attr-defined]
            else:
                raws.append(raw)
        except TransreviewError:
            raise
        except Exception as e:  # noqa: BLE001 - any bug in a check becomes a CheckFailure
            failures.append(CheckFailure(check.name, pair.id, pair.doc, pair.line, describe_error(e)))
            if not per_pair:
                raws.append(MISSING)
    pair_scores = stats = None
    if scores and pair.reference:
        from transreview.metrics import scorer_for

        sc = scorer_for(pair.tgt_lang)
        stats = sc.stats(pair.target, pair.reference)
        pair_scores = sc.sentence_scores(stats)
    alignment: Any = None
    if alignments and pair.source and pair.target:
        try:
            alignment = pack_alignment(analysis.alignment)
        except Exception:  # noqa: BLE001 - the pair is stored unaligned and the import says so
            alignment = ALIGN_FAILED
    return tuple(findings), tuple(raws), pair_scores, stats, tuple(failures), alignment


def process_chunk(packed: list[tuple]) -> list[tuple] | str:
    """Worker entry: the chunk's items (findings packed), or a TransreviewError's message."""
    try:
        out: list[tuple] = []
        for t in packed:
            found, raws, sc, st, fails, al = process_pair(
                _state["checks"], unpack_pair(t), _state["scores"], _state["tokenizer"], _state["alignments"]
            )
            out.append((tuple(pack_finding(f) for f in found), raws, sc, st, fails, al))
        return out
    except TransreviewError as e:
        # Custom exception signatures do not survive pickling; the message does.
        return str(e)


def process_chunk_with(
    specs: list[CheckSpec], scores: bool, packed: list[tuple], alignments: bool = False
) -> list[tuple] | str:
    """The per-chunk function for remote workers: builds the checks once per process."""
    if _state.get("specs") != specs:
        init_worker(specs, scores, alignments)
        _state["specs"] = specs
    _state["scores"] = scores
    _state["alignments"] = alignments
    return process_chunk(packed)


__all__ = [
    "ALIGN_FAILED",
    "MISSING",
    "Item",
    "init_worker",
    "process_chunk",
    "process_chunk_with",
    "process_pair",
    "worker_checks",
    "worker_tokenizer",
]
