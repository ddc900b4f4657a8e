"""Numbers: every quantity of the source must come through with the same value.

The parsing lives in :mod:`transreview.text.numbers` (the aligner reads numbers too); this check
only turns a :class:`~transreview.text.numbers.compare.Comparison` into findings:

- a *changed* number (a missing source number and an extra target number at about the
  same place: 500 → 5000, 3 → 13, "3.5 million" → 35万) is spanned in the target, with the
  source's value written in the target's style as the suggestion (350万);
- a *missing* number is spanned in the source (side "source"): the target has nothing to
  span;
- an *extra* number is spanned in the target.

Stray digits glued to Chinese text ("1几百") are left to the repetition check, which reports
them as minor typos; that keeps the one error from being reported twice. A pair with an
empty side is the omission check's business and is skipped here.
"""

from __future__ import annotations

from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity
from transreview.text.numbers.compare import Comparison, compare_pair
from transreview.text.numbers.quantity import Quantity, format_decimal
from transreview.text.numbers.writing import render_like


def _describe(q: Quantity) -> str:
    """'2016', or 'three hundred' (300) when the words do not show the value."""
    shown = format_decimal(q.value)
    return f"'{q.text}'" if q.text == shown else f"'{q.text}' ({shown})"


class NumbersCheck(Check):
    """Quantities (digits, words, Chinese numerals, 万/亿, dates, years, ranges) must match."""

    name: ClassVar[str] = "numbers"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Accuracy/Mistranslation"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = "A quantity, date, year or range whose value differs between source and target, or that is missing."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("The park covers 3,000 hectares.", "公园占地300公顷。"),)

    def measure(self, pair: Pair) -> Comparison | None:
        comparison = compare_pair(pair)
        if not (comparison.missing or comparison.extra or comparison.changed):
            return None
        return comparison

    def judge(self, pair: Pair, raw: Comparison | None) -> list[Finding]:
        if raw is None:
            return []
        found: list[Finding] = []
        for s, t in raw.changed:
            found.append(
                self.finding(
                    pair,
                    f"number changed: the source has {_describe(s)}, the target {_describe(t)}",
                    side="target",
                    start=t.start,
                    end=t.end,
                    suggestion=render_like(s.value, t),
                )
            )
        for t in raw.extra:
            found.append(
                self.finding(
                    pair,
                    f"number {_describe(t)} has no counterpart in the source",
                    side="target",
                    start=t.start,
                    end=t.end,
                )
            )
        for s in raw.missing:
            found.append(
                self.finding(
                    pair,
                    f"number {_describe(s)} of the source is missing from the target",
                    side="source",
                    start=s.start,
                    end=s.end,
                )
            )
        return found
