"""A quantity read from text (value plus span), and the reading helpers both languages share.

Both readers work on digits the same way (separators, full-width forms, decimals) and
both skip digits inside codes (G20, v1.2.3) and inside addresses, so those rules live here
once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import NamedTuple

# --------------------------------------------------------------------------- the value


class Quantity(NamedTuple):
    """One quantity found in a text.

    ``start``/``end`` span it in the text it was read from (the original text: extraction
    works on a same-length view). ``core`` is the span of the written digits or words inside
    it, ``scale`` what they are multiplied by (350万: core "350", scale 10⁴), so a suggestion
    can rewrite the number in the writer's own style. A named tuple rather than a dataclass:
    a sentence yields several, and building them was a third of the check's time.
    """

    value: Decimal
    start: int
    end: int
    text: str
    kind: str = "number"  # number | percent | month | ordinal
    required: bool = True
    stray: bool = False
    style: str = "digits"  # digits | words | zh | zh_positional
    core: tuple[int, int] = (0, 0)
    scale: Decimal = Decimal(1)

    @property
    def shown(self) -> str:
        """The value as people write it in a message: 3500000, 3.5, 2016."""
        return format_decimal(self.value)


#: The sort key of quantities in text order (``Quantity.start``, read as a tuple item).
BY_START = itemgetter(1)


def format_decimal(value: Decimal) -> str:
    """``value`` without exponent or trailing zeros ("3500000", "3.5", "0.25")."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --------------------------------------------------------------------------- shared bits

#: What a reader may be given with the text it reads: ``address_spans(text)``, from a cache
#: (used only when the reader's folded view is the text itself; otherwise the reader finds
#: the addresses of its view).
KnownAddresses = list[tuple[int, int]]

_D = "[0-9０-９]"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
# digits: "1,000,000", "1 000" (groups of three), "3.5", "2016"
DIGITS = (
    rf"{_D}{{1,3}}(?:[,，]{_D}{{3}})+(?:[.．]{_D}+)?(?!{_D})"
    rf"|{_D}{{1,3}}(?:[ \u00a0\u202f\u2009]{_D}{{3}})+(?![0-9０-９]|[.,]{_D})"
    rf"|{_D}+(?:[.．]{_D}+)?"
)

# A cheap scan for digit runs: both readers find numbers in two steps, this scan and then
# the exact pattern anchored at each run (one scan with the full pattern was the slowest
# part of the check).
DIGIT_RUN = re.compile("[0-9０-９]+")

def to_decimal(digits: str) -> Decimal | None:
    if digits.isascii() and digits.isdigit():
        return Decimal(digits)
    clean = digits.translate(_FULLWIDTH).replace(",", "")
    if not clean.isascii() or " " in clean:
        clean = "".join(ch for ch in clean if not ch.isspace())
    try:
        return Decimal(clean)
    except InvalidOperation:
        return None


def trie_pattern(words: Sequence[str]) -> str:
    """One regex alternation for ``words``, shaped as a trie.

    Python's ``re`` tries the branches of ``one|two|three|...`` one by one at every
    position; a trie (``t(?:wo|hree)``) fails at the first letter instead, which made
    the English number-word scan about five times faster.
    """
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


_LATIN_OR_UNDERSCORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


def in_code(text: str, start: int, end: int) -> bool:
    """Digits that are part of a code, not a quantity: G20, CO2, COVID-19, v1.2.3, a_1."""
    if start > 0:
        prev = text[start - 1]
        if prev in _LATIN_OR_UNDERSCORE:  # is_latin(prev) or "_", as one set lookup
            return True
        if prev == "-" or prev == ".":
            before = text[start - 2] if start > 1 else ""
            if (prev == "-" and is_latin(before)) or (prev == "." and before.isdigit()):
                return True
    return end + 1 < len(text) and text[end] == "." and text[end + 1].isdigit()  # "1.2.3"


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def new_quantity(
    text: str,
    value: int | Decimal,
    start: int,
    end: int,
    *,
    required: bool = True,
    kind: str = "number",
    style: str = "digits",
    stray: bool = False,
    core: tuple[int, int] | None = None,
    scale: int | Decimal = 1,
) -> Quantity:
    return Quantity(
        value if type(value) is Decimal else Decimal(value),
        start,
        end,
        text[start:end],
        kind,
        required,
        stray,
        style,
        core if core is not None else (0, end - start),
        ONE if scale == 1 else Decimal(scale),
    )


#: The scale of an unscaled quantity (one object, shared).
ONE = Decimal(1)

def retext(q: Quantity, text: str) -> Quantity:
    return q._replace(text=text[q.start : q.end])
