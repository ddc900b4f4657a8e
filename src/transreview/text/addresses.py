"""Addresses in text: URLs, e-mail addresses and @handles.

An address is not language: it must come through a translation unchanged, and the other
checks must leave it alone (punctuation inside a URL is not a punctuation error; the Latin
letters of a URL in Chinese text are not untranslated). This module is the one place that
says what an address looks like.

Machine translation's usual damage is to fold ASCII into full-width forms
(``ｗｗｗ．example．com``) or turn dots into 。, so addresses are searched on a *folded*
view (full-width ASCII and 。 mapped back to ASCII, one character for one, so spans stay
exact); an address only that view finds is marked ``folded`` (damaged). Hashtags are
deliberately not addresses: they are words and are often translated.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from transreview.text.chinese import HAN_CLASS

# Full-width ASCII (U+FF01–FF5E) to ASCII, and the ideographic full stop to '.', so that
# "www。example。com" is still recognised as the address it was meant to be.
_FOLD = str.maketrans(
    {**{chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}, "。": ".", "\u3000": " "}
)

# A URL ends at whitespace, at a Han character or CJK punctuation (Chinese text runs
# straight on after an address: "访问https://x.org了解"), and at quotes and angle brackets.
_URL_CHAR = rf"[^\s<>\"“”‘’「」『』《》\u3000-\u303f{HAN_CLASS}\uff00-\uffef]"
# (Written led by the scheme's first letter, h, f or w, which under IGNORECASE match only
# themselves in either case, the look-behind after it: the same matches as
# (?<![A-Za-z0-9_@.])(?:(?:https?|ftp)://|www\.), without trying the look-behind everywhere.)
_URL = re.compile(
    rf"[hfw](?<![A-Za-z0-9_@.].)(?:(?<=h)ttps?://|(?<=f)tp://|(?<=w)ww\.){_URL_CHAR}+",
    re.IGNORECASE,
)
_URL_PARTS = re.compile(r"(?:[a-z]+://)?([^/?#]*)(.*)", re.IGNORECASE)
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b",
    re.ASCII,
)
# @handle: at least one letter (so "@ 9" and "@9" are not handles), not glued to a word
# on the left (that is an e-mail address).
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@])@(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{2,30}\b")
# What every address found holds (the pre-test of address_spans): "@", "://", "www" in any
# case, or a full-width "ｗ". One search, without lower-casing a copy of the text; led by a
# character class, so the engine skips quickly to the few characters that can start one
# (an alternation with no literal prefix was tried at every position: 2.4 times slower).
_MAYBE_ADDRESS = re.compile(r"[@:ｗwW](?:(?<=[@ｗ])|(?<=:)//|(?<=[wW])[wW]{2})")


def _folding_to(chars: str) -> str:
    """Every character the folded view turns into one of ``chars`` (themselves included),
    as the body of a character class."""
    found = set(chars) | {chr(k) for k, v in _FOLD.items() if v in chars}
    return re.escape("".join(sorted(found)))


# What every address find_addresses finds holds in the text as it is (before folding): an
# address needs "@" (e-mail, handle), "://" or "www." (any case: only w and W match w under
# IGNORECASE) in the folded view, so in the text one of the characters folding to those.
# Led by a character class, as _MAYBE_ADDRESS: a text without one is not folded at all.
_AT, _COLON, _SLASH, _W, _DOT = (_folding_to(c) for c in ("@", ":", "/", "wW", "."))
_MAY_FIND = re.compile(
    rf"[{_AT}{_COLON}{_W}](?:(?<=[{_AT}])|(?<=[{_COLON}])[{_SLASH}]{{2}}|(?<=[{_W}])[{_W}]{{2}}[{_DOT}])"
)
# The folded view differs from the text only where the text has one of these characters;
# 。 alone (most Chinese text) is folded by str.replace, several times faster than translate.
_FOLDS_WIDE = re.compile("[" + re.escape("".join(sorted(chr(k) for k in _FOLD if chr(k) != "。"))) + "]")
_WWW = re.compile(r"www\.", re.IGNORECASE)

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
    m = _URL_PARTS.match(url)
    assert m is not None
    return (m.group(1).lower() + m.group(2)).rstrip("/")


def _folded(text: str) -> str:
    """``text.translate(_FOLD)``: the folded view, one character for one."""
    if _FOLDS_WIDE.search(text) is None:
        return text.replace("。", ".") if "。" in text else text
    return text.translate(_FOLD)


def find_addresses(text: str) -> list[Address]:
    """URLs, e-mail addresses and @handles of ``text``, in order, spans into ``text``.

    The urls check compares them; other checks call this to leave addresses alone (punctuation inside a URL is not a
    punctuation error; the Latin letters of a URL in Chinese text are not untranslated).
    """
    if not text or _MAY_FIND.search(text) is None:
        return []
    folded = _folded(text)
    found: list[Address] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    has_url = "://" in folded or _WWW.search(folded) is not None
    for m in _URL.finditer(folded) if has_url else ():
        s, e = m.start(), _trim(folded, m.start(), m.end())
        key = _url_key(folded[s:e])
        if e - s <= 4 or not key:
            continue  # a bare scheme ("http://, https://" in KeePassXC's prose) names no address
        found.append(Address("URL", key, s, e, text[s:e] != folded[s:e]))
        taken.append((s, e))
    if "@" not in folded:  # e-mail addresses and handles hold one
        found.sort(key=lambda a: a.start)
        return found
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


def may_have_address(text: str) -> bool:
    """The cheap pre-test of :func:`address_spans`: False when ``text`` cannot hold an address."""
    return _MAYBE_ADDRESS.search(text) is not None


def address_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every address in ``text`` (a cheap pre-test skips texts without any)."""
    if not may_have_address(text):
        return []
    return [(a.start, a.end) for a in find_addresses(text)]



def without_addresses(text: str) -> str:
    """``text`` with every address blanked to spaces (same length, so offsets still hold)."""
    spans = address_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


__all__ = ["Address", "address_spans", "find_addresses", "may_have_address", "without_addresses"]
