"""Placeholders: every variable of the source must come through the translation unchanged.

A deleted ``%@`` or a ``%d`` turned into ``%s`` crashes the program or shows garbage; a
translated ICU keyword (``plural`` → ``复数``) breaks the whole message. What a placeholder
looks like is :mod:`transreview.text.placeholders`' business (printf with positions,
Python ``%(name)s``, Qt ``%1``, ``%name%``, ``{0}``, ``{name}``, ``{{var}}``, ICU).

- The placeholders (ICU argument names included) of both sides are compared as multisets,
  so a translation may reorder them (``%1$@``/``%2$@`` change places in Chinese); when only
  one side numbers its printf arguments, the other side's are numbered in order first
  (``%@ of %@`` → ``%2$@ 中的 %1$@`` is right).
- A source placeholder missing from the target with exactly one extra one in the target
  is *changed* (major, spanned in the target, the source's as the suggestion: the one safe
  fix); otherwise a missing one is spanned in the source, an extra one in the target
  (major, no suggestion).
- ICU: a keyword other than ``plural``/``select``/``selectordinal`` in the target, where
  the source has one, is a translated keyword (major, suggestion: the source's). A plural
  branch selected by something that is neither a CLDR category nor ``=N`` (``其他`` for
  ``other``), a select branch the source does not have, or a lost ``other`` branch are
  major. Chinese needs only ``other``, so a target that drops ``one`` is fine.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis
from transreview.text.placeholders import (
    ICU_KEYWORDS,
    PLURAL_CATEGORIES,
    Placeholder,
    find_placeholders,
)

_ICU_STRUCTURE = {"icu-keyword", "icu-selector", "icu-number"}

Measured = tuple[tuple[Placeholder, ...], tuple[Placeholder, ...]]


def _valid_plural(selector: str) -> bool:
    return selector in PLURAL_CATEGORIES or (selector.startswith("=") and selector[1:].isdigit())


class PlaceholdersCheck(Check):
    """printf, Python, Qt, %name%, brace and ICU placeholders must match between the sides."""

    name: ClassVar[str] = "placeholders"
    version: ClassVar[int] = 2
    category: ClassVar[str] = "Accuracy/Mistranslation"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = "Placeholders (printf, Python, Qt, braces, ICU arguments and keywords) of the source missing, changed or added in the target."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Downloaded %d files", "已下载文件"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> Measured | None:
        if not pair.source.strip() or not pair.target.strip():
            return None  # an empty side is the omission check's business
        src = tuple(find_placeholders(pair.source))
        tgt = tuple(find_placeholders(pair.target))
        if not src and not tgt:
            return None
        return src, tgt

    def judge(self, pair: Pair, raw: Measured | None) -> list[Finding]:
        if raw is None:
            return []
        src, tgt = raw
        found = self._icu(pair, src, tgt)
        s_vars = [p for p in src if p.kind not in _ICU_STRUCTURE]
        t_vars = [p for p in tgt if p.kind not in _ICU_STRUCTURE]
        if _positional(s_vars) != _positional(t_vars):
            s_vars, t_vars = _numbered(s_vars), _numbered(t_vars)
        left = Counter(p.key for p in s_vars) - Counter(p.key for p in t_vars)
        extra = Counter(p.key for p in t_vars) - Counter(p.key for p in s_vars)
        missing = _take(s_vars, left)
        added = _take(t_vars, extra)
        if len(missing) == 1 and len(added) == 1:
            s, t = missing[0], added[0]
            found.append(self.finding(
                pair, f"placeholder '{s.text}' of the source is '{t.text}' in the target",
                side="target", start=t.start, end=t.end, suggestion=s.text,
            ))
            return found
        for s in missing:
            found.append(self.finding(
                pair, f"placeholder '{s.text}' is missing from the target", side="source", start=s.start, end=s.end,
            ))
        for t in added:
            found.append(self.finding(
                pair, f"placeholder '{t.text}' is not in the source", side="target", start=t.start, end=t.end,
            ))
        return found

    def _icu(self, pair: Pair, src: tuple[Placeholder, ...], tgt: tuple[Placeholder, ...]) -> list[Finding]:
        """Translated keywords and broken branch selectors of ICU messages."""
        found: list[Finding] = []
        s_keywords = [p for p in src if p.kind == "icu-keyword"]
        if not s_keywords:
            return found
        s_kinds = {p.key for p in s_keywords}
        s_selectors = {p.key for p in src if p.kind == "icu-selector"}
        plural = bool(s_kinds & {"plural", "selectordinal"})
        for t in tgt:
            if t.kind == "icu-keyword" and t.key not in ICU_KEYWORDS:
                suggestion = next(iter(s_kinds)) if len(s_kinds) == 1 else None
                found.append(self.finding(
                    pair, f"ICU keyword translated: '{t.text}' must stay '{'/'.join(sorted(s_kinds))}'",
                    side="target", start=t.start, end=t.end, suggestion=suggestion,
                ))
            elif t.kind == "icu-selector" and t.key not in s_selectors and not (plural and _valid_plural(t.key)):
                found.append(self.finding(
                    pair, f"ICU branch '{t.text}' is not a branch of the source message",
                    side="target", start=t.start, end=t.end,
                ))
        t_selectors = {p.key for p in tgt if p.kind == "icu-selector"}
        if "other" in s_selectors and t_selectors and "other" not in t_selectors:
            found.append(self.finding(pair, "ICU message lost its 'other' branch"))
        return found


_PRINTF_POSITION = re.compile(r"%(\d+)\$")


def _positional(items: list[Placeholder]) -> bool:
    return any(p.kind == "printf" and _PRINTF_POSITION.match(p.text) for p in items)


def _numbered(items: list[Placeholder]) -> list[Placeholder]:
    """printf placeholders keyed by position: the n-th unnumbered ``%@`` is ``%n$@``.

    Used when one side numbers its arguments and the other does not (Whisky: "%@ of %@" →
    "%2$@ 中的 %1$@", correct: the Chinese puts the second argument first).
    """
    out: list[Placeholder] = []
    n = 0
    for p in items:
        if p.kind == "printf" and not _PRINTF_POSITION.match(p.text):
            n += 1
            p = p._replace(key=f"%{n}${p.text[1:]}")
        out.append(p)
    return out


def _take(items: list[Placeholder], wanted: Counter[str]) -> list[Placeholder]:
    """The last ``wanted[key]`` items of each key, in position order (the unmatched ones)."""
    out: list[Placeholder] = []
    need = Counter(wanted)
    for p in reversed(items):
        if need[p.key] > 0:
            need[p.key] -= 1
            out.append(p)
    return sorted(out, key=lambda p: p.start)
