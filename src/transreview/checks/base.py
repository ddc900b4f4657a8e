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


class CorpusCheck(Check):
    """A check that needs the whole run (length statistics, consistency across pairs).

    ``measure`` runs per pair (possibly in another process) and must return something small;
    ``judge_corpus`` receives every pair's measurement in input order and returns one list of
    findings per pair. ``judge`` is unused.
    """

    corpus_level: ClassVar[bool] = True

    def judge(self, pair: Pair, raw: Any) -> list[Finding]:  # pragma: no cover - not used
        raise NotImplementedError("corpus-level checks are judged by judge_corpus")

    @abstractmethod
    def judge_corpus(self, pairs: Sequence[Pair], raws: Sequence[Any]) -> list[list[Finding]]:
        """One list of findings per pair, aligned with ``pairs``."""
