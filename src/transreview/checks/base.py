"""What a check is: parameters, then measure a pair, then judge the measurement.

A check's parameters are its constructor's keyword arguments, with defaults (as sacrebleu's
metrics take theirs): the thresholds a check judges with. Its signature is derived from them
in one place (:meth:`BaseCheck.signature`), so two reports are comparable exactly when their
signatures match, and a worker process rebuilds a check from its class and parameters
(:meth:`BaseCheck.spec`): plain, picklable values.

Measuring and judging are split (as in OpusFilter's ``score``/``accept``): ``measure``
records what a pair *is* and applies no threshold; judging applies the parameters. So raw
measurements can be kept and a threshold changed without measuring again, and corpus-level
checks can measure in worker processes and judge once they have seen every pair.

Every check measures a pair *with its analysis*: ``measure(pair, analysis)``, where
``analysis`` is the pair's :class:`~transreview.text.analysis.PairAnalysis`, built once per
pair by the run and handed to every check, so the facts several checks need (the numbers
compared, the sentences and their alignment, the addresses, the simplified Chinese side,
the tokenizer to cut words with) are computed once. A check takes from it what it needs and
computes whatever is its own from ``pair``; a check that needs nothing shared simply ignores
the argument. ``collect(pair, analysis)`` of a corpus check gets the same object. To check
one pair by hand (tests, a REPL), ``Check.run(pair)`` builds the analysis itself with the
project's tokenizer; pass ``analysis=`` to share one.

Two kinds of check share :class:`BaseCheck`: a per-pair :class:`Check` judges each
measurement alone (``judge``); a :class:`CorpusCheck` judges against the whole run
(``corpus_state``/``judge_corpus``) and has no per-pair ``judge`` at all.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar

from transreview.model import Finding, Pair, Severity

if TYPE_CHECKING:  # the registry imports this module; the text wing loads when a check runs
    from transreview.text.analysis import PairAnalysis

#: What a check is rebuilt from in a worker process: its class and its parameters.
CheckSpec = tuple[type["BaseCheck"], dict[str, Any]]


@dataclass(frozen=True, kw_only=True)
class BaseCheck(ABC):
    """What every check has: a name, a version, parameters, a signature and ``measure``.

    A subclass with parameters is itself a ``@dataclass(frozen=True, kw_only=True)`` whose
    fields (each with a default) are the parameters; frozen, because a check's parameters
    are part of its signature and must not change under a run.
    """

    name: ClassVar[str]
    version: ClassVar[int]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    corpus_level: ClassVar[bool] = False  # True for every CorpusCheck
    #: Corpus checks only: pass two calls ``measure`` on each judged pair and hands it to
    #: ``CorpusState.judge`` (a per-pair check is always measured).
    measures_in_judging: ClassVar[bool] = False
    #: Whether the check cuts Chinese words with ``analysis.tokenizer``: a run with such a
    #: check loads jieba's dictionary once, before it forks its worker processes.
    cuts_words: ClassVar[bool] = False
    #: One line of what the check catches, for ``transreview checks`` and SARIF rules.
    catches: ClassVar[str] = ""
    #: (source, target) pairs on which the check fires, shown by ``transreview checks``
    #: (several pairs for a check that compares pairs, such as consistency).
    example: ClassVar[tuple[tuple[str, str], ...]] = ()

    @abstractmethod
    def measure(self, pair: Pair, analysis: PairAnalysis) -> Any:
        """Raw, picklable measurements of one pair; no threshold is applied here.

        ``analysis`` is the pair's shared analysis (see the module docstring): take the
        facts other checks need too from it rather than computing them again.
        """

    def params(self) -> dict[str, Any]:
        """The check's parameters and their values (its dataclass fields)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def spec(self) -> CheckSpec:
        """(class, parameters): enough to rebuild this check in another process."""
        return type(self), self.params()

    def signature(self) -> str:
        """``name@version``, then ``[param=value,...]`` for each parameter not at its default.

        Defaults are left out so that a run with the shipped settings keeps the signature it
        always had: a check's version names its defaults (changing a default changes results,
        so it bumps the version), and only what a run changed needs saying.
        """
        shown = [
            self.show_param(f.name, getattr(self, f.name))
            for f in fields(self)
            if f.default is MISSING or getattr(self, f.name) != f.default
        ]
        return f"{self.name}@{self.version}" + (f"[{','.join(shown)}]" if shown else "")

    def show_param(self, name: str, value: Any) -> str:
        """How one parameter appears in the signature (override for values such as file paths,
        which differ between machines for the same content)."""
        if isinstance(value, tuple | list):
            value = "/".join(map(str, value))
        return f"{name}={value}"

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
        sev = self.severity if severity is None else severity
        cat = self.category if category is None else category
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


@dataclass(frozen=True, kw_only=True)
class Check(BaseCheck):
    """A per-pair check: each pair's measurement is judged on its own."""

    @abstractmethod
    def judge(self, pair: Pair, raw: Any) -> list[Finding]:
        """Findings from the measurements; no findings means the pair passes."""

    def run(self, pair: Pair, analysis: PairAnalysis | None = None) -> list[Finding]:
        """Measure and judge one pair; without ``analysis``, one is built with the project's tokenizer."""
        if analysis is None:
            from transreview.text.analysis import analyse

            analysis = analyse(pair)
        return self.judge(pair, self.measure(pair, analysis))


class CorpusState(ABC):
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

    @abstractmethod
    def add(self, index: int, pair: Pair, collected: Any) -> None:
        """Pass one reached ``pair``; ``collected`` is :meth:`CorpusCheck.collect`'s."""

    def finish(self) -> None:  # noqa: B027 - an optional hook: not every state has statistics
        """Pass one is over: compute the statistics."""

    def see(self, index: int, pair: Pair) -> None:  # noqa: B027 - an optional hook
        """Pass two reached ``pair`` (whether or not this run judges it)."""

    @abstractmethod
    def judge(self, index: int, pair: Pair, raw: Any) -> list[Finding]:
        """The pair's findings; ``raw`` is ``measure(pair)`` when the check measures in pass two."""


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


@dataclass(frozen=True, kw_only=True)
class CorpusCheck(BaseCheck):
    """A check that needs the whole run (length statistics, consistency across pairs).

    Two ways to write one. The simple way: ``measure`` returns something small per pair and
    ``judge_corpus`` receives every pair and measurement in input order (the run then keeps
    every pair in memory). The scalable way, used by the shipped checks: ``collect`` (cheap,
    run on every pair of the input, in every shard) feeds a :class:`CorpusState` from
    :meth:`corpus_state` that keeps compact statistics, and judges pair by pair in pass two;
    set ``measures_in_judging`` when that judgement needs the full ``measure`` of the pair
    (computed in the worker processes, for the judged pairs only). ``judge_corpus`` then
    comes for free (and keeps the unit tests' view of the check). There is no per-pair
    ``judge``: a corpus check's judgement needs the run, which only its state holds.
    """

    corpus_level: ClassVar[bool] = True

    def collect(self, pair: Pair, analysis: PairAnalysis) -> Any:
        """What pass one keeps of a pair (default: ``measure``)."""
        return self.measure(pair, analysis)

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
