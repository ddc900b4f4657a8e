"""Bead alignment of two sequences (paragraphs or sentences): lengths plus anchors.

A Gale–Church dynamic programme (Gale & Church 1993): each bead (1-1, 2-1, 1-2, 1-0,
0-1) costs the negative log of its prior plus, when it has both sides, the improbability
of its length ratio. Lengths alone cannot tell which of two short paragraphs a translation
belongs to, so the cost is sharpened by *anchors*: tokens that survive translation
unchanged or through a fixed mapping (numbers, Latin acronyms, known place names, a few
punctuation marks). An anchor shared by the two sides of a bead lowers its cost; an
anchor on one side only raises it. Anchors are weighted by rarity, and only anchors seen
on both sides somewhere in the input count at all: "MOU" never appears in a Chinese text
that writes 谅解备忘录, so it is no evidence against any bead.

Cost per bead (nats)::

    -log P(kind) + [-log P(|δ|) for two-sided beads] + Σ one-sided w(a) - Σ shared w(a)

where δ is Gale–Church's normalised length difference with the expected ratio estimated
from the data (re-estimated from the two-sided beads of a first pass). One-sided beads
pay only their prior: an untranslated paragraph's length says nothing about it.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from transreview.model import Bead, Pair, SentenceAlignment, is_chinese

# --- priors and the length model ---------------------------------------------------------

#: Gale & Church's bead priors (as in NLTK's gale_church): right for sentences of a
#: translated pair, where omissions are rare.
SENTENCE_PRIORS: Mapping[str, float] = {
    "1-1": 0.89,
    "1-0": 0.0099,
    "0-1": 0.0099,
    "2-1": 0.089,
    "1-2": 0.089,
}
#: Variance of the length difference per source character (Gale & Church's 6.8).
VARIANCE = 6.8
#: Anchor kinds that count even when only one side of the whole input has them.
ALWAYS_USABLE: tuple[str, ...] = ("num:",)
#: Re-estimations of the length ratio from two-sided beads.
RATIO_PASSES = 3
#: Multiples of the plain total length ratio tried as starting points (small inputs only).
RATIO_START_FACTORS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
#: Below this many DP cells the whole grid is searched; above, a band around the diagonal.
FULL_GRID_CELLS = 40_000
#: Half-width of that band, in units, on top of the difference of the two counts (capped).
BAND = 40
BAND_EXTRA_MAX = 400

_MOVES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def _neg_log_two_tail(z: float) -> float:
    """-log P(|Z| ≥ z) for a standard normal Z, stable for large z."""
    z = abs(z)
    if z < 5.0:
        return -math.log(math.erfc(z / math.sqrt(2.0)))
    # asymptotic: erfc(x) ≈ exp(-x²) / (x √π), x = z/√2
    x = z / math.sqrt(2.0)
    return x * x + math.log(x * math.sqrt(math.pi))


def _length_cost(src_len: int, tgt_len: int, ratio: float) -> float:
    expected_src = tgt_len / ratio  # target length in source units
    mean = (src_len + expected_src) / 2.0
    if mean <= 0:
        return 0.0
    delta = (expected_src - src_len) / math.sqrt(mean * VARIANCE)
    return _neg_log_two_tail(delta)


def _anchor_weights(
    src_anchors: Sequence[frozenset[str]], tgt_anchors: Sequence[frozenset[str]]
) -> dict[str, float]:
    """Weight of each usable anchor: log(units / units containing it), inverse frequency.

    Only anchors present on both sides of the input are usable (see the module docstring),
    except numbers (:data:`ALWAYS_USABLE`), which a translation keeps: a number on one side
    only is evidence of an omission or an error. The floor keeps an anchor found in every
    unit (a company's name) a faint signal.
    """
    src_all: set[str] = set().union(*src_anchors) if src_anchors else set()
    tgt_all: set[str] = set().union(*tgt_anchors) if tgt_anchors else set()
    vocab = (src_all & tgt_all) | {a for a in src_all ^ tgt_all if a.startswith(ALWAYS_USABLE)}
    if not vocab:
        return {}
    units = len(src_anchors) + len(tgt_anchors)
    df: dict[str, int] = dict.fromkeys(vocab, 0)
    for anchors in (*src_anchors, *tgt_anchors):
        for a in anchors:
            if a in df:
                df[a] += 1
    return {a: max(0.2, math.log(units / n)) for a, n in df.items()}


def _priors_cost(priors: Mapping[str, float]) -> dict[tuple[int, int], float]:
    cost = {}
    for di, dj in _MOVES:
        p = priors.get(f"{di}-{dj}", 0.0)
        if p > 0:
            cost[(di, dj)] = -math.log(p)
    return cost


def _band(src_lens: Sequence[int], tgt_lens: Sequence[int]) -> list[tuple[int, int]]:
    """For each source boundary i, the allowed range [lo, hi] of target boundaries j."""
    n, m = len(src_lens), len(tgt_lens)
    if (n + 1) * (m + 1) <= FULL_GRID_CELLS:
        return [(0, m)] * (n + 1)
    width = BAND + min(abs(n - m), BAND_EXTRA_MAX)
    # centre each row where the target has covered the same share of text as the source
    s_w = list(src_lens) if sum(src_lens) else [1] * n
    t_w = list(tgt_lens) if sum(tgt_lens) else [1] * m
    s_total, t_total = sum(s_w), sum(t_w)
    t_cum = [0.0]
    for v in t_w:
        t_cum.append(t_cum[-1] + v / t_total)
    rows = []
    acc = 0.0
    for i in range(n + 1):
        centre = min(bisect_left(t_cum, acc - 1e-12), m)
        rows.append((max(0, centre - width), min(m, centre + width)))
        if i < n:
            acc += s_w[i] / s_total
    # keep the band connected: each row must reach the previous row's range
    for i in range(1, n + 1):
        lo, hi = rows[i]
        plo, phi = rows[i - 1]
        rows[i] = (min(lo, phi), max(hi, plo))
    rows[0] = (0, rows[0][1])
    rows[n] = (rows[n][0], m)
    return rows


def _run_dp(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    src_anchors: Sequence[frozenset[str]],
    tgt_anchors: Sequence[frozenset[str]],
    weights: Mapping[str, float],
    ratio: float,
    prior_cost: Mapping[tuple[int, int], float],
) -> tuple[list[Bead], float]:
    """The cheapest beads and their total cost."""
    n, m = len(src_lens), len(tgt_lens)
    rows = _band(src_lens, tgt_lens)
    inf = math.inf
    # cost[i] maps j -> (cost, move); dicts keep banded rows small
    cost: list[dict[int, tuple[float, tuple[int, int]]]] = [{} for _ in range(n + 1)]
    cost[0][0] = (0.0, (0, 0))

    def anchor_cost(i0: int, i1: int, j0: int, j1: int) -> float:
        if not weights:
            return 0.0
        s = src_anchors[i0] if i1 - i0 == 1 else src_anchors[i0] | src_anchors[i0 + 1]
        t = tgt_anchors[j0] if j1 - j0 == 1 else tgt_anchors[j0] | tgt_anchors[j0 + 1]
        total = 0.0
        for a in s ^ t:
            total += weights.get(a, 0.0)
        for a in s & t:
            total -= weights.get(a, 0.0)
        return total

    for i in range(n + 1):
        lo, hi = rows[i]
        row = cost[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best = inf
            best_move = (0, 0)
            for (di, dj), pc in prior_cost.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = cost[pi].get(pj)
                if prev is None:
                    continue
                c = prev[0] + pc
                if di and dj:
                    sl = src_lens[pi] + (src_lens[pi + 1] if di == 2 else 0)
                    tl = tgt_lens[pj] + (tgt_lens[pj + 1] if dj == 2 else 0)
                    c += _length_cost(sl, tl, ratio) + anchor_cost(pi, i, pj, j)
                if c < best:
                    best, best_move = c, (di, dj)
            if best < inf:
                row[j] = (best, best_move)
    if m not in cost[n]:  # cannot happen with 1-0 and 0-1 allowed; guard for odd priors
        raise ValueError("no alignment under the given priors")
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = cost[i][j][1]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, cost[n][m][0]


def _estimate_ratio(
    src_lens: Sequence[int], tgt_lens: Sequence[int], beads: Sequence[Bead] | None
) -> float:
    """Target characters per source character, from two-sided beads when there are any."""
    if beads:
        s = sum(src_lens[k] for b in beads if b.src and b.tgt for k in b.src)
        t = sum(tgt_lens[k] for b in beads if b.src and b.tgt for k in b.tgt)
    else:
        s, t = sum(src_lens), sum(tgt_lens)
    if s <= 0 or t <= 0:
        return 1.0
    return min(max(t / s, 0.02), 50.0)


def align(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    *,
    src_anchors: Sequence[frozenset[str]] | None = None,
    tgt_anchors: Sequence[frozenset[str]] | None = None,
    ratio: float | None = None,
    priors: Mapping[str, float] | None = None,
) -> list[Bead]:
    """Beads covering both sequences in order (every index exactly once).

    ``src_lens``/``tgt_lens`` are unit lengths (characters); ``src_anchors``/``tgt_anchors``
    one set per unit (see :func:`anchor_terms`). ``ratio`` is the expected target length
    per source character; when ``None`` it is estimated from the data, then re-estimated
    from the two-sided beads of each pass (published pages carry untranslated paragraphs
    that would bias a plain total). ``priors`` maps bead kinds to probabilities (default
    :data:`SENTENCE_PRIORS`; a kind left out is not allowed, but 1-0 and 0-1 must stay).
    """
    n, m = len(src_lens), len(tgt_lens)
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    sa = list(src_anchors) if src_anchors is not None else [frozenset()] * n
    ta = list(tgt_anchors) if tgt_anchors is not None else [frozenset()] * m
    if len(sa) != n or len(ta) != m:
        raise ValueError("one anchor set per unit is needed")
    prior_cost = _priors_cost(priors or SENTENCE_PRIORS)
    if (1, 0) not in prior_cost or (0, 1) not in prior_cost:
        raise ValueError("priors must allow 1-0 and 0-1 beads")
    weights = _anchor_weights(sa, ta)

    def run(r: float) -> tuple[list[Bead], float]:
        return _run_dp(src_lens, tgt_lens, sa, ta, weights, r, prior_cost)

    if ratio is not None:
        return run(ratio)[0]
    # The plain total ratio is biased by untranslated units (a page with nine English-only
    # paragraphs halves it), so start from several multiples of it, keep the cheapest
    # alignment, and re-estimate the ratio from its two-sided beads until it settles.
    total = _estimate_ratio(src_lens, tgt_lens, None)
    small = (n + 1) * (m + 1) <= FULL_GRID_CELLS
    factors = RATIO_START_FACTORS if small else (1.0,)
    best_beads, best_cost, est = [], math.inf, total
    for f in factors:
        r = total * f
        beads, cost = run(r)
        refined = _estimate_ratio(src_lens, tgt_lens, beads)
        if abs(refined - r) / r >= 0.02:
            beads2, cost2 = run(refined)
            if cost2 < cost:
                beads, cost, r = beads2, cost2, refined
        if cost < best_cost:
            best_beads, best_cost, est = beads, cost, r
    for _ in range(RATIO_PASSES):
        new = _estimate_ratio(src_lens, tgt_lens, best_beads)
        if abs(new - est) / est < 0.02:
            break
        beads, cost = run(new)
        est = new
        if beads == best_beads or cost >= best_cost:
            break
        best_beads, best_cost = beads, cost
    return best_beads


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

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
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


def _zh_numeral_value(s: str) -> int | None:
    """Value of a Chinese numeral: digit by digit (二〇一六) or positional (三百, 十一)."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
    if all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    units = {"十": 10, "百": 100, "千": 1000}
    total, current = 0, 0
    for c in s:
        if c in digits:
            current = digits[c]
        elif c in units:
            total += (current or 1) * units[c]
            current = 0
        else:
            return None
    return total + current


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
        value = int(raw) if raw.isdigit() else _zh_numeral_value(raw)
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
        value = _zh_numeral_value(raw)
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


# --- sentences of a pair ----------------------------------------------------------------


def align_sentences(pair: Pair) -> SentenceAlignment:
    """Split both sides of ``pair`` into sentences and align them.

    The length ratio is the pair's own (both sides translate each other as a whole); a
    1-0 or 0-1 bead marks a sentence with no counterpart.
    """
    from transreview.text.segment import split_sentences
    from transreview.text.textnorm import analysis_view

    src_spans = split_sentences(pair.source, pair.src_lang)
    tgt_spans = split_sentences(pair.target, pair.tgt_lang)

    def measure(text: str, spans: Sequence, lang: str) -> tuple[list[int], list[frozenset[str]]]:
        lens = [unit_length(s.of(text)) for s in spans]
        anchors = [anchor_terms(analysis_view(s.of(text)), lang) for s in spans]
        return lens, anchors

    s_lens, s_anchors = measure(pair.source, src_spans, pair.src_lang)
    t_lens, t_anchors = measure(pair.target, tgt_spans, pair.tgt_lang)
    beads = align(s_lens, t_lens, src_anchors=s_anchors, tgt_anchors=t_anchors)
    return SentenceAlignment(tuple(src_spans), tuple(tgt_spans), tuple(beads))


def unit_length(text: str) -> int:
    """Length used for alignment: non-space characters, so NBSP runs and indents do not count."""
    return sum(1 for ch in text if not ch.isspace())


__all__ = [
    "BUILTIN_PLACES",
    "BUILTIN_TERMS",
    "SENTENCE_PRIORS",
    "align",
    "align_sentences",
    "anchor_terms",
    "register_anchor_names",
    "unit_length",
]
