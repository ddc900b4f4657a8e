"""The value types every layer shares.

They are frozen so that a pair or a finding can be passed between processes, cached and
compared without anyone mutating it behind another layer's back. Format-specific data
that must survive a round trip (TMX props, XLIFF state, notes) rides in ``Pair.meta``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import Any, Literal

from transreview.risk import RiskInput, pair_risk

Side = Literal["source", "target"]
SIDES: tuple[Side, Side] = ("source", "target")


class Severity(IntEnum):
    """MQM severities, ordered so that ``max()`` gives the worst.

    ``NEUTRAL`` (MQM's "neutral": 0 penalty points) is for what deserves a look but is often
    right (a Latin-script name left in a Chinese target): it is shown and can be filtered on,
    and it never fails a gate, because ``--fail-on`` starts at minor. Its value is 0, so a
    ``Severity`` is falsy only when it is neutral: compare with ``is None``, never by truth.
    """

    NEUTRAL = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def weight(self) -> int:
        """MQM penalty weight (neutral 0, minor 1, major 5, critical 25)."""
        return {0: 0, 1: 1, 2: 5, 3: 25}[int(self)]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected neutral, minor, major or critical)"
            ) from None

    def __str__(self) -> str:
        return self.label


# MQM category paths used by the checks and offered in the review UI.
MQM_CATEGORIES: tuple[str, ...] = (
    "Accuracy/Mistranslation",
    "Accuracy/Omission",
    "Accuracy/Addition",
    "Accuracy/Untranslated",
    "Terminology",
    "Fluency/Punctuation",
    "Fluency/Grammar",
    "Fluency/Spelling",
    "Fluency/Inconsistency",
    "Fluency",
    "Style",
    "Locale convention",
)


@lru_cache(maxsize=1024)
def is_chinese(lang: str) -> bool:
    """True for zh, zh-CN, zh-Hans, zh_TW, cmn, ... (case-insensitive).

    Remembered per code: the checks ask it some thirty times a pair (which side is
    Chinese), and a run meets a handful of language codes (bounded all the same: codes
    come from the input)."""
    base = lang.replace("_", "-").split("-")[0].lower()
    return base in {"zh", "cmn", "yue", "chi", "zho"}


@dataclass(frozen=True, slots=True)
class Pair:
    """One aligned source/target unit.

    ``source`` and ``target`` are the original text, exactly as read (for display and
    export); analysis works on :func:`transreview.text.textnorm.analysis_view`, which keeps
    offsets. A side with no counterpart is the empty string.
    """

    id: str
    source: str
    target: str
    doc: str = ""
    index: int = 0
    line: int | None = None
    reference: str | None = None
    src_lang: str = "en"
    tgt_lang: str = "zh"
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def text(self, side: Side) -> str:
        return self.source if side == "source" else self.target

    def lang(self, side: Side) -> str:
        return self.src_lang if side == "source" else self.tgt_lang

    @property
    def zh_side(self) -> Side | None:
        """The Chinese side, if exactly one side is Chinese."""
        if is_chinese(self.tgt_lang) and not is_chinese(self.src_lang):
            return "target"
        if is_chinese(self.src_lang) and not is_chinese(self.tgt_lang):
            return "source"
        return None

    @property
    def en_side(self) -> Side | None:
        zh = self.zh_side
        if zh is None:
            return None
        return "source" if zh == "target" else "target"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a pair, by a check or by a reviewer.

    ``start``/``end`` are Python ``str`` offsets into ``pair.text(side)`` (end exclusive),
    so ``pair.text(side)[start:end] == text``; both ``None`` for a whole-pair finding.
    """

    check: str
    category: str
    severity: Severity
    message: str
    side: Side = "target"
    start: int | None = None
    end: int | None = None
    text: str | None = None
    suggestion: str | None = None

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("start and end must both be set or both be None")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"span start {self.start} > end {self.end}")

    @classmethod
    def at(
        cls,
        check: str,
        category: str,
        severity: Severity,
        message: str,
        *,
        side: Side,
        text_of_side: str,
        start: int,
        end: int,
        suggestion: str | None = None,
    ) -> Finding:
        """A spanned finding whose ``text`` is cut from the side's text, so it cannot drift."""
        return cls(
            check=check,
            category=category,
            severity=severity,
            message=message,
            side=side,
            start=start,
            end=end,
            text=text_of_side[start:end],
            suggestion=suggestion,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "category": self.category,
            "severity": self.severity.label,
            "side": self.side,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        return cls(
            check=d["check"],
            category=d["category"],
            severity=Severity.parse(d["severity"]),
            message=d.get("message", ""),
            side=d.get("side") or "target",
            start=d.get("start"),
            end=d.get("end"),
            text=d.get("text"),
            suggestion=d.get("suggestion"),
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of a text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Bead:
    """One alignment link: source units ``src`` ↔ target units ``tgt`` (indices, possibly empty).

    Bead types 1-1, 2-1, 1-2, 1-0 and 0-1 are ``len(src)``-``len(tgt)``.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True, slots=True)
class SentenceAlignment:
    """Sentences of both sides of a pair (as spans into the original text) and their beads."""

    src_spans: tuple[Span, ...]
    tgt_spans: tuple[Span, ...]
    beads: tuple[Bead, ...]


@dataclass(frozen=True, slots=True)
class PairResult:
    """A pair with what the checks found and, where it had a reference, its metric scores.

    ``alignment`` is the pair's sentence alignment when the run was asked for it (an import
    stores it) and the pair has two sides; None otherwise, or when the aligner failed on it.
    """

    pair: Pair
    findings: tuple[Finding, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)
    alignment: SentenceAlignment | None = None

    @property
    def risk(self) -> float:
        """The pair's risk by the review queue's rule (:mod:`transreview.risk`): its worst
        finding's MQM weight times 4 (a check's open finding), plus one per further finding
        (at most 3); an empty target ranks just above a clean pair."""
        if not self.findings:  # most pairs of a run: no points, whatever the target
            return 0.0
        return risk_score(self.findings, untranslated=not self.pair.target.strip())


def risk_score(findings: tuple[Finding, ...] | list[Finding], *, untranslated: bool = False) -> float:
    """The review queue's risk (:func:`transreview.risk.pair_risk`) of open check findings:
    severity and confidence, not counts, so 29 commas never outrank one wrong place name."""
    return float(pair_risk([RiskInput(f.severity, stated=False) for f in findings], untranslated=untranslated))
