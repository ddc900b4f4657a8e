"""Anchors: tokens of a text that survive translation, normalised so both sides compare equal."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from transreview.model import is_chinese
from transreview.text.numbers.chinese import parse_zh_numeral
from transreview.text.numbers.months import MONTHS

# --- anchors ----------------------------------------------------------------------------

#: Place names of the seed pages, plus Shaanxi, the name most often confused with Shanxi.
#: A gazetteer extends this through :func:`register_anchor_names`.
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

_names_lock = threading.Lock()
_en_key: dict[str, str] = {}
_zh_key: dict[str, str] = {}
_en_re: re.Pattern[str] | None = None
_zh_re: re.Pattern[str] | None = None


def register_anchor_names(pairs: Iterable[tuple[str, str]]) -> None:
    """Add (English, Chinese) name pairs that anchor alignment, e.g. from a gazetteer.

    Names are matched case-sensitively, English on word boundaries and Chinese longest
    first (so 五台山 wins over a shorter name inside it). Aliases sharing an English or
    a Chinese name join the same anchor: ("Wutai Shan", "五台山") and ("Mount Wutai",
    "五台山") both give ``name:wutai shan``.
    """
    global _en_re, _zh_re
    with _names_lock:
        for en, zh in pairs:
            en, zh = en.strip(), zh.strip()
            if not en or not zh:
                continue
            key = _en_key.get(en) or _zh_key.get(zh) or "name:" + en.lower()
            _en_key.setdefault(en, key)
            _zh_key.setdefault(zh, key)
        _en_re = _zh_re = None


def _patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    global _en_re, _zh_re
    with _names_lock:
        if _en_re is None and _en_key:
            alts = sorted(_en_key, key=len, reverse=True)
            body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
            _en_re = re.compile(rf"(?<![A-Za-z])({body})s?(?![A-Za-z])")
        if _zh_re is None and _zh_key:
            alts = sorted(_zh_key, key=len, reverse=True)
            _zh_re = re.compile("|".join(re.escape(a) for a in alts))
        return _en_re, _zh_re


register_anchor_names(BUILTIN_PLACES + BUILTIN_TERMS)

# The one month table, looked up case-insensitively here ("SEPT. 3", "3 sept").
_MONTHS = {name.lower(): number for name, number in MONTHS.items()}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A month name counts only next to a number ("September 3", "3 Sept.", "May 2016").
_EN_MONTH = re.compile(
    rf"(?<![A-Za-z])(?:({_MONTH_ALT})\.?(?=\s+\d)|(?<=\d\s)({_MONTH_ALT})(?![A-Za-z]))",
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
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])((?:[A-Z]\.){2,}|[A-Z][A-Z0-9&]+)(?:s)?(?![A-Za-z0-9])")
_COLON = re.compile(r"(?<!\d)[:：](?!//|\d)")
_QUESTION = re.compile(r"[?？](?![A-Za-z0-9=])")
_QUOTES = re.compile(r"[“”「」『』]|\"")


def _num_key(integer: str, fraction: str | None, scale: int = 1) -> str:
    try:
        value = Decimal(integer.replace(",", "") + ("." + fraction if fraction else "")) * scale
    except InvalidOperation:
        return ""
    text = format(value.normalize(), "f")
    return "num:" + text


def _en_anchors(text: str, out: set[str]) -> None:
    months = [m for m in _EN_MONTH.finditer(text)]
    for m in months:
        name = (m.group(1) or m.group(2)).lower()
        out.add(f"month:{_MONTHS[name]}")
    for m in _EN_NUMBER.finditer(text):
        scale = _SCALES_EN[m.group(3).lower()] if m.group(3) else 1
        key = _num_key(m.group(1), m.group(2), scale)
        if key:
            out.add(key)


def _zh_anchors(text: str, out: set[str]) -> None:
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


def anchor_terms(text: str, lang: str) -> frozenset[str]:
    """Tokens of ``text`` that survive translation, normalised so both sides compare equal.

    - numbers: ``num:2016`` from "2016", "2016-2017", "二〇一六年", "2,016"; scales folded
      ("3.5 million" and "350万" are both ``num:3500000``); month names next to a number
      and N月 give ``month:9``, so "September 3" ↔ 9月3日 shares ``month:9`` and ``num:3``;
    - Latin acronyms on either side: ``lat:JHCGA`` ("MOUs" → MOU, "U.S." → US);
    - registered names and fixed terms: ``name:shanxi`` from "Shanxi" or 山西;
    - punctuation that translators keep: colon, question mark, double quotes.

    Any Chinese language code selects the Chinese number rules; registered names and
    acronyms are looked for in both scripts whatever ``lang`` says (Chinese text quotes
    Latin names).
    """
    text = unicodedata.normalize("NFKC", text) if any(ord(c) >= 0xFF00 for c in text) else text
    out: set[str] = set()
    en_re, zh_re = _patterns()
    latin_names: list[tuple[int, int]] = []
    if en_re is not None:
        for m in en_re.finditer(text):
            key = _en_key.get(re.sub(r"\s+", " ", m.group(1)))
            if key:
                out.add(key)
                latin_names.append(m.span())
    if zh_re is not None:
        for m in zh_re.finditer(text):
            out.add(_zh_key[m.group(0)])
    for m in _ACRONYM.finditer(text):
        if any(a <= m.start() < b for a, b in latin_names):
            continue  # "UNESCO" already counted as its registered term
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


__all__ = ["BUILTIN_PLACES", "BUILTIN_TERMS", "anchor_terms", "register_anchor_names"]
