"""Whitespace: what a program shows around and between the words must survive translation.

Leading and trailing whitespace is often significant in a localized string (it is glued
to another string at run time: ``"Downloaded "`` + a file name); a doubled space inside the
target is a typo; a literal ``\\n`` or ``\\t`` (backslash and letter, as Android and
``.strings`` files write them) where the source has a real line break or tab, or the
other way round, shows the escape on screen or breaks the layout. All minor: the text is
still right, its layout is not.

Chinese writes no spaces between words, so only the *ends* are compared, never the count
of spaces inside; a doubled space is reported only when the source has none (autowp's
``"Voting during  to "`` has empty interpolations on both sides).
"""

from __future__ import annotations

import re
from typing import ClassVar, NamedTuple

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis

_LEAD = re.compile(r"^\s*")
_TRAIL = re.compile(r"\s*$")
_DOUBLE = re.compile(r"(?<=\S) {2,}(?=\S)")
_ESCAPES = (("\\n", "\n", "line break"), ("\\t", "\t", "tab"))


class Spaces(NamedTuple):
    src_lead: str
    tgt_lead: str
    src_trail: str
    tgt_trail: str
    doubles: tuple[tuple[int, int], ...]
    escapes: tuple[tuple[str, str, int, int], ...]  # (literal, name, literal in source, literal in target)


def _lead(text: str) -> str:
    """What ``_LEAD.match(text)`` matches: the whitespace the text starts with."""
    return text[: len(text) - len(text.lstrip())]


def _trail(text: str) -> str:
    """What ``_TRAIL.search(text)`` matches, without trying ``\\s*$`` at every position: the
    whitespace the text ends with (\\s is what str.strip removes)."""
    return text[len(text.rstrip()) :]


def _show(ws: str) -> str:
    return repr(ws) if ws else "nothing"


class WhitespaceCheck(Check):
    """Leading/trailing whitespace, doubled spaces, literal \\n/\\t against real ones."""

    name: ClassVar[str] = "whitespace"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency/Punctuation"
    severity: ClassVar[Severity] = Severity.MINOR
    catches: ClassVar[str] = "Leading or trailing whitespace of the source lost or added, doubled spaces, a literal \\n or \\t against a real line break or tab."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Downloaded ", "已下载"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> Spaces | None:
        src, tgt = pair.source, pair.target
        if not src.strip() or not tgt.strip():
            return None
        # a doubled space is two spaces: without them in the target there is nothing to find
        doubles = (
            tuple(m.span() for m in _DOUBLE.finditer(tgt)) if "  " in tgt and not _DOUBLE.search(src) else ()
        )
        escapes = []
        if "\\" in src or "\\" in tgt:  # no backslash: no literal escape on either side
            for literal, real, what in _ESCAPES:
                ls, lt = src.count(literal), tgt.count(literal)
                rs, rt = src.count(real), tgt.count(real)
                if ls != lt and ls + rs == lt + rt:  # the same breaks, written the other way
                    escapes.append((literal, what, ls, lt))
        return Spaces(_lead(src), _lead(tgt), _trail(src), _trail(tgt), doubles, tuple(escapes))

    def judge(self, pair: Pair, raw: Spaces | None) -> list[Finding]:
        if raw is None:
            return []
        tgt = pair.target
        found: list[Finding] = []
        if raw.src_lead != raw.tgt_lead:
            found.append(self.finding(
                pair, f"leading whitespace: the source starts with {_show(raw.src_lead)}, the target with "
                f"{_show(raw.tgt_lead)}", start=0, end=len(raw.tgt_lead) or min(1, len(tgt)),
            ))
        if raw.src_trail != raw.tgt_trail:
            end = len(tgt)
            found.append(self.finding(
                pair, f"trailing whitespace: the source ends with {_show(raw.src_trail)}, the target with "
                f"{_show(raw.tgt_trail)}", start=end - (len(raw.tgt_trail) or min(1, end)), end=end,
            ))
        for s, e in raw.doubles:
            found.append(self.finding(pair, "doubled space", start=s, end=e, suggestion=" "))
        for literal, what, ls, lt in raw.escapes:
            where = "target" if lt > ls else "source"
            found.append(self.finding(
                pair, f"a {what} is written as a literal '{literal}' in the {where} and as a real {what} on the "
                "other side",
            ))
        return found
