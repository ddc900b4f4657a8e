"""Invisible and bidirectional control characters the target has and the source does not.

A bidi override or isolate (U+202A–U+202E, U+2066–U+2069) reorders what a reader sees
without changing what a program reads: the Trojan Source attack (CVE-2021-42574) hides
code this way, and in a localized string it can make a price or a URL read backwards. Such
a character added by the translation is major. Invisible characters that only join or
break (zero-width space U+200B, joiners U+200C/U+200D, word joiner U+2060, a BOM U+FEFF
inside the text, soft hyphen U+00AD, directional marks U+200E/U+200F/U+061C) are minor:
they break search and copy-paste but reorder nothing. A character the source has too is
the source's business, not the translation's.
"""

from __future__ import annotations

import re
from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u2061\u2062\u2063\u2064")
_ANY = re.compile("[" + "".join(sorted(BIDI_CONTROLS | INVISIBLE)) + "]")


class InvisibleCheck(Check):
    """Bidi controls (major) and invisible characters (minor) added by the translation."""

    name: ClassVar[str] = "invisible"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Accuracy/Addition"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = "Bidi controls (major) and zero-width or other invisible characters (minor) in the target that the source does not have."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Total: 21 USD", "合计：\u202e21 美元"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> tuple[tuple[int, str], ...] | None:
        if _ANY.search(pair.target) is None:  # most targets: none of these characters
            return None
        added = (BIDI_CONTROLS | INVISIBLE) & (set(pair.target) - set(pair.source))
        if not added:
            return None
        return tuple((i, ch) for i, ch in enumerate(pair.target) if ch in added)

    def judge(self, pair: Pair, raw: tuple[tuple[int, str], ...] | None) -> list[Finding]:
        if raw is None:
            return []
        found = []
        for i, ch in raw:
            bidi = ch in BIDI_CONTROLS
            what = "bidirectional control" if bidi else "invisible character"
            found.append(self.finding(
                pair, f"{what} U+{ord(ch):04X} in the target that the source does not have",
                start=i, end=i + 1, severity=Severity.MAJOR if bidi else Severity.MINOR,
            ))
        return found
