"""What a check is: measure a pair, then judge the measurement.

Measuring and judging are split (as in OpusFilter's ``score``/``accept``) so raw
measurements can be kept and thresholds changed without re-measuring, and so corpus-level
checks can measure in worker processes and judge once they have seen every pair.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from transreview.model import Finding, Pair, Severity


@dataclass(frozen=True)
class CheckOptions:
    """Options every check may read. Picklable, so it can be shipped to worker processes."""

    glossaries: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


class Check(ABC):
    """A per-pair check. Subclasses set the class attributes and implement both methods."""

    name: ClassVar[str]
    version: ClassVar[int]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    corpus_level: ClassVar[bool] = False

    def __init__(self, options: CheckOptions | None = None) -> None:
        self.options = options or CheckOptions()

    @abstractmethod
    def measure(self, pair: Pair) -> Any:
        """Raw, picklable measurements of one pair."""

    @abstractmethod
    def judge(self, pair: Pair, raw: Any) -> list[Finding]:
        """Findings from the measurements; no findings means the pair passes."""

    def run(self, pair: Pair) -> list[Finding]:
        return self.judge(pair, self.measure(pair))

    def options_signature(self) -> str:
        """Options that change this check's results, for the report signature ('' if none)."""
        return ""

    def signature(self) -> str:
        opts = self.options_signature()
        return f"{self.name}@{self.version}" + (f"[{opts}]" if opts else "")

    def finding(
        self,
        pair: Pair,
        message: str,
        *,
        side: str = "target",
        start: int | None = None,
        end: int | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
        category: str | None = None,
    ) -> Finding:
        """A finding of this check; spanned when ``start``/``end`` are given."""
        sev = severity or self.severity
        cat = category or self.category
        if start is None or end is None:
            return Finding(self.name, cat, sev, message, side=side, suggestion=suggestion)  # type: ignore[arg-type]
        return Finding.at(
            self.name,
            cat,
            sev,
            message,
            side=side,  # type: ignore[arg-type]
            text_of_side=pair.text(side),  # type: ignore[arg-type]
            start=start,
            end=end,
            suggestion=suggestion,
        )


class CorpusState:
    """One run's corpus-level knowledge for one check, built in pass one, used in pass two.

    The pipeline drives it in two passes over the input (see :mod:`transreview.pipeline`):

    1. :meth:`add` for every pair of the *whole* input (every shard), in input order, with
       what :meth:`CorpusCheck.collect` returned; then :meth:`finish` once.
    2. :meth:`see` for every pair of the whole input, in input order, and :meth:`judge` for
       each pair this run reports (all of them, or one shard's), after its :meth:`see`.

    ``index`` is the pair's position in the input. A state must keep only compact
    summaries (a histogram, hashes spilled to disk), never the pairs themselves: that is
    what keeps a run's memory flat as the corpus grows.
    """

    def add(self, index: int, pair: Pair, collected: Any) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def finish(self) -> None:
        """Pass one is over: compute the statistics."""

    def see(self, index: int, pair: Pair) -> None:
        """Pass two reached ``pair`` (whether or not this run judges it)."""

    def judge(self, index: int, pair: Pair, raw: Any) -> list[Finding]:  # pragma: no cover - interface
        """The pair's findings; ``raw`` is ``measure(pair)`` when the check measures in pass two."""
        raise NotImplementedError


class _JudgeCorpusState(CorpusState):
    """The state of a check that only implements ``judge_corpus``: keeps every pair (O(N))."""

    def __init__(self, check: CorpusCheck) -> None:
        self.check = check
        self.indices: list[int] = []
        self.pairs: list[Pair] = []
        self.raws: list[Any] = []
        self.found: dict[int, list[Finding]] = {}

    def add(self, index: int, pair: Pair, collected: Any) -> None:
        self.indices.append(index)
        self.pairs.append(pair)
        self.raws.append(collected)

    def finish(self) -> None:
        indices = self.indices
        try:
            per_pair = self.check.judge_corpus(self.pairs, self.raws)
        finally:
            self.indices, self.pairs, self.raws = [], [], []
        for index, fs in zip(indices, per_pair, strict=True):
            if fs:
                self.found[index] = list(fs)

    def judge(self, index: int, pair: Pair, raw: Any) -> list[Finding]:
        return self.found.get(index, [])


class CorpusCheck(Check):
    """A check that needs the whole run (length statistics, consistency across pairs).

    Two ways to write one. The simple way: ``measure`` returns something small per pair and
    ``judge_corpus`` receives every pair and measurement in input order (the run then keeps
    every pair in memory). The scalable way, used by the shipped checks: ``collect`` (cheap,
    run on every pair of the input, in every shard) feeds a :class:`CorpusState` from
    :meth:`corpus_state` that keeps compact statistics, and judges pair by pair in pass two;
    set ``measures_in_judging`` when that judgement needs the full ``measure`` of the pair
    (computed in the worker processes, for the judged pairs only). ``judge_corpus`` then
    comes for free (and keeps the unit tests' view of the check). ``judge`` is unused.
    """

    corpus_level: ClassVar[bool] = True
    #: Pass two calls ``measure`` on each judged pair and hands it to ``CorpusState.judge``.
    measures_in_judging: ClassVar[bool] = False

    def judge(self, pair: Pair, raw: Any) -> list[Finding]:  # pragma: no cover - not used
        raise NotImplementedError("corpus-level checks are judged by judge_corpus")

    def collect(self, pair: Pair) -> Any:
        """What pass one keeps of a pair (default: ``measure``)."""
        return self.measure(pair)

    def corpus_state(self) -> CorpusState:
        """A fresh state for one run (default: keep everything and call ``judge_corpus``)."""
        if type(self).judge_corpus is CorpusCheck.judge_corpus:
            raise NotImplementedError(f"{type(self).__name__} implements neither corpus_state nor judge_corpus")
        return _JudgeCorpusState(self)

    def judge_corpus(self, pairs: Sequence[Pair], raws: Sequence[Any]) -> list[list[Finding]]:
        """One list of findings per pair, aligned with ``pairs`` (``raws``: ``measure`` of each).

        The default runs the two passes of :meth:`corpus_state` over the pairs in memory.
        """
        state = self.corpus_state()
        for i, (pair, raw) in enumerate(zip(pairs, raws, strict=True)):
            state.add(i, pair, raw)
        state.finish()
        out: list[list[Finding]] = []
        for i, (pair, raw) in enumerate(zip(pairs, raws, strict=True)):
            state.see(i, pair)
            out.append(state.judge(i, pair, raw))
        return out
