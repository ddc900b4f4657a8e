"""Numbers: every quantity of the source must come through with the same value.

The parsing lives in :mod:`transreview.text.numbers` (the aligner reads numbers too); this check
only turns a :class:`~transreview.text.numbers.compare.Comparison` into findings:

- a *changed* number (a missing source number and an extra target number at about the
  same place: 500 → 5000, 3 → 13, "3.5 million" → 35万) is spanned in the target, with the
  source's value written in the target's style as the suggestion (350万);
- a *missing* number is spanned in the source (side "source"): the target has nothing to
  span;
- an *extra* number is spanned in the target.

Severity follows evidence (a major must be worth a reviewer's minute); the classes below were
false alarms on professional files (autowp, Microsoft, Mozilla):

- a *changed* number whose written digits are the same on both sides is no change: the
  English reader expands an abbreviated year range (``1971-72`` → 1972, ``1920-29th`` →
  1929) and the Chinese one does not;
- a source number the target writes as a Roman numeral (``Euro 5`` → ``欧V``) or as a word
  that carries it (``2-door`` → ``双门``, ``2-floor`` → ``双层``) has its counterpart;
- an extra ``1`` glued to a measure word (``hour`` → ``1小时``, ``a single copy`` →
  ``1辆``) is the implicit "one" of the source: dropped when the source says a/an/one/single
  or is a bare noun of at most three words, minor otherwise;
- a lone extra Chinese numeral of one character (两个 for "both", 第二天, 两周) is read
  inside an ordinary word with little confidence: minor, and dropped when the source says
  both/pair/couple/twice/double/dual;
- an extra century (``21世纪初`` for "in 2000's") is the source's year or decade
  rewritten: dropped when a source number of 100 or more falls in that century;
- the minutes of a clock time said in Chinese words (``3:30`` → ``3点半``, ``7:00`` → ``七点``),
  and the two of "in two days" (后天) have their counterpart; placeholders (``%2$@``, ``%1``)
  are not numbers at all;
- a source number after a fraction word (``Half a million``: the reader takes "a million")
  was not read with confidence: the change is minor and carries no suggestion (writing
  100万 over a correct 50万 would put an error in).

Stray digits glued to Chinese text ("1几百") are left to the repetition check, which reports
them as minor typos; that keeps the one error from being reported twice. A pair with an
empty side is the omission check's business and is skipped here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis
from transreview.text.chinese import HAN_CLASS
from transreview.text.numbers.compare import Comparison
from transreview.text.numbers.quantity import Quantity, format_decimal
from transreview.text.numbers.writing import render_like

_ROMAN = re.compile(r"(?<![A-Za-z])[IVX]+(?![IVX])")
_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# Chinese words that carry a number without a numeral the reader takes as a quantity.
_CARRIERS = {Decimal(2): "双俩两对"}
_HAN = re.compile(rf"[{HAN_CLASS}]")
_ONE_WORDS = re.compile(r"\b(?:a|an|one|single|singular|once|per|each|every)\b", re.IGNORECASE)
_TWO_WORDS = re.compile(r"\b(?:both|pair|pairs|couple|twice|double|dual|either|neither)\b", re.IGNORECASE)
_ZH_ONE_CHAR = set("一二两俩双三四五六七八九十")
_FRACTION_BEFORE = re.compile(
    r"(?:\bhalf|\bquarters?|\bthirds?|\bfifths?|[¼½¾⅓⅔])[\s-]*(?:of\s+)?(?:an?\s+)?$", re.IGNORECASE
)


def _digits(q: Quantity) -> str:
    return "".join(ch for ch in q.text if ch.isdigit())


def _same_digits(s: Quantity, t: Quantity) -> bool:
    """Both sides wrote the same whole digits with no scale word (72 and 72, 29th and 29)."""
    plain = s.scale == 1 and t.scale == 1 and "." not in s.text + t.text
    return plain and bool(_digits(s)) and _digits(s) == _digits(t)


def _roman_values(text: str) -> list[int]:
    return [_ROMAN_VALUES[m.group()] for m in _ROMAN.finditer(text) if m.group() in _ROMAN_VALUES]


def _carried(s: Quantity, target: str) -> bool:
    """The target carries source number ``s`` as a Roman numeral or a word (双门 for 2-door)."""
    if s.value == s.value.to_integral_value() and int(s.value) in _roman_values(target):
        return True
    return any(ch in target for ch in _CARRIERS.get(s.value, ""))


def _relative_day(s: Quantity, pair: Pair) -> bool:
    """"in two days" → 后天, "two days ago" → 前天: the number is in the word."""
    return s.value == 2 and bool(_TWO_DAYS.match(pair.source, s.end)) and any(
        w in pair.target for w in ("后天", "後天", "前天")
    )


def _implicit_one(t: Quantity, pair: Pair, source: tuple[Quantity, ...]) -> str | None:
    """"drop"/"minor" for an extra 1 glued to a measure word (1小时 for "hour", 每 1 小时 for
    "Every hour"), or ending a short label whose source has no number (灰色 1 for "Gray", beside
    灰色 2 for "Second gray": the translator's numbering); else None."""
    if t.value != 1 or t.style != "digits":
        return None
    after = pair.target[t.end :]
    word = after.lstrip(" ")
    if _HAN.match(word[:1]):
        if word[1:2].isdigit():
            return None  # "1张4": a mangled ¼, not "one sheet"
        if _ONE_WORDS.search(pair.source) or len(pair.source.split()) <= 3:
            return "drop"
        return "minor"
    if not after.strip() and not source and len(pair.source.split()) <= 3 and _HAN.match(pair.target[: t.start].rstrip(" ")[-1:]):
        return "minor"
    return None


_CLOCK_BEFORE = re.compile(r"(?<![\d:])\d{1,2}:$")
# Chinese clock words that carry the minutes of an English H:MM: 3点半 (3:30), 3点一刻 (3:15).
_MINUTE_WORDS = {Decimal(0): "点點时時", Decimal(30): "半", Decimal(15): "刻", Decimal(45): "刻"}
# Relative days: "in two days" is 后天, "two days ago" 前天.
_TWO_DAYS = re.compile(r"\s*days?\b", re.IGNORECASE)


def _clock_minutes(s: Quantity, pair: Pair) -> bool:
    """The minutes of an English clock time (7:00, 3:30) the Chinese says as 七点, 3点半."""
    if len(s.text) != 2 or not _CLOCK_BEFORE.search(pair.source[: s.start]):
        return False
    return any(ch in pair.target for ch in _MINUTE_WORDS.get(s.value, ""))


def _century(t: Quantity, pair: Pair, source: tuple[Quantity, ...]) -> bool:
    """An extra N世纪 whose century holds a source year or decade (2000's → 21世纪)."""
    if not pair.target[t.end : t.end + 2] == "世纪" or t.value != t.value.to_integral_value():
        return False
    return any(s.value >= 100 and int(s.value) // 100 + 1 == int(t.value) for s in source)


def _lone_zh_numeral(t: Quantity, pair: Pair) -> str | None:
    """"drop"/"minor" for a one-character Chinese numeral read inside a word (两个, 第二天)."""
    if t.style != "zh" or len(t.text) != 1 or t.text not in _ZH_ONE_CHAR:
        return None
    if t.value == 2 and _TWO_WORDS.search(pair.source):
        return "drop"
    return "minor"


def _describe(q: Quantity) -> str:
    """'2016', or 'three hundred' (300) when the words do not show the value."""
    shown = format_decimal(q.value)
    return f"'{q.text}'" if q.text == shown else f"'{q.text}' ({shown})"


class NumbersCheck(Check):
    """Quantities (digits, words, Chinese numerals, 万/亿, dates, years, ranges) must match."""

    name: ClassVar[str] = "numbers"
    version: ClassVar[int] = 3
    category: ClassVar[str] = "Accuracy/Mistranslation"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = "A quantity, date, year or range whose value differs between source and target, or that is missing."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("The park covers 3,000 hectares.", "公园占地300公顷。"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> Comparison | None:
        comparison = analysis.numbers
        if not (comparison.missing or comparison.extra or comparison.changed):
            return None
        return comparison

    def judge(self, pair: Pair, raw: Comparison | None) -> list[Finding]:
        if raw is None:
            return []
        found: list[Finding] = []
        for s, t in raw.changed:
            if _same_digits(s, t):
                continue  # the same digits, read differently (1971-72: 72 → 1972)
            confident = not _FRACTION_BEFORE.search(pair.source[: s.start])
            found.append(
                self.finding(
                    pair,
                    f"number changed: the source has {_describe(s)}, the target {_describe(t)}",
                    side="target",
                    start=t.start,
                    end=t.end,
                    suggestion=render_like(s.value, t) if confident else None,
                    severity=None if confident else Severity.MINOR,
                )
            )
        for t in raw.extra:
            verdict = _implicit_one(t, pair, raw.source) or _lone_zh_numeral(t, pair)
            if verdict == "drop" or _century(t, pair, raw.source):
                continue
            found.append(
                self.finding(
                    pair,
                    f"number {_describe(t)} has no counterpart in the source",
                    side="target",
                    start=t.start,
                    end=t.end,
                    severity=Severity.MINOR if verdict == "minor" else None,
                )
            )
        for s in raw.missing:
            if _carried(s, pair.target) or _clock_minutes(s, pair) or _relative_day(s, pair):
                continue
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
