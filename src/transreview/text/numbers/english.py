"""Reading quantities in English text: digits, number words, scales, ordinals and dates."""

from __future__ import annotations

import re
from decimal import Decimal

from transreview.text.addresses import address_spans
from transreview.text.numbers.months import MONTHS, MONTHS_NEED_NUMBER
from transreview.text.numbers.quantity import (
    BY_START,
    DIGIT_RUN,
    DIGITS,
    ONE,
    KnownAddresses,
    Quantity,
    in_code,
    inside,
    new_quantity,
    retext,
    to_decimal,
    trie_pattern,
)
from transreview.text.textnorm import analysis_view

# --------------------------------------------------------------------------- English

EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_SCALES = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}  # fmt: skip
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000,
}  # fmt: skip
# words that stand for a number but are never required (Chinese says them many ways)
_EN_LOOSE = {"twice": 2, "thrice": 3, "dozen": 12, "decade": 10}
# plural scale words are approximate: "hundreds of", "dozens", "tens of thousands"
_EN_APPROX = {"hundreds", "thousands", "millions", "billions", "trillions", "dozens", "tens", "scores"}
_EN_ALL = (
    list(EN_UNITS) + list(EN_TENS) + list(_EN_SCALES) + list(_EN_ORDINALS) + list(_EN_LOOSE)
    + sorted(_EN_APPROX)
)  # fmt: skip
_EN_WORD = trie_pattern(_EN_ALL)
_EN_PHRASE_BODY = rf"\b{_EN_WORD}(?:(?:\s+and\s+|[\s-]+){_EN_WORD})*\b"
# scanned on the lower-cased text (twice as fast as IGNORECASE) when lowering keeps offsets
_EN_PHRASE = re.compile(_EN_PHRASE_BODY)
_EN_PHRASE_ANYCASE = re.compile(_EN_PHRASE_BODY, re.IGNORECASE)
_EN_TOKEN = re.compile(r"[A-Za-z]+")
_EN_APPROX_BEFORE = re.compile(
    r"(?:\b(?:several|few|many|some|couple|umpteen)|\bcouple\s+of)\s+$", re.IGNORECASE
)
_EN_A_BEFORE = re.compile(r"\b[aA]\s+$")
_EN_NEXT_WORDS = re.compile(r"[\s-]*([A-Za-z]+)(?:[\s-]+([A-Za-z]+))?")
_EN_PLURAL = {"people", "children", "men", "women", "staff", "personnel", "feet", "teeth", "data", "media"}
_EN_NOT_PLURAL = {
    "this", "his", "its", "was", "has", "is", "us", "thus", "plus", "across", "always",
    "perhaps", "less", "unless", "news", "series", "as", "yes", "does", "towards",
    "afterwards", "whereas", "various", "previous", "famous", "serious", "numerous",
    "process", "progress", "success", "business", "address", "access", "gas", "bus",
    "status", "focus", "bonus", "campus", "census", "consensus", "crisis", "basis",
    "analysis", "emphasis", "thesis", "chaos", "atlas", "canvas", "virus", "class",
    "glass", "grass", "mass", "pass", "press", "stress", "express", "congress", "boss",
    "loss", "cross", "dress", "guess", "miss", "kiss",
}  # fmt: skip
_EN_UNITS_AFTER = {
    "percent", "per", "cent", "pc", "yuan", "rmb", "usd", "km", "kg", "mw", "gw", "kw",
    "kwh", "ha", "mu", "dollar", "euro", "pound",
}  # fmt: skip
_EN_SCALE_SHORT = {"mln": 10**6, "mn": 10**6, "bn": 10**9}
# What may follow the digits of a number, read with one match: a scale word ("3.5 million",
# "2 bn"), the letter of a currency amount ("$5m": a scale only after a currency sign), an
# ordinal suffix ("21st"), a decade's "s" ("1980s"). The last three start with different
# characters, so at most one of them matches; the scale word is tried first, as it was when
# each pattern was matched in turn ("5th" is an ordinal, "5thousand" 5000).
_EN_AFTER = re.compile(
    r"(?P<scale>\s*-?\s*(?i:(?P<word>hundred|thousand|million|billion|trillion|mln|mn|bn))\b)"
    r"|(?P<currency>[mMkK]\b)"
    r"|(?P<ordinal>(?:st|nd|rd|th)\b)"
    r"|(?P<decade>'?s\b)"
)
_PERCENT_AFTER = re.compile(r"\s*(?:%|％|percent\b|per\s+cent\b)", re.IGNORECASE)
# A month name as a whole word of letters a-z after its capital: what reading every
# capitalised word ([ADFJMNOS][a-z]+) and looking it up in MONTHS found, in one scan.
_EN_MONTH = re.compile(trie_pattern(sorted(MONTHS)) + "(?![a-z])")
_DIGIT_NEAR_AFTER = re.compile(r"\.?\s*[0-9]")
_DIGIT_NEAR_BEFORE = re.compile(r"[0-9](?:st|nd|rd|th)?\s*(?:of\s+)?$")
# Found in two steps: a cheap scan for digit runs, then the exact pattern anchored there
# (a single scan with the full pattern was the slowest part of the check).
_EN_DIGITS = re.compile(DIGITS)
_RANGE_DASH = re.compile(r"\s*(?:-|to)\s*$")


def _plural_or_unit(word: str | None) -> bool:
    if not word:
        return False
    w = word.lower()
    if w in _EN_PLURAL or w in _EN_UNITS_AFTER:
        return True
    if w in _EN_NOT_PLURAL or len(w) <= 3:
        return False
    return w.endswith("s") and not w.endswith(("ss", "us", "is"))


def _en_words_required(text: str, end: int, value: int, has_scale: bool) -> bool:
    if has_scale or value > 10:
        return True
    if value <= 1:
        return False
    m = _EN_NEXT_WORDS.match(text, end)
    if m is None:
        return False
    return _plural_or_unit(m.group(1)) or _plural_or_unit(m.group(2))


def _en_word_numbers(text: str, m: re.Match[str]) -> list[Quantity]:
    """Split one run of number words into numbers and value each ("four and six" is two)."""
    tokens = [(t.group(0).lower(), t.start(), t.end()) for t in _EN_TOKEN.finditer(text, m.start(), m.end())]
    groups: list[list[tuple[str, int, int]]] = []
    cur: list[tuple[str, int, int]] = []
    pending_and = False

    def kind(w: str) -> str:
        if w in EN_UNITS:
            return "unit"
        if w in EN_TENS:
            return "tens"
        if w in _EN_SCALES:
            return "scale"
        if w in _EN_ORDINALS:
            return "ord"
        return "other"

    for tok in tokens:
        w = tok[0]
        if w == "and":
            pending_and = True
            continue
        k = kind(w)
        ok = False
        if cur:
            pk = kind(cur[-1][0])
            if pending_and:
                ok = pk == "scale" and k in ("unit", "tens", "ord")
            elif pk in ("unit", "tens") and k == "scale":
                ok = True
            elif pk == "tens" and k in ("unit", "ord") and (EN_UNITS.get(w) or _EN_ORDINALS.get(w, 10)) < 10:
                ok = True
            elif pk == "scale" and k in ("unit", "tens", "ord"):
                ok = True
            elif pk == "scale" and k == "scale":
                ok = _EN_SCALES[w] > _EN_SCALES[cur[-1][0]]
        if ok:
            cur.append(tok)
        else:
            if cur:
                groups.append(cur)
            cur = [tok]
        pending_and = False
    if cur:
        groups.append(cur)

    out: list[Quantity] = []
    for g in groups:
        words = [t[0] for t in g]
        start, end = g[0][1], g[-1][2]
        if any(w in _EN_APPROX for w in words):
            continue
        if words[0] in _EN_SCALES and _EN_APPROX_BEFORE.search(text, 0, start):
            continue  # "several hundred", "a few thousand"
        if len(words) == 1 and words[0] in _EN_LOOSE:
            if words[0] == "dozen" and _EN_APPROX_BEFORE.search(text, 0, start):
                continue
            out.append(new_quantity(text, _EN_LOOSE[words[0]], start, end, required=False, style="words"))
            continue
        total, current = 0, 0
        ordinal = False
        has_scale = False
        for w in words:
            if w in EN_UNITS:
                current += EN_UNITS[w]
            elif w in EN_TENS:
                current += EN_TENS[w]
            elif w in _EN_ORDINALS:
                current += _EN_ORDINALS[w]
                ordinal = True
            elif w in _EN_SCALES:
                has_scale = True
                scale = _EN_SCALES[w]
                if scale == 100:
                    current = (current or 1) * 100
                else:
                    total += (current or 1) * scale
                    current = 0
        value = total + current
        a = _EN_A_BEFORE.search(text, 0, start) if words[0] in _EN_SCALES else None
        if a is not None:
            start = a.start()
        if ordinal:
            required = value > 10 and len(words) > 1
            out.append(new_quantity(text, value, start, end, required=required, kind="ordinal", style="words"))
        else:
            required = _en_words_required(text, end, value, has_scale)
            out.append(new_quantity(text, value, start, end, required=required, style="words"))
    return out



def extract_en(text: str, known_addresses: KnownAddresses | None = None) -> list[Quantity]:
    """Quantities of an English text, in text order.

    ``known_addresses``: see :data:`~transreview.text.numbers.quantity.KnownAddresses`.
    """
    view = analysis_view(text)
    skip = known_addresses if known_addresses is not None and view is text else address_spans(view)
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    prev_year: Quantity | None = None
    pos = 0
    for run in DIGIT_RUN.finditer(view):
        if run.start() < pos:
            continue
        m = _EN_DIGITS.match(view, run.start())
        if m is None:  # pragma: no cover - the last branch matches any digit run
            continue
        s, e = m.span()
        pos = e
        if skip and inside(s, skip):
            continue
        digits = m.group(0)
        value = to_decimal(digits)
        if value is None:
            continue
        kind, required, scale = "number", not in_code(view, s, e), 1
        end = e
        # what follows, in one match: a scale word, an ordinal or decade suffix, or the
        # letter of a currency amount (which counts only after a currency sign)
        am = _EN_AFTER.match(view, e)
        if am is not None:
            after = am.lastgroup
            if after == "scale":
                word = am.group("word").lower()
                scale = _EN_SCALES.get(word) or _EN_SCALE_SHORT[word]
                end = am.end()
            elif after == "currency":
                if s > 0 and view[s - 1] in "$€£¥":
                    scale = 10**6 if am.group(0) in "mM" else 10**3
                    end = am.end()
            elif after == "ordinal":
                kind, end = "ordinal", am.end()
            elif len(digits) == 4 and digits[3] == "0":  # decade: "1980s", "1980's"
                required, end = False, am.end()
        pm = _PERCENT_AFTER.match(view, end)
        if pm is not None:
            kind, end = "percent", pm.end()
        value = value * scale  # also when 1: the context rounds a value of 29 digits or more
        # "2016-17": a two-digit range end after a year is that year's century
        if (
            prev_year is not None
            and len(digits) == 2
            and scale == 1
            and _RANGE_DASH.fullmatch(view, prev_year.end, s)
        ):
            value = Decimal(int(prev_year.value) // 100 * 100) + value
        q = Quantity(value, s, end, text[s:end], kind, required, False, "digits", (0, e - s),
                     ONE if scale == 1 else Decimal(scale))  # fmt: skip
        out.append(q)
        taken.append((s, end))
        prev_year = q if (len(digits) == 4 and scale == 1 and kind == "number") else None
    low = view.lower()
    if len(low) == len(view):
        phrases = _EN_PHRASE.finditer(low)
    else:  # pragma: no cover - a character whose lower case is longer (U+0130)
        low, phrases = view, _EN_PHRASE_ANYCASE.finditer(view)
    for m in phrases:
        if skip and inside(m.start(), skip):
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue  # the "million" of "3.5 million"
        # word numbers are read on the lower-cased view: their text is cut from the original
        out.extend(
            q if q.text == text[q.start : q.end] else retext(q, text) for q in _en_word_numbers(low, m)
        )
    for m in _EN_MONTH.finditer(view):
        name = m.group(0)
        start = m.start()
        if start and view[start - 1].isalpha():
            continue
        if name in MONTHS_NEED_NUMBER and not (
            _DIGIT_NEAR_AFTER.match(view, m.end()) or _DIGIT_NEAR_BEFORE.search(view, 0, start)
        ):
            continue
        out.append(Quantity(Decimal(MONTHS[name]), start, m.end(), text[start : m.end()], "month", True, False,
                            "words", (0, m.end() - start), ONE))  # fmt: skip
    if len(out) > 1:
        out.sort(key=BY_START)
    return out
