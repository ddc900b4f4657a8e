"""Inline codes as protected tokens: one private-use character per code in the segment text.

XLIFF and TMX segments hold inline markup (``<x id="INTERPOLATION"/>``, ``<bpt id="p1">**</bpt>``,
``<g id="1">…</g>``). A reader that dropped it lost it for good: a correction saved as plain
text could only be written back without the markup. So the readers put one character from
Unicode's private-use area in the text where each code stands, and keep what it stands for in
a side table carried on the pair (``Pair.meta["codes"]``)::

    "Slide \\ue000 of \\ue001"      {"\\ue000": {"kind": "x", "role": "ph", "id": "INTERPOLATION",
                                              "src": '<x id="INTERPOLATION"/>', "tgt": ...}, ...}

Why a private-use character and not a visible ``{1}``: a check must not read a code as text
(``{1}`` holds the number 1 and looks like a placeholder; a private-use character is no
letter, digit, punctuation or space to any check), one character keeps offsets simple, and
an editor can show it as a chip and refuse to delete it by accident. A character that already
occurs in the segment (an icon font's glyph) is never chosen, so text and tokens cannot be
confused.

Entries (plain JSON, so the store keeps them): ``kind`` (the element's local name), ``role``
(``ph`` standalone, ``open``/``close`` for the two ends of a pair or a wrapping element),
``id`` (the code's identity: its id attribute, else ``#n`` by order), ``pair`` (what ties an
open to its close, or None), ``src``/``tgt`` (the XML on each side, None where the side does
not have it) and ``n`` (the number shown on the chip; an open and its close share it).
This module knows no XML; :mod:`transreview.formats.inline` builds and writes the tables.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

#: The meta key of the table.
META_KEY = "codes"

#: The private-use ranges tokens are taken from, in order (the BMP area, then plane 15).
_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD))

CodeTable = Mapping[str, Mapping[str, Any]]


def allocate(count: int, avoid: str | set[str]) -> list[str]:
    """``count`` private-use characters, none of which occurs in ``avoid``."""
    taken = set(avoid)
    out: list[str] = []
    for lo, hi in _RANGES:
        for cp in range(lo, hi + 1):
            if len(out) == count:
                return out
            ch = chr(cp)
            if ch not in taken:
                out.append(ch)
    if len(out) < count:
        raise ValueError(f"too many inline codes in one segment ({count})")
    return out


def table_of(meta: Mapping[str, Any] | None) -> CodeTable:
    """The code table of a pair's meta ({} for a pair without codes)."""
    table = (meta or {}).get(META_KEY)
    return table if isinstance(table, Mapping) else {}


def tokens(text: str, table: CodeTable) -> Iterator[tuple[int, str]]:
    """``(offset, token)`` for each code token in ``text``."""
    if not table:
        return
    for i, ch in enumerate(text):
        if ch in table:
            yield i, ch


def is_token(ch: str, table: CodeTable) -> bool:
    return ch in table


def label(entry: Mapping[str, Any]) -> str:
    """The chip a reader sees: ``⟦1⟧`` standalone, ``⟦1›`` an opening, ``‹1⟧`` a closing."""
    n = entry.get("n", "?")
    role = entry.get("role")
    if role == "open":
        return f"⟦{n}›"
    if role == "close":
        return f"‹{n}⟧"
    return f"⟦{n}⟧"


def describe(entry: Mapping[str, Any]) -> str:
    """A code for messages: ``<x id="INTERPOLATION"/>`` as the file has it, else its kind."""
    xml = entry.get("tgt") or entry.get("src")
    return str(xml) if xml else f"<{entry.get('kind', '?')}>"


def show(text: str, table: CodeTable) -> str:
    """``text`` with each token replaced by its chip label (for reports and screens)."""
    if not table:
        return text
    return "".join(label(table[ch]) if ch in table else ch for ch in text)


def strip(text: str, table: CodeTable) -> str:
    """``text`` without its tokens: the plain text, for formats that cannot hold the codes."""
    if not table:
        return text
    return "".join(ch for ch in text if ch not in table)


__all__ = ["META_KEY", "CodeTable", "allocate", "describe", "is_token", "label", "show", "strip", "table_of", "tokens"]
