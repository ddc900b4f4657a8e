"""Reading quantities in English text: digits, number words, scales, ordinals and dates."""

from __future__ import annotations

import re
from decimal import Decimal

from transreview.text.addresses import address_spans
from transreview.text.numbers.months import MONTHS, MONTHS_NEED_NUMBER
from transreview.text.numbers.quantity import (
    DIGIT_RUN,
    DIGITS,
    Quantity,
    in_code,
    inside,
    is_latin,
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
_EN_SCALE_AFTER = re.compile(
    r"(\s*-?\s*)(hundred|thousand|million|billion|trillion|mln|mn|bn)\b", re.IGNORECASE
)
_EN_SCALE_SHORT = {"mln": 10**6, "mn": 10**6, "bn": 10**9}
_EN_CURRENCY_SCALE = re.compile(r"([mMkK])\b")
_PERCENT_AFTER = re.compile(r"\s*(?:%|％|percent\b|per\s+cent\b)", re.IGNORECASE)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_DECADE_SUFFIX = re.compile(r"'?s\b")
_EN_CAPITALISED = re.compile("[ADFJMNOS][a-z]+")  # every month name starts with one of these
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



def extract_en(text: str) -> list[Quantity]:
    """Quantities of an English text, in text order."""
    view = analysis_view(text)
    skip = address_spans(view)
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
        code = in_code(view, s, e)
        value = to_decimal(m.group(0))
        if value is None:
            continue
        core = (0, e - s)
        kind, style, required, scale = "number", "digits", not code, 1
        end = e
        rest = view[e : e + 16]
        sm = _EN_SCALE_AFTER.match(view, e)
        if sm is not None:
            word = sm.group(2).lower()
            scale = _EN_SCALES.get(word) or _EN_SCALE_SHORT[word]
            end = sm.end()
        elif s > 0 and view[s - 1] in "$€£¥" and (cm := _EN_CURRENCY_SCALE.match(view, e)):
            scale = 10**6 if cm.group(1) in "mM" else 10**3
            end = cm.end()
        elif (om := _ORDINAL_SUFFIX.match(view, e)) is not None:
            kind, end = "ordinal", om.end()
        elif len(m.group(0)) == 4 and m.group(0).endswith("0") and _DECADE_SUFFIX.match(view, e):
            required, end = False, _DECADE_SUFFIX.match(view, e).end()  # type: ignore[union-attr]
        elif e < len(view) and is_latin(view[e]) and not rest[:1].isspace():
            pass  # "5km", "3D": a number with a unit glued on
        pm = _PERCENT_AFTER.match(view, end)
        if pm is not None:
            kind, end = "percent", pm.end()
        value = value * scale
        # "2016-17": a two-digit range end after a year is that year's century
        if (
            prev_year is not None
            and len(m.group(0)) == 2
            and scale == 1
            and _RANGE_DASH.fullmatch(view, prev_year.end, s)
        ):
            value = Decimal(int(prev_year.value) // 100 * 100) + value
        q = new_quantity(text, value, s, end, required=required, kind=kind, style=style, core=core, scale=scale)
        out.append(q)
        taken.append((s, end))
        prev_year = q if (len(m.group(0)) == 4 and scale == 1 and kind == "number") else None
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
        out.extend(_en_word_numbers(low, m))
    for m in _EN_CAPITALISED.finditer(view):
        name = m.group(0)
        month = MONTHS.get(name)
        if month is None or (m.start() and view[m.start() - 1].isalpha()):
            continue
        if name in MONTHS_NEED_NUMBER and not (
            _DIGIT_NEAR_AFTER.match(view, m.end()) or _DIGIT_NEAR_BEFORE.search(view, 0, m.start())
        ):
            continue
        out.append(new_quantity(text, month, m.start(), m.end(), kind="month", style="words"))
    # word-number quantities were built on the view: re-cut their text from the original
    out = [q if q.text == text[q.start : q.end] else retext(q, text) for q in out]
    out.sort(key=lambda q: q.start)
    return out
