"""Numeral style: Chinese and Arabic numerals mixed in one expression.

GB/T 15835-2011 lets a text write a date or a range in Chinese numerals or in Arabic digits,
but not both in one expression: 二〇一六年至2017年 reads as a machine-translation seam. An
*expression* here is a date chain (年 → 月 → 日/号) or a range joined by 至, 到, a dash or a
tilde; two numbers that merely stand near each other (一家2016年成立的公司, 2016年一家公司)
are two expressions. The suggestion rewrites the Chinese numerals in Arabic digits, which
GB/T 15835 prefers for dates and counts in running text (二〇一六年至2017年 → 2016年至2017年).

Only a Chinese target is checked: the source is not the translator's to fix, and English
has no such mixing. Approximate numbers (几百) never join an expression, so the stray "1"
of "1几百" is left to the repetition check.
"""

from __future__ import annotations

import re
from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity, is_chinese
from transreview.text.analysis import PairAnalysis
from transreview.text.numbers.chinese import ZH_BIG_UNITS, ZH_DIGITS, ZH_SMALL_UNITS, zh_to_arabic

_CN_CHARS = "".join(ZH_DIGITS) + "".join(ZH_SMALL_UNITS) + "".join(ZH_BIG_UNITS)
_AR = r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:[万亿萬億])?"
_CN = "[" + _CN_CHARS + "]+"
# 3万五千: digits scaled by 万/亿 and continued in Chinese numerals
_NUM = f"(?:{_AR}(?<=[万亿萬億]){_CN}|{_AR}|{_CN})"
# a date chain: Y年M月D日, M月D日, or a number with one date unit
_ATOM = rf"{_NUM}(?:年(?:{_NUM}月(?:{_NUM}[日号號])?)?|月(?:{_NUM}[日号號])?|[日号號])?"
_JOIN = r"\s*(?:至|到|[-–—~～〜])\s*"
_EXPR = re.compile(rf"{_ATOM}(?:{_JOIN}{_ATOM})*")
_TOKEN = re.compile(rf"({_AR})|({_CN})")
_HAS_AR = re.compile("[0-9０-９]")
_HAS_CN_DIGIT = re.compile("[" + "".join(ZH_DIGITS) + "十拾百佰千仟]")


def mixed_expressions(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, all-Arabic rewrite or None) of each expression mixing the two numeral kinds."""
    if not _HAS_AR.search(text) or not _HAS_CN_DIGIT.search(text):
        return []
    out: list[tuple[int, int, str | None]] = []
    for m in _EXPR.finditer(text):
        expr = m.group(0)
        arabic = cn = False
        parts: list[str] = []
        pos = 0
        ok = True
        for t in _TOKEN.finditer(expr):
            parts.append(expr[pos : t.start()])
            if t.start() == pos and pos and expr[pos - 1] in "万亿萬億":
                ok = False  # 3万五千: no one right way to rewrite it
            if t.group(1):
                arabic = True
                parts.append(t.group(1))
            else:
                run = t.group(2)
                if all(ch in ZH_BIG_UNITS for ch in run):
                    parts.append(run)  # a bare 万 after digits is a scale, not a numeral
                    pos = t.end()
                    continue
                cn = True
                head = run.rstrip("万亿萬億")
                if head and not any(ch in ZH_BIG_UNITS for ch in head):
                    # 五万 → 5万: keep the scale the writer chose
                    arabic_head = zh_to_arabic(head)
                    rewritten = arabic_head + run[len(head) :] if arabic_head else None
                else:
                    rewritten = zh_to_arabic(run)
                if rewritten is None:
                    ok = False
                    rewritten = run
                parts.append(rewritten)
            pos = t.end()
        parts.append(expr[pos:])
        if arabic and cn:
            out.append((m.start(), m.end(), "".join(parts) if ok else None))
    return out


class NumeralStyleCheck(Check):
    """Chinese and Arabic numerals mixed in one date or range of a Chinese target."""

    name: ClassVar[str] = "numeral_style"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency/Inconsistency"
    severity: ClassVar[Severity] = Severity.MINOR
    catches: ClassVar[str] = "Chinese and Arabic numerals mixed in one date or range of a Chinese text (GB/T 15835)."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("The 2016-2017 agenda", "二〇一六年至2017年议程"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> list[tuple[int, int, str | None]] | None:
        if not is_chinese(pair.tgt_lang) or not pair.target:
            return None
        return mixed_expressions(pair.target) or None

    def judge(self, pair: Pair, raw: list[tuple[int, int, str | None]] | None) -> list[Finding]:
        if not raw:
            return []
        return [
            self.finding(
                pair,
                "Chinese and Arabic numerals mixed in one expression: write it in one kind"
                + (" (Arabic digits, GB/T 15835)" if suggestion else ""),
                start=start,
                end=end,
                suggestion=suggestion,
            )
            for start, end, suggestion in raw
        ]
