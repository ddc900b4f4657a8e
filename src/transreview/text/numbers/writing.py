"""Writing a number back in the style of the text it replaces (suggestions)."""

from __future__ import annotations

from decimal import Decimal

from transreview.text.numbers.english import EN_TENS, EN_UNITS
from transreview.text.numbers.months import MONTH_NAMES
from transreview.text.numbers.quantity import Quantity, format_decimal

# --------------------------------------------------------------------------- writing numbers

_ZH_DIGIT_OUT = "零一二三四五六七八九"
_EN_WORDS_OUT = {v: k for k, v in {**EN_UNITS, **EN_TENS}.items()}


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

    parts: list[str] = []
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
        num = MONTH_NAMES[int(mantissa) - 1]
    else:
        num = format_decimal(mantissa)
        if integral and "," in like.text[core_start:core_end] and abs(mantissa) >= 1000:
            num = f"{int(mantissa):,}"
    return like.text[:core_start] + num + like.text[core_end:]
