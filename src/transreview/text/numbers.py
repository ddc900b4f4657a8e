"""Quantities in English and Chinese text, as values with spans, and their comparison.

Why values and not substrings: pofilter compares digit strings, so it flags the correct
"3.5 million" → 350万 and misses 500 → 5000 and 3 → 13 (NOTES.md). Here each side becomes a
list of :class:`Quantity` (a :class:`~decimal.Decimal` value plus the span it came from) and
the two lists are matched as multisets of values by :func:`compare`.

What is read (both sides; the language of a side picks the word rules):

- digits with separators (``1,000``, ``1 000``), decimals, full-width digits, percentages
  (``5%``, ``5 percent``, 百分之五); a sign is never read, so "2016-2017" is two years;
- English number words (``one`` … ``ninety``, ``hundred`` … ``trillion``, "twenty-one",
  "three hundred and fifty", "a million") and scaled figures ("3.5 million", "1.2 bn");
- Chinese numerals (三百, 两千, 十一, 一千零五, 三百五, 二〇一六) and 万/亿 scaling on digits or
  numerals (350万, 1.2亿, 三亿五千万), decimals with 点 (三点五);
- dates: English month names count as their month number (September → 9), so
  "September 3 – 11" and 9月3日至11日 both read {9, 3, 11}; a two-digit range end after a
  year expands ("2016-17" → 2016, 2017);
- ordinals: "21st" → 21, "first" → 1, 第三 → 3 (the 第 itself is not needed).

What is deliberately *not* read, because it is not a quantity or the two languages do not
express it as one:

- approximate amounts: "several hundred", "hundreds of", "dozens", "a few", 几百, 十几,
  数十, 上百, 成千, "三四个" (N or N+1) and their like produce nothing, on either side;
- digits inside URLs or e-mail addresses (the urls check owns those);
- weekdays (星期三, 周三) and 零 on its own (零件, 零售 are words, not zero).

*Required* or not. A quantity with no counterpart fires only when it is ``required``.
The rule (documented because it decides most false alarms):

- digits are always required, except in codes glued to Latin letters (G20, CO2, PM2.5,
  COVID-19, SMART2020: G20 is often 二十国集团, CO2 二氧化碳, so they may match but never
  fire) and decades ("1980s", 80年代), which the two languages write differently;
- an English number word is required when its value is above 10, or when it carries a
  scale ("a million"), or when its value is 2–10 and one of the next two words is a plural
  noun or a unit ("six domestic speakers", "two countries", "five percent"). "one", "a",
  "one of", ordinal words ("first" ↔ 首次), "twice", "a dozen", and small numbers before
  anything else ("four international (3 U.S.)", "Five-Year Plan") are optional: Chinese
  routinely leaves them implicit or says them with a non-numeral (双方, 首, 之一);
- a Chinese numeral is required when it has two or more characters and reads as a number
  (三百, 十一, 二〇一六); a single character only when a measure word or date unit follows
  (三个, 六位, 五年, 9月 → yes; 四川, 五台山, 三明治, 统一, 十分 → no). 一 is never
  required (一个 is often just "a"), nor are bare units (百姓, 万一, 千万), doubled digits
  (一一, 三三两两) or digit strings that are not years (五四运动).

Optional quantities still match: "six" ↔ 六个 and "first" ↔ 第一 pair off normally.

*Stray digits*. A one- or two-digit Arabic number glued to a Chinese numeral (the "1" of
"1几百") or sitting between two Han characters with no measure word after it is marked
``stray``. :func:`compare` matches stray quantities last; an unmatched stray one is *not*
an extra number for the numbers check but a stray digit for the repetition check, so the
two checks report it exactly once (minor, Fluency: it reads as a typo, not as a claim).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from transreview.model import Pair, is_chinese
from transreview.text.chinese import is_han
from transreview.text.textnorm import analysis_view

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


def format_decimal(value: Decimal) -> str:
    """``value`` without exponent or trailing zeros ("3500000", "3.5", "0.25")."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --------------------------------------------------------------------------- shared bits

_D = "[0-9０-９]"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff01-\uff0f\u4e00-\u9fff]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# digits: "1,000,000", "1 000" (groups of three), "3.5", "2016"
_DIGITS = (
    rf"{_D}{{1,3}}(?:[,，]{_D}{{3}})+(?:[.．]{_D}+)?(?!{_D})"
    rf"|{_D}{{1,3}}(?:[ \u00a0\u202f\u2009]{_D}{{3}})+(?![0-9０-９]|[.,]{_D})"
    rf"|{_D}+(?:[.．]{_D}+)?"
)


def _to_decimal(digits: str) -> Decimal | None:
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


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _in_code(text: str, start: int, end: int) -> bool:
    """Digits that are part of a code, not a quantity: G20, CO2, COVID-19, v1.2.3, a_1."""
    if start > 0:
        prev = text[start - 1]
        if _latin(prev) or prev == "_":
            return True
        before = text[start - 2] if start > 1 else ""
        if (prev == "-" and _latin(before)) or (prev == "." and before.isdigit()):
            return True
    return end + 1 < len(text) and text[end] == "." and text[end + 1].isdigit()  # "1.2.3"


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text and "@" not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# --------------------------------------------------------------------------- English

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
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
    list(_EN_UNITS) + list(_EN_TENS) + list(_EN_SCALES) + list(_EN_ORDINALS) + list(_EN_LOOSE)
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
_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_EN_CAPITALISED = re.compile("[ADFJMNOS][a-z]+")  # every month name starts with one of these
_MONTH_NEEDS_NUMBER = {"May", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
_DIGIT_NEAR_AFTER = re.compile(r"\.?\s*[0-9]")
_DIGIT_NEAR_BEFORE = re.compile(r"[0-9](?:st|nd|rd|th)?\s*(?:of\s+)?$")
# Found in two steps: a cheap scan for digit runs, then the exact pattern anchored there
# (a single scan with the full pattern was the slowest part of the check).
_DIGIT_RUN = re.compile("[0-9０-９]+")
_EN_DIGITS = re.compile(_DIGITS)
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
        if w in _EN_UNITS:
            return "unit"
        if w in _EN_TENS:
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
            elif pk == "tens" and k in ("unit", "ord") and (_EN_UNITS.get(w) or _EN_ORDINALS.get(w, 10)) < 10:
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
            out.append(_q(text, _EN_LOOSE[words[0]], start, end, required=False, style="words"))
            continue
        total, current = 0, 0
        ordinal = False
        has_scale = False
        for w in words:
            if w in _EN_UNITS:
                current += _EN_UNITS[w]
            elif w in _EN_TENS:
                current += _EN_TENS[w]
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
            out.append(_q(text, value, start, end, required=required, kind="ordinal", style="words"))
        else:
            required = _en_words_required(text, end, value, has_scale)
            out.append(_q(text, value, start, end, required=required, style="words"))
    return out


def _q(
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
        _ONE if scale == 1 else Decimal(scale),
    )


_ONE = Decimal(1)


def extract_en(text: str) -> list[Quantity]:
    """Quantities of an English text, in text order."""
    view = analysis_view(text)
    skip = _url_spans(view)
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    prev_year: Quantity | None = None
    pos = 0
    for run in _DIGIT_RUN.finditer(view):
        if run.start() < pos:
            continue
        m = _EN_DIGITS.match(view, run.start())
        if m is None:  # pragma: no cover - the last branch matches any digit run
            continue
        s, e = m.span()
        pos = e
        if skip and _inside(s, skip):
            continue
        code = _in_code(view, s, e)
        value = _to_decimal(m.group(0))
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
        elif e < len(view) and _latin(view[e]) and not rest[:1].isspace():
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
        q = _q(text, value, s, end, required=required, kind=kind, style=style, core=core, scale=scale)
        out.append(q)
        taken.append((s, end))
        prev_year = q if (len(m.group(0)) == 4 and scale == 1 and kind == "number") else None
    low = view.lower()
    if len(low) == len(view):
        phrases = _EN_PHRASE.finditer(low)
    else:  # pragma: no cover - a character whose lower case is longer (U+0130)
        low, phrases = view, _EN_PHRASE_ANYCASE.finditer(view)
    for m in phrases:
        if skip and _inside(m.start(), skip):
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue  # the "million" of "3.5 million"
        out.extend(_en_word_numbers(low, m))
    for m in _EN_CAPITALISED.finditer(view):
        name = m.group(0)
        month = _MONTHS.get(name)
        if month is None or (m.start() and view[m.start() - 1].isalpha()):
            continue
        if name in _MONTH_NEEDS_NUMBER and not (
            _DIGIT_NEAR_AFTER.match(view, m.end()) or _DIGIT_NEAR_BEFORE.search(view, 0, m.start())
        ):
            continue
        out.append(_q(text, month, m.start(), m.end(), kind="month", style="words"))
    # word-number quantities were built on the view: re-cut their text from the original
    out = [q if q.text == text[q.start : q.end] else _retext(q, text) for q in out]
    out.sort(key=lambda q: q.start)
    return out


def _retext(q: Quantity, text: str) -> Quantity:
    return q._replace(text=text[q.start : q.end])


# --------------------------------------------------------------------------- Chinese

ZH_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
ZH_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_ZH_NUM_CHARS = "".join(ZH_DIGITS) + "".join(ZH_SMALL_UNITS) + "".join(ZH_BIG_UNITS)
_ZH_APPROX_CHARS = "几幾"
_ZH_RUN = re.compile(
    "[" + _ZH_NUM_CHARS + _ZH_APPROX_CHARS + "]+(?:[点點][〇零一二三四五六七八九]+)?"
)
# Arabic digits, optionally scaled by Chinese units (350万, 1.2亿, 5千) and/or a percent sign
_ZH_ARABIC = re.compile(rf"({_DIGITS})(\s*[百千万亿萬億]+)?(\s*[%％])?")
_ZH_PERCENT = re.compile("([百千])分之")
# what may follow a single-character numeral for it to be a real count or date
MEASURE_CHARS = frozenset(
    "个個名位人岁歲年月日号號天周週倍次元家项項条條种種件点點秒时時米吨噸度批座所层層"
    "场場部本张張只隻辆輛架艘份篇章轮輪户戶间間栋棟幅首季亩畝公克%％"
)
_APPROX_PREFIX = frozenset("数數上成好")
_WEEKDAY_PREFIX = ("星期", "礼拜", "禮拜", "周", "週")
_IDIOMS = frozenset({"万一", "萬一", "一一", "千万", "千萬", "万万", "萬萬"})
_CONSECUTIVE = {(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9)}
_STRAY_TRIGGER = frozenset("".join(ZH_DIGITS) + "几幾数數十拾")
_KILO_AFTER = frozenset("米克瓦")
_LING_WORDS = frozenset("件售食钱錢星散部碎工")  # 零件, 零售, 零食 …: 零 starts a word


def parse_zh_numeral(s: str) -> int | None:
    """The integer a Chinese numeral writes, or None if ``s`` is not one well-formed numeral.

    Digit strings read positionally (二〇一六 → 2016); with units the usual way (三百 → 300,
    一千零五 → 1005, 十一 → 11, 三亿五千万 → 350000000), including the colloquial dropped
    last unit (三百五 → 350, 两万五 → 25000). Ill-formed runs such as 十二五 give None so the
    caller can split them.
    """
    if not s:
        return None
    if all(ch in ZH_DIGITS for ch in s):
        return int("".join(str(ZH_DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    number: int | None = None
    last_small: int | None = None
    last_big: int | None = None
    zero = False
    for ch in s:
        if ch in ZH_DIGITS:
            d = ZH_DIGITS[ch]
            if d == 0:
                if number is not None:
                    return None
                zero = True
                continue
            if number is not None:
                return None
            number = d
        elif ch in ZH_SMALL_UNITS:
            u = ZH_SMALL_UNITS[ch]
            if last_small is not None and u >= last_small:
                return None
            if number is None:
                if section or (total and not zero and u != 10):
                    return None
                number = 1
            section += number * u
            number = None
            last_small = u
            zero = False
        else:
            u = ZH_BIG_UNITS[ch]
            if number is not None:
                section += number
                number = None
            if section == 0:
                if total == 0:
                    total = u  # bare 万
                elif last_big is not None and u > last_big:
                    total *= u  # 一万亿
                else:
                    return None
            else:
                if last_big is not None and u >= last_big and total:
                    total = (total + section) * u  # 三千万亿 read left to right
                else:
                    total += section * u
            section = 0
            last_small = None
            last_big = u
            zero = False
    if number is not None:
        if not zero and last_small is not None and last_small >= 100:
            section += number * last_small // 10  # 三百五
        elif not zero and last_small is None and last_big is not None and section == 0:
            total += number * last_big // 10  # 两万五
        else:
            section += number
    return total + section


def _split_zh(s: str) -> list[tuple[int, int, int]]:
    """(start, end, value) pieces of a run that is not one numeral, longest valid prefix first."""
    pieces: list[tuple[int, int, int]] = []
    i = 0
    while i < len(s):
        for j in range(len(s), i, -1):
            v = parse_zh_numeral(s[i:j])
            if v is not None:
                pieces.append((i, j, v))
                i = j
                break
        else:
            i += 1
    return pieces


def _zh_fraction(digits: str) -> Decimal:
    return Decimal("0." + "".join(str(ZH_DIGITS[ch]) for ch in digits))


def zh_to_arabic(run: str) -> str | None:
    """A Chinese numeral rewritten in Arabic digits (二〇一六 → "2016", 三点五 → "3.5")."""
    head, _, frac = run.replace("點", "点").partition("点")
    value = parse_zh_numeral(head)
    if value is None:
        return None
    if frac:
        if not all(ch in ZH_DIGITS for ch in frac):
            return None
        return format_decimal(Decimal(value) + _zh_fraction(frac))
    if all(ch in ZH_DIGITS for ch in head) and len(head) > 1:
        return "".join(str(ZH_DIGITS[ch]) for ch in head)  # keeps a leading 〇
    return str(value)


def _is_stray_digit(text: str, s: int, e: int) -> bool:
    """A one- or two-digit number glued to a Chinese numeral, or wedged between Han words."""
    if e - s > 2:
        return False
    nxt = text[e] if e < len(text) else ""
    if nxt and nxt in _STRAY_TRIGGER:
        return True
    prev = text[s - 1] if s > 0 else ""
    return bool(prev and nxt and is_han(prev) and is_han(nxt) and prev != "第" and nxt not in MEASURE_CHARS)


_SHORT_DIGITS = re.compile("(?<![0-9０-９.,])[0-9０-９]{1,2}(?![0-9０-９.,])")


def may_have_stray_digit(text: str) -> bool:
    """Cheap test: could :func:`extract_zh` mark a digit of ``text`` as stray?"""
    return any(_is_stray_digit(text, m.start(), m.end()) for m in _SHORT_DIGITS.finditer(text))


def _zh_run_quantities(text: str, m: re.Match[str]) -> list[Quantity]:
    run = m.group(0)
    s0, e0 = m.span()
    # 零 never starts a number: 零件, 零售, 零排放
    nxt0 = text[e0] if e0 < len(text) else ""
    lead = len(run) - len(run.lstrip("零"))
    if lead:
        run, s0 = run[lead:], s0 + lead
    if run.endswith("零") and nxt0 in _LING_WORDS:
        run, e0 = run[:-1], e0 - 1  # 统一零件: 零件 is a word
    if not run or any(ch in _ZH_APPROX_CHARS for ch in run):
        return []  # 几百, 十几, 几乎
    prev = text[s0 - 1] if s0 > 0 else ""
    nxt = text[e0] if e0 < len(text) else ""
    if prev in _APPROX_PREFIX and run[0] in ZH_SMALL_UNITS or prev in _APPROX_PREFIX and run[0] in ZH_BIG_UNITS:
        return []  # 数百, 上千, 成千
    if len(run) == 1 and text.endswith(_WEEKDAY_PREFIX, 0, s0):
        return []  # 星期三, 周三
    head, _, frac = run.replace("點", "点").partition("点")
    if frac and not head:
        return []
    digits_only = all(ch in ZH_DIGITS for ch in head)
    if len(head) >= 2 and head[0] in ZH_DIGITS and head[1] in ZH_DIGITS:
        a, b = ZH_DIGITS[head[0]], ZH_DIGITS[head[1]]
        if (a, b) in _CONSECUTIVE and (len(head) == 2 or head[2] in ZH_SMALL_UNITS or head[2] in ZH_BIG_UNITS):
            return []  # 三四个, 七八十: N or N+1
    # 千 before 米/克/瓦 is "kilo-": 五千米 is 5 km
    kilo = head.endswith(("千", "仟")) and nxt in _KILO_AFTER and len(head) > 1
    if kilo:
        head = head[:-1]
    value = parse_zh_numeral(head)
    units_only = all(ch in ZH_SMALL_UNITS or ch in ZH_BIG_UNITS for ch in head)
    if value is None:
        # not one numeral (十二五, 三三两两): its pieces, none required
        return [
            _q(text, v, s0 + a, s0 + b, required=False, style="zh")
            for a, b, v in _split_zh(head)
        ]
    dec = Decimal(value) + (_zh_fraction(frac) if frac else 0)
    after = nxt if not frac else (text[e0] if e0 < len(text) else "")
    if digits_only and len(head) >= 2:
        style = "zh_positional"
        required = after == "年" or (len(head) >= 3 and ("〇" in head or "零" in head))
        if len(set(head)) == 1:
            required = False  # 一一, 三三
    elif len(head) == 1 and not frac:
        style = "zh"
        required = head not in "一壹" and not units_only and after in MEASURE_CHARS
    else:
        style = "zh"
        required = not units_only and head not in _IDIOMS
    end = e0 if not kilo else e0 - 1
    kind = "month" if after == "月" and not frac else "number"
    if text.startswith("年代", e0) and value % 10 == 0:
        required = False
    return [_q(text, dec, s0, end, required=required, style=style, kind=kind)]


def extract_zh(text: str) -> list[Quantity]:
    """Quantities of a Chinese text (simplified or traditional), in text order."""
    view = analysis_view(text)
    skip = _url_spans(view)
    out: list[Quantity] = []
    percent_from: dict[int, int] = {}
    taken: list[tuple[int, int]] = []
    for m in _ZH_PERCENT.finditer(view):
        percent_from[m.end()] = m.start()
        taken.append(m.span())
    pos = 0
    for run in _DIGIT_RUN.finditer(view):
        if run.start() < pos:
            continue
        m = _ZH_ARABIC.match(view, run.start())
        if m is None:  # pragma: no cover
            continue
        pos = m.end()
        s, e = m.span(1)
        if skip and _inside(s, skip):
            continue
        taken.append((s, m.end(2) if m.group(2) else e))
        code = _in_code(view, s, e)
        value = _to_decimal(m.group(1))
        if value is None:
            continue
        scale = 1
        end = e
        if m.group(2):
            units = m.group(2).strip()
            nxt = view[m.end(2)] if m.end(2) < len(view) else ""
            if units.endswith(("千", "仟")) and nxt in _KILO_AFTER:
                units = units[:-1]  # 5千米 is 5 km
            for ch in units:
                scale *= ZH_SMALL_UNITS.get(ch) or ZH_BIG_UNITS[ch]
            end = m.start(2) + len(m.group(2)) - (len(m.group(2).strip()) - len(units))
        kind = "percent" if m.group(3) else "number"
        if m.group(3):
            end = m.end(3)
        required = not code
        if view.startswith("年代", end) and value % 10 == 0:
            required = False
        if kind == "number" and view.startswith("月", end):
            kind = "month"
        stray = (
            not code and scale == 1 and kind != "percent" and "." not in m.group(1)
            and _is_stray_digit(view, s, e)
        )
        out.append(
            _q(text, value * scale, s, end, required=required and not stray, kind=kind, stray=stray,
               core=(0, e - s), scale=scale)
        )
    for m in _ZH_RUN.finditer(view):
        if (skip and _inside(m.start(), skip)) or _inside(m.start(), taken):
            continue  # the 万 of 350万, the 百 of 百分之
        qs = _zh_run_quantities(view, m)
        start = percent_from.get(m.start())
        if start is not None and qs:
            q = qs[0]
            qs = [
                Quantity(q.value, start, q.end, text[start : q.end], "percent", True, False,
                         q.style, (q.start - start, q.end - start), q.scale)
            ]
        out.extend(_retext(q, text) if q.text != text[q.start : q.end] else q for q in qs)
    out.sort(key=lambda q: q.start)
    return out


def extract(text: str, lang: str) -> list[Quantity]:
    """Quantities of ``text``; any Chinese language code selects the Chinese rules."""
    if not text:
        return []
    return extract_zh(text) if is_chinese(lang) else extract_en(text)


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True, slots=True)
class Comparison:
    """How the quantities of a pair's two sides correspond.

    ``missing``: required source quantities with no counterpart; ``extra``: required target
    quantities with no counterpart; ``changed``: (source, target) pairs of those two that sit
    at about the same place and so read as one number changed into another (they are not
    also listed in ``missing``/``extra``); ``stray``: unmatched stray digits of the target.
    """

    source: tuple[Quantity, ...] = ()
    target: tuple[Quantity, ...] = ()
    matched: tuple[tuple[Quantity, Quantity], ...] = ()
    missing: tuple[Quantity, ...] = ()
    extra: tuple[Quantity, ...] = ()
    changed: tuple[tuple[Quantity, Quantity], ...] = ()
    stray: tuple[Quantity, ...] = field(default=())


def _priority(q: Quantity) -> tuple[int, int, int]:
    return (q.stray, not q.required, q.start)


def compare(
    source: Sequence[Quantity],
    target: Sequence[Quantity],
    source_len: int = 0,
    target_len: int = 0,
) -> Comparison:
    """Match the two sides' quantities as multisets of values.

    Required, non-stray quantities are matched first on both sides, so that what is left
    over is what an optional word or a stray digit left. Lengths (of the two texts) place
    the leftovers, to pair a missing source number with the extra target number nearest its
    relative position as one *changed* number.
    """
    pool: dict[Decimal, list[Quantity]] = {}
    for t in sorted(target, key=_priority):
        pool.setdefault(t.value, []).append(t)
    matched: list[tuple[Quantity, Quantity]] = []
    left_src: list[Quantity] = []
    for s in sorted(source, key=_priority):
        cands = pool.get(s.value)
        if cands:
            matched.append((s, cands.pop(0)))
        else:
            left_src.append(s)
    left_tgt = sorted((t for ts in pool.values() for t in ts), key=lambda q: q.start)
    missing = sorted((s for s in left_src if s.required), key=lambda q: q.start)
    extra = [t for t in left_tgt if t.required and not t.stray]
    stray = tuple(t for t in left_tgt if t.stray)
    changed: list[tuple[Quantity, Quantity]] = []
    if missing and extra:
        sl, tl = max(source_len, 1), max(target_len, 1)
        free = list(missing)
        for t in list(extra):
            if not free:
                break
            best = min(free, key=lambda s: abs(s.start / sl - t.start / tl))
            free.remove(best)
            extra.remove(t)
            changed.append((best, t))
        missing = free
    matched.sort(key=lambda st: st[0].start)
    return Comparison(
        source=tuple(source),
        target=tuple(target),
        matched=tuple(matched),
        missing=tuple(missing),
        extra=tuple(extra),
        changed=tuple(changed),
        stray=stray,
    )


def compare_pair(pair: Pair) -> Comparison:
    """:func:`compare` on the quantities of both sides of ``pair`` (empty if a side is blank)."""
    if not pair.source.strip() or not pair.target.strip():
        return Comparison()
    src = extract(pair.source, pair.src_lang)
    tgt = extract(pair.target, pair.tgt_lang)
    if not src and not tgt:
        return Comparison()
    return compare(src, tgt, len(pair.source), len(pair.target))


# --------------------------------------------------------------------------- writing numbers

_ZH_DIGIT_OUT = "零一二三四五六七八九"
_MONTH_NAMES = list(_MONTHS)[:12]
_EN_WORDS_OUT = {v: k for k, v in {**_EN_UNITS, **_EN_TENS}.items()}


def to_zh_numeral(n: int) -> str:
    """``n`` (0 ≤ n < 10¹⁶) in Chinese numerals: 300 → 三百, 1005 → 一千零五, 12 → 十二."""
    if n == 0:
        return "零"

    def below_10k(x: int, leading: bool) -> str:
        out = ""
        zero = False
        for unit, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, x = divmod(x, unit)
            if d:
                if zero and out:
                    out += "零"
                zero = False
                if not (unit == 10 and d == 1 and leading and not out):
                    out += _ZH_DIGIT_OUT[d]
                out += ch
            else:
                zero = True
        return out

    parts = []
    for big, ch in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"), (1, "")):
        d, n = divmod(n, big)
        if d:
            if parts and d < 1000:
                parts.append("零")
            parts.append(below_10k(d, not parts) + ch)
    return "".join(parts)


def to_en_words(n: int) -> str:
    """Small integers in words (0–99: "seven", "twenty-one"); larger ones in digits."""
    if n in _EN_WORDS_OUT:
        return _EN_WORDS_OUT[n]
    if 20 < n < 100:
        return f"{_EN_WORDS_OUT[n - n % 10]}-{_EN_WORDS_OUT[n % 10]}"
    return f"{n:,}"


def render_like(value: Decimal, like: Quantity) -> str:
    """``value`` written the way ``like`` was written, for a suggestion in its place.

    350万 for 3.5 million when the target wrote 35万; 三百 for a target that wrote 二百;
    "six" for an English target that wrote "seven".
    """
    core_start, core_end = like.core
    mantissa = value / like.scale
    integral = mantissa == mantissa.to_integral_value()
    if like.style == "zh" and integral and 0 <= mantissa < 10**16:
        num = to_zh_numeral(int(mantissa))
    elif like.style == "zh_positional" and integral:
        num = "".join("〇一二三四五六七八九"[int(d)] for d in str(int(mantissa)))
    elif like.style == "words" and like.kind == "number" and integral and mantissa < 100:
        num = to_en_words(int(mantissa))
        if like.text[:1].isupper():
            num = num.capitalize()
    elif like.style == "words" and like.kind == "month" and integral and 1 <= mantissa <= 12:
        num = _MONTH_NAMES[int(mantissa) - 1]
    else:
        num = format_decimal(mantissa)
        if integral and "," in like.text[core_start:core_end] and abs(mantissa) >= 1000:
            num = f"{int(mantissa):,}"
    return like.text[:core_start] + num + like.text[core_end:]


__all__ = [
    "MEASURE_CHARS",
    "ZH_BIG_UNITS",
    "ZH_DIGITS",
    "ZH_SMALL_UNITS",
    "Comparison",
    "Quantity",
    "compare",
    "compare_pair",
    "extract",
    "extract_en",
    "extract_zh",
    "format_decimal",
    "may_have_stray_digit",
    "parse_zh_numeral",
    "render_like",
    "to_en_words",
    "to_zh_numeral",
    "zh_to_arabic",
]
