"""Accelerators: the keyboard shortcut letter of a menu or button label must survive.

Windows and Qt mark the access key with ``&`` (``&File``), GTK with ``_`` (``_File``).
Chinese labels keep the Latin letter in brackets after the text: ``文件(&F)``. A source
with one accelerator whose target has none has lost the shortcut (minor: the control still
works with the mouse); a target with two has an ambiguous one. A different letter in the
target is the translator's choice and is not reported.

What is not an accelerator: ``&&`` and ``__`` (escaped), an entity (``&amp;``), ``Q&A``,
``R&D`` or ``AT&T`` (a capital letter on each side), ``& `` before a space, and an
underscore inside an identifier (``VAR_PLURAL``, ``snake_case``): ``_X`` counts only at the
start of a word of a label with no other underscore.
"""

from __future__ import annotations

import re
from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis

_AMP = re.compile(r"(?<![&\w])&(?=[^\W_])|(?<=[^\W\d_])&(?=[^\W_])")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_ABBREV = re.compile(r"\b[A-Z]{1,2}&[A-Z]{1,2}\b")
_UNDERSCORE = re.compile(r"(?<![\w])_(?=[^\W_])")


def accelerators(text: str) -> list[tuple[int, str]]:
    """(position of the marker, the marker) of each accelerator in ``text``."""
    if "&" not in text and "_" not in text:  # most text: no marker at all
        return []
    skip = [m.span() for m in _ENTITY.finditer(text)] + [m.span() for m in _ABBREV.finditer(text)]
    out = [
        (m.start(), "&")
        for m in _AMP.finditer(text)
        if not any(a <= m.start() < b for a, b in skip)
    ]
    if not out and text.count("_") == 1:
        out = [(m.start(), "_") for m in _UNDERSCORE.finditer(text)]
    return out


class AcceleratorsCheck(Check):
    """A label's accelerator (&F, _F, Chinese 文件(&F)) must not be lost or doubled."""

    name: ClassVar[str] = "accelerators"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Locale convention"
    severity: ClassVar[Severity] = Severity.MINOR
    catches: ClassVar[str] = "A keyboard accelerator (&F, _F, the Chinese (&F) convention) of the source lost in the target, or doubled."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("&File", "文件"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> tuple[list[tuple[int, str]], list[tuple[int, str]]] | None:
        if not pair.source.strip() or not pair.target.strip():
            return None
        src = accelerators(pair.source)
        if len(src) != 1:
            return None  # no accelerator, or not a label
        return src, accelerators(pair.target)

    def judge(self, pair: Pair, raw: tuple[list[tuple[int, str]], list[tuple[int, str]]] | None) -> list[Finding]:
        if raw is None:
            return []
        (s_pos, marker), tgt = raw[0][0], raw[1]
        key = pair.source[s_pos + 1 : s_pos + 2]
        if not tgt:
            return [self.finding(
                pair, f"accelerator '{marker}{key}' of the source is missing from the target "
                f"(Chinese labels write it after the text: ({marker}{key.upper()}))",
                side="source", start=s_pos, end=s_pos + 2,
            )]
        if len(tgt) > 1:
            t_pos = tgt[1][0]
            return [self.finding(pair, "the target has more than one accelerator", start=t_pos, end=t_pos + 2)]
        return []
