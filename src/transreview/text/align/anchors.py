"""Anchors: tokens of a text that survive translation, normalised so both sides compare equal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from types import MappingProxyType

from transreview.model import is_chinese
from transreview.text.numbers.chinese import parse_zh_numeral
from transreview.text.numbers.months import MONTHS

# --- anchors ----------------------------------------------------------------------------

#: Place names of the seed pages, plus Shaanxi, the name most often confused with Shanxi.
#: A caller with more names builds its own :class:`AnchorNames`.
BUILTIN_PLACES: tuple[tuple[str, str], ...] = (
    ("Shanxi", "山西"),
    ("Shaanxi", "陕西"),
    ("Taiyuan", "太原"),
    ("Wyoming", "怀俄明"),
    ("Xinzhou", "忻州"),
    ("Wutai Shan", "五台山"),
    ("Mount Wutai", "五台山"),
    ("Jackson", "杰克逊"),
    ("Shanghai", "上海"),
    ("Shenzhen", "深圳"),
    ("Jincheng", "晋城"),
    ("Ningxia", "宁夏"),
)
#: Acronyms whose Chinese rendering is fixed, so they anchor a Chinese text that spells
#: them out (general terms of international and business writing, not page-specific).
BUILTIN_TERMS: tuple[tuple[str, str], ...] = (
    ("MOU", "谅解备忘录"),
    ("UNESCO", "联合国教科文组织"),
    ("UN", "联合国"),
    ("WTO", "世界贸易组织"),
    ("NGO", "非政府组织"),
    ("GDP", "国内生产总值"),
    ("FDI", "外国直接投资"),
    ("CEO", "首席执行官"),
    ("EU", "欧盟"),
    ("WHO", "世界卫生组织"),
)

class AnchorNames:
    """(English, Chinese) names that anchor alignment, fixed when the object is built.

    Names are matched case-sensitively, English on word boundaries and Chinese longest
    first (so 五台山 wins over a shorter name inside it). Aliases sharing an English or
    a Chinese name join the same anchor: ("Wutai Shan", "五台山") and ("Mount Wutai",
    "五台山") both give ``name:wutai shan``.

    Like the :class:`~transreview.text.segment.Tokenizer`, it is built complete and has no
    way to gain names later: a process-wide registry that grew would align the same pair
    differently depending on what had registered names before. A caller with more names
    builds its own object (``AnchorNames(BUILTIN_NAMES + more)``) and passes it along.
    """

    __slots__ = ("_en_key", "_en_re", "_zh_key", "_zh_re")

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        en_key: dict[str, str] = {}
        zh_key: dict[str, str] = {}
        for en, zh in pairs:
            en, zh = en.strip(), zh.strip()
            if not en or not zh:
                continue
            key = en_key.get(en) or zh_key.get(zh) or "name:" + en.lower()
            en_key.setdefault(en, key)
            zh_key.setdefault(zh, key)
        self._en_key: Mapping[str, str] = MappingProxyType(en_key)
        self._zh_key: Mapping[str, str] = MappingProxyType(zh_key)
        self._en_re: re.Pattern[str] | None = None
        self._zh_re: re.Pattern[str] | None = None
        if en_key:
            body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(en_key, key=len, reverse=True))
            # The look-ahead for a first letter only lets most positions fail early.
            firsts = re.escape("".join(sorted({a[0] for a in en_key})))
            self._en_re = re.compile(rf"(?<![A-Za-z])(?=[{firsts}])({body})s?(?![A-Za-z])")
        if zh_key:
            self._zh_re = re.compile("|".join(re.escape(a) for a in sorted(zh_key, key=len, reverse=True)))

    def find(self, text: str, out: set[str]) -> list[tuple[int, int]]:
        """Add the keys of the names in ``text`` to ``out``; the spans of its Latin names."""
        latin: list[tuple[int, int]] = []
        if self._en_re is not None:
            for m in self._en_re.finditer(text):
                key = self._en_key.get(re.sub(r"\s+", " ", m.group(1)))
                if key:
                    out.add(key)
                    latin.append(m.span())
        if self._zh_re is not None:
            for m in self._zh_re.finditer(text):
                out.add(self._zh_key[m.group(0)])
        return latin


#: The shipped names: the seed pages' places and the fixed terms.
BUILTIN_NAMES: tuple[tuple[str, str], ...] = BUILTIN_PLACES + BUILTIN_TERMS
#: The anchor names every caller uses unless it passes its own.
DEFAULT_ANCHOR_NAMES = AnchorNames(BUILTIN_NAMES)

# The one month table, looked up case-insensitively here ("SEPT. 3", "3 sept").
_MONTHS = {name.lower(): number for name, number in MONTHS.items()}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A month name counts only next to a number ("September 3", "3 Sept.", "May 2016"). The
# look-ahead for a month's first letter changes no match (every name starts with one of
# them, compared under the same flags) but lets most positions fail before the 24-way
# case-insensitive alternation: twice as fast.
_EN_MONTH = re.compile(
    rf"(?<![A-Za-z])(?=[adfjmnos])(?:({_MONTH_ALT})\.?(?=\s+\d)|(?<=\d\s)({_MONTH_ALT})(?![A-Za-z]))",
    re.IGNORECASE,
)
_SCALES_EN = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?!\.?\d)(?:\s*(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
# Chinese numerals are read by the one numeral reader (``parse_zh_numeral``), but only over
# a narrower set of characters than the numbers check reads: plain digits and 十百千, no
# 万/亿 (scaled amounts anchor through digits, 350万) and no financial forms (壹, 贰).
_ZH_DIGITS = "〇零一二三四五六七八九"
_ZH_NUMERAL = re.compile(rf"[{_ZH_DIGITS}十百千两]+")
_ZH_NUMBER = re.compile(r"(?<![\d.])(\d+)(?:\.(\d+))?(?![\d])(万|亿)?")
_ZH_MONTH = re.compile(rf"(\d{{1,2}}|[{_ZH_DIGITS}十]{{1,3}})月")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])(?=[A-Z])((?:[A-Z]\.){2,}|[A-Z][A-Z0-9&]+)(?:s)?(?![A-Za-z0-9])")
_COLON = re.compile(r"(?<!\d)[:：](?!//|\d)")
_QUESTION = re.compile(r"[?？](?![A-Za-z0-9=])")
_QUOTES = re.compile(r"[“”「」『』]|\"")
# Every English anchor above needs a digit (a month name counts only next to a number), and
# every Chinese one a digit or a numeral character: a text without any has none of them,
# which most sentences show with one search instead of three scans.
_EN_MAY_ANCHOR = re.compile(r"\d")
_ZH_MAY_ANCHOR = re.compile(rf"[\d{_ZH_DIGITS}十百千两]")
# Any character from U+FF00 up (full-width forms and beyond): the text is NFKC-folded first.
_FROM_FF00 = re.compile("[\uff00-\U0010ffff]")


@lru_cache(maxsize=4096)
def _num_key(integer: str, fraction: str | None, scale: int = 1) -> str:
    """``num:`` and the value, normalised; kept per spelling (years and counts recur, and a
    Decimal costs microseconds)."""
    try:
        value = Decimal(integer.replace(",", "") + ("." + fraction if fraction else "")) * scale
    except InvalidOperation:
        return ""
    text = format(value.normalize(), "f")
    return "num:" + text


def _en_anchors(text: str, out: set[str]) -> None:
    if not _EN_MAY_ANCHOR.search(text):
        return
    for m in _EN_MONTH.finditer(text):
        # Case-insensitive matching also takes letters whose lower case is not ASCII (ſ for
        # s, the Kelvin sign for k): such a spelling is no month of the table.
        number = _MONTHS.get((m.group(1) or m.group(2)).lower())
        if number is not None:
            out.add(f"month:{number}")
    for m in _EN_NUMBER.finditer(text):
        scale = _SCALES_EN.get(m.group(3).lower(), 1) if m.group(3) else 1
        key = _num_key(m.group(1), m.group(2), scale)
        if key:
            out.add(key)


def _zh_anchors(text: str, out: set[str]) -> None:
    if not _ZH_MAY_ANCHOR.search(text):
        return
    consumed: list[tuple[int, int]] = []
    for m in _ZH_MONTH.finditer(text):
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else parse_zh_numeral(raw)
        if value and 1 <= value <= 12:
            out.add(f"month:{value}")
            consumed.append(m.span(1))
    for m in _ZH_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in consumed):
            continue
        scale = {"万": 10**4, "亿": 10**8}.get(m.group(3) or "", 1)
        key = _num_key(m.group(1), m.group(2), scale)
        if key:
            out.add(key)
    for m in _ZH_NUMERAL.finditer(text):
        if any(a <= m.start() < b for a, b in consumed):
            continue
        raw = m.group(0)
        nxt = text[m.end() : m.end() + 1]
        # single characters (一些, 之一, 四个) are words more often than numbers
        if len(raw) < 2 and nxt not in "年日号%":
            continue
        value = parse_zh_numeral(raw)
        if value is not None:
            out.add(f"num:{value}")


def anchor_terms(text: str, lang: str, names: AnchorNames = DEFAULT_ANCHOR_NAMES) -> frozenset[str]:
    """Tokens of ``text`` that survive translation, normalised so both sides compare equal.

    - numbers: ``num:2016`` from "2016", "2016-2017", "二〇一六年", "2,016"; scales folded
      ("3.5 million" and "350万" are both ``num:3500000``); month names next to a number
      and N月 give ``month:9``, so "September 3" ↔ 9月3日 shares ``month:9`` and ``num:3``;
    - Latin acronyms on either side: ``lat:JHCGA`` ("MOUs" → MOU, "U.S." → US);
    - the names and fixed terms of ``names``: ``name:shanxi`` from "Shanxi" or 山西;
    - punctuation that translators keep: colon, question mark, double quotes.

    Any Chinese language code selects the Chinese number rules; the names and
    acronyms are looked for in both scripts whatever ``lang`` says (Chinese text quotes
    Latin names).
    """
    text = unicodedata.normalize("NFKC", text) if _FROM_FF00.search(text) else text
    out: set[str] = set()
    latin_names = names.find(text, out)
    for m in _ACRONYM.finditer(text):
        if any(a <= m.start() < b for a, b in latin_names):
            continue  # "UNESCO" already counted as its named term
        out.add("lat:" + m.group(1).replace(".", ""))
    if is_chinese(lang):
        _zh_anchors(text, out)
    else:
        _en_anchors(text, out)
    if _COLON.search(text):
        out.add("punct:colon")
    if _QUESTION.search(text):
        out.add("punct:question")
    if _QUOTES.search(text):
        out.add("punct:quote")
    return frozenset(out)


__all__ = [
    "BUILTIN_NAMES",
    "BUILTIN_PLACES",
    "BUILTIN_TERMS",
    "DEFAULT_ANCHOR_NAMES",
    "AnchorNames",
    "anchor_terms",
]
