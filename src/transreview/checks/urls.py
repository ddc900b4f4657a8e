"""URLs, e-mail addresses and @handles must come through a translation unchanged.

An address is not language: a translator (or a machine) who "translates" it breaks a
link. Machine translation's usual damage is to fold ASCII into full-width forms
(``ｗｗｗ．example．com``), turn dots into 。, or drop the address altogether. So both sides
are searched on a *folded* view (full-width ASCII and 。 mapped back to ASCII, one character
for one, so spans stay exact): a target address that only the folded view finds is a
changed one, spanned in the target with the source's address as the suggestion; a source
address of which the target has no trace is spanned on the source side.

Hashtags are deliberately not addresses: they are words and are often translated.
Extra addresses in the target are not reported: a translator may legitimately add the
Chinese site of an organisation.
"""

from __future__ import annotations

import re
from typing import ClassVar, NamedTuple

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity

# Full-width ASCII (U+FF01–FF5E) to ASCII, and the ideographic full stop to '.', so that
# "www。example。com" is still recognised as the address it was meant to be.
_FOLD = str.maketrans(
    {**{chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}, "。": ".", "\u3000": " "}
)

# A URL ends at whitespace, at a Han character or CJK punctuation (Chinese text runs
# straight on after an address: "访问https://x.org了解"), and at quotes and angle brackets.
_URL_CHAR = r"[^\s<>\"“”‘’「」『』《》\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
_URL = re.compile(
    rf"(?<![A-Za-z0-9_@.])(?:(?:https?|ftp)://|www\.){_URL_CHAR}+",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b",
    re.ASCII,
)
# @handle: at least one letter (so "@ 9" and "@9" are not handles), not glued to a word
# on the left (that is an e-mail address).
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@])@(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{2,30}\b")
# Trailing punctuation belongs to the sentence, not the address.
_TRAILING = ".,;:!?'\")]}>"


class Address(NamedTuple):
    """One address found in a text: its kind, comparison key and span."""

    kind: str  # "URL", "e-mail address" or "handle"
    key: str
    start: int
    end: int
    folded: bool  # only found after folding full-width forms: it was damaged


def _trim(text: str, start: int, end: int) -> int:
    """End of the URL at ``text[start:end]`` with trailing punctuation cut off.

    A closing bracket stays when the URL opened one itself (Wikipedia's ``..._(city)``).
    """
    while end > start and text[end - 1] in _TRAILING:
        ch = text[end - 1]
        if ch == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def _url_key(url: str) -> str:
    """Host is case-insensitive; the scheme and a final '/' are not worth a finding."""
    m = re.match(r"(?:[a-z]+://)?([^/?#]*)(.*)", url, re.IGNORECASE)
    assert m is not None
    return (m.group(1).lower() + m.group(2)).rstrip("/")


def find_addresses(text: str) -> list[Address]:
    """URLs, e-mail addresses and @handles of ``text``, in order, spans into ``text``.

    Other checks call this to leave addresses alone (punctuation inside a URL is not a
    punctuation error; the Latin letters of a URL in Chinese text are not untranslated).
    """
    if not text:
        return []
    folded = text.translate(_FOLD)
    found: list[Address] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _URL.finditer(folded):
        s, e = m.start(), _trim(folded, m.start(), m.end())
        if e - s <= 4:
            continue
        found.append(Address("URL", _url_key(folded[s:e]), s, e, text[s:e] != folded[s:e]))
        taken.append((s, e))
    for m in _EMAIL.finditer(folded):
        s, e = m.span()
        if free(s, e):
            found.append(Address("e-mail address", folded[s:e].lower(), s, e, text[s:e] != folded[s:e]))
            taken.append((s, e))
    for m in _HANDLE.finditer(folded):
        s, e = m.span()
        if free(s, e):
            found.append(Address("handle", folded[s:e].lower(), s, e, text[s:e] != folded[s:e]))
            taken.append((s, e))
    found.sort(key=lambda a: a.start)
    return found


def address_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every address in ``text`` (a cheap pre-test skips texts without any)."""
    if "@" not in text and "www" not in text.lower() and "://" not in text and "ｗ" not in text:
        return []
    return [(a.start, a.end) for a in find_addresses(text)]


class UrlsCheck(Check):
    """Every address of the source must appear, unchanged, in the target."""

    name: ClassVar[str] = "urls"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Accuracy/Mistranslation"
    severity: ClassVar[Severity] = Severity.MAJOR

    def measure(self, pair: Pair) -> tuple[list[Address], list[Address]] | None:
        if not pair.source or not pair.target:
            return None
        src = find_addresses(pair.source)
        if not src:
            return None
        return src, find_addresses(pair.target)

    def judge(self, pair: Pair, raw: tuple[list[Address], list[Address]] | None) -> list[Finding]:
        if raw is None:
            return []
        src, tgt = raw
        intact = {(a.kind, a.key) for a in tgt if not a.folded}
        # Target addresses that are damaged or not in the source: candidates for "changed".
        src_keys = {(a.kind, a.key) for a in src}
        spare = [a for a in tgt if a.folded or (a.kind, a.key) not in src_keys]
        findings: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for a in src:
            if (a.kind, a.key) in intact or (a.kind, a.key) in seen:
                continue
            seen.add((a.kind, a.key))
            original = pair.source[a.start : a.end]
            # Prefer the damaged copy of this very address, else the first spare of its kind.
            match = next((t for t in spare if t.folded and t.key == a.key), None)
            if match is None:
                match = next((t for t in spare if t.kind == a.kind), None)
            if match is not None:
                spare.remove(match)
                changed = pair.target[match.start : match.end]
                findings.append(
                    self.finding(
                        pair,
                        f"{a.kind} '{original}' of the source is changed to '{changed}'",
                        side="target",
                        start=match.start,
                        end=match.end,
                        suggestion=original,
                    )
                )
            else:
                findings.append(
                    self.finding(
                        pair,
                        f"{a.kind} '{original}' is missing from the target",
                        side="source",
                        start=a.start,
                        end=a.end,
                    )
                )
        return findings
