"""Reading quantities in Chinese text, and the one Chinese numeral reader.

:func:`parse_zh_numeral` is the project's only reader of Chinese numerals: the numbers
check, the numeral-style check and the sentence aligner's anchors all use it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from transreview.text.addresses import address_spans
from transreview.text.chinese import is_han
from transreview.text.numbers.quantity import (
    BY_START,
    DIGIT_RUN,
    DIGITS,
    ONE,
    KnownAddresses,
    Quantity,
    format_decimal,
    in_code,
    inside,
    new_quantity,
    retext,
    to_decimal,
)
from transreview.text.textnorm import analysis_view

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
_ZH_ARABIC = re.compile(rf"({DIGITS})(\s*[百千万亿萬億]+)?(\s*[%％])?")
_ZH_PERCENT = re.compile("([百千])分之")
# what may follow a single-character numeral for it to be a real count or date
MEASURE_CHARS = frozenset(
    "个個名位人岁歲年月日号號天周週倍次元家项項条條种種件点點秒时時米吨噸度批座所层層"
    "场場部本张張只隻辆輛架艘份篇章轮輪户戶间間栋棟幅首季亩畝公克%％"
)
_APPROX_PREFIX = frozenset("数數上成好")
_WEEKDAY_PREFIX = ("星期", "礼拜", "禮拜", "周", "週")
_IDIOMS = frozenset({"万一", "萬一", "一一", "千万", "千萬", "万万", "萬萬"})
# Words that start with a numeral and carry no quantity: 一点一滴 "every little bit" (Stats),
# 一点一点 "bit by bit"; 十六进制 "hexadecimal", 二进制 "binary" (excalidraw, KeePassXC).
_NUMERAL_WORDS = ("一点一滴", "一點一滴", "一点一点", "一點一點", "一点点", "一點點")
_BASE_AFTER = ("进制", "進制")
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


# One or two digits standing alone; led by the first digit (what is before it looked behind),
# so the engine skips to digits instead of trying the look-behind at every position.
_SHORT_DIGITS = re.compile("[0-9０-９](?<![0-9０-９.,].)[0-9０-９]?(?![0-9０-９.,])")


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
    if text.startswith(_NUMERAL_WORDS, s0) or text.startswith(_BASE_AFTER, e0):
        return []  # 一点一滴, 十六进制: words, not quantities
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
            new_quantity(text, v, s0 + a, s0 + b, required=False, style="zh")
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
    return [new_quantity(text, dec, s0, end, required=required, style=style, kind=kind)]


def extract_zh(text: str, known_addresses: KnownAddresses | None = None) -> list[Quantity]:
    """Quantities of a Chinese text (simplified or traditional), in text order.

    ``known_addresses``: see :data:`~transreview.text.numbers.quantity.KnownAddresses`.
    """
    view = analysis_view(text)
    skip = known_addresses if known_addresses is not None and view is text else address_spans(view)
    out: list[Quantity] = []
    percent_from: dict[int, int] = {}
    taken: list[tuple[int, int]] = []
    for pm in _ZH_PERCENT.finditer(view):
        percent_from[pm.end()] = pm.start()
        taken.append(pm.span())
    pos = 0
    for run in DIGIT_RUN.finditer(view):
        if run.start() < pos:
            continue
        m = _ZH_ARABIC.match(view, run.start())
        if m is None:  # pragma: no cover
            continue
        pos = m.end()
        s, e = m.span(1)
        if skip and inside(s, skip):
            continue
        taken.append((s, m.end(2) if m.group(2) else e))
        code = in_code(view, s, e)
        value = to_decimal(m.group(1))
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
            Quantity(value * scale, s, end, text[s:end], kind, required and not stray, stray, "digits",
                     (0, e - s), ONE if scale == 1 else Decimal(scale))
        )  # fmt: skip
    for m in _ZH_RUN.finditer(view):
        if (skip and inside(m.start(), skip)) or inside(m.start(), taken):
            continue  # the 万 of 350万, the 百 of 百分之
        qs = _zh_run_quantities(view, m)
        start = percent_from.get(m.start())
        if start is not None and qs:
            q = qs[0]
            qs = [
                Quantity(q.value, start, q.end, text[start : q.end], "percent", True, False,
                         q.style, (q.start - start, q.end - start), q.scale)
            ]
        out.extend(retext(q, text) if q.text != text[q.start : q.end] else q for q in qs)
    if len(out) > 1:
        out.sort(key=BY_START)
    return out
