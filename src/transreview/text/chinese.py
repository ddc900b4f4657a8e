"""Chinese script facts: the one Han range and the one traditional-to-simplified view.

The Han range is the CJK unified ideographs (U+4E00–U+9FFF), extension A
(U+3400–U+4DBF), the supplementary-plane extensions B–F with the compatibility supplement
(U+20000–U+2FA1F), the compatibility ideographs (U+F900–U+FAFF) and 〇 (U+3007, the
ideographic zero, which Unicode files as a symbol but Chinese writes as a digit). Every
module that asks "is this a Han character" asks :func:`is_han` or builds its regular
expression from :data:`HAN_CLASS`; jieba's own, narrower block pattern is jieba's fact and
lives beside the tokenizer (``segment.JIEBA_RUN``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: The Han range as the body of a regular-expression character class (no brackets), so a
#: pattern can combine it with other characters: ``rf"[{HAN_CLASS}]+"``.
HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"


def is_han(ch: str) -> bool:
    """Whether ``ch`` is a Han character (the range of :data:`HAN_CLASS`)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2FA1F
        or 0xF900 <= cp <= 0xFAFF
        or cp == 0x3007
    )


_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character: ``any(map(is_han, text))``, asked of the
    regular-expression engine (it runs on every target)."""
    return _HAN_RUN.search(text) is not None


def han_ratio(text: str) -> float:
    """Share of Han characters among the non-space characters (0.0 for empty text).

    Counted by the regular-expression engine, not character by character in Python (it runs
    on every target of every run): ``str.split()`` cuts at exactly what ``str.isspace()``
    accepts, and the Han runs hold no space."""
    total = sum(map(len, text.split()))
    if not total:
        return 0.0
    return sum(map(len, _HAN_RUN.findall(text))) / total


@lru_cache(maxsize=1)
def _t2s() -> Any:  # opencc ships no type information
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Simplified Chinese view of ``text`` with the same length, so offsets carry over.

    OpenCC's ``t2s`` converts phrases, which can change the length (one traditional phrase
    may become a simplified one of another length); then the text is converted character by
    character instead, keeping a character whose conversion is not one character. ASCII
    text has nothing to convert and is returned as it is.
    """
    if text.isascii():
        return text
    conv = _t2s()
    out: str = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)


__all__ = ["HAN_CLASS", "han_ratio", "has_han", "is_han", "to_simplified"]
