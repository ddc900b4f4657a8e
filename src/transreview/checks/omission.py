"""Omission: a side with no text, a sentence with no counterpart, a length out of line.

Three rules, most specific first, and a pair gets at most one kind of finding:

1. *Missing side* (whole pair): an empty target, or an empty source (a page paragraph
   with no counterpart). The message names the side that is missing.
2. *Missing sentence* (spanned on the source): a 1-0 bead of the sentence alignment
   (the pair analysis's ``alignment``, shared with the import). The aligner runs only when the source has
   more sentences than the target; with equal counts a 1-0 bead would come with a 0-1 and
   means a loose translation, not a lost sentence.
3. *Length ratio* (whole pair): English characters per Chinese character, both counted
   without spaces. Word counts are useless here (OpusFilter's word-ratio filter rejects 94 %
   of professional EN→ZH references), and a fixed constant ignores the corpus's own style,
   so the ratio is judged against the run itself: the median and MAD of the log ratio over
   all two-sided pairs long enough to measure, flagging a robust z-score beyond
   :data:`Z_LIMIT` *and* a deviation of at least :data:`MIN_FACTOR` (a tidy corpus has a
   tiny MAD; a factor floor keeps a slightly terse translation quiet). With fewer than
   :data:`MIN_PAIRS` such pairs there are no statistics to speak of and a wide prior band
   is used instead, :data:`PRIOR_BAND`, set from published EN→ZH pairs: professional
   translations sit at 2–3.5 English characters per Han character (the Shanxi page's five
   pairs: 2.6–3.4). Pairs too short to judge (:data:`MIN_EN_CHARS`, :data:`MIN_ZH_CHARS`)
   never fire: one word more or less swings a short ratio wildly. A target too long is
   reported as Accuracy/Addition.

Precision on real localization files (each rule a false-alarm class seen on professional
autowp, Microsoft and Mozilla files):

- a target that is a verbatim copy of the source has no omission: the untranslated check
  reports it once, instead of one major per sentence here;
- a source that is not written in English (Russian on an "en" file: more Cyrillic or other
  non-Latin letters than Latin ones) gets no sentence or length finding: neither the aligner
  nor the ratio knows such text;
- placeholders (``{amount}``, ``%1$s``) and code carried through unchanged
  (``@FiscalPeriod``, URLs) are left out of both lengths: counted on the Chinese side it made a complete target look long;
- a source sentence that appears verbatim in the target was copied, not lost;
- a source sentence the aligner left without a counterpart, right beside a many-to-one
  bead, whose Latin token (a link ``/donate``, a name) the target carries and no other
  source sentence has, is there, merged out of order with that bead (the aligner's beads
  are contiguous): the finding spans that bead's sentences instead, one of which is lost.
  Without such a bead the finding stays on the sentence: a token can be in the target for
  another reason (a name glossed where another sentence first mentions it);
- a length-ratio finding, or a lost sentence, on a source of fewer than
  :data:`SHORT_WORDS` words or mostly non-words (codes, numbers) is at most minor: one word
  more or less swings such a ratio, and short UI strings are often merged ("Indie.
  Non-profit. For good." → 独立、非营利，只为更好。).

- a length-ratio finding less than :data:`MAJOR_FACTOR` away from the band's middle is minor:
  the ratio alone is weak evidence (see the constant).

These limits are the check's parameters (``z_limit``, ``min_factor``, ``min_pairs``,
``prior_band``, ``min_en_chars``, ``min_zh_chars``, ``min_mad``, ``major_factor``; the constants below are
their defaults). They are applied only in judging: ``measure`` keeps lengths and sentence
beads, so a run can be judged again with other limits without aligning anything again.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from transreview import codes
from transreview.checks.base import CorpusCheck, CorpusState
from transreview.model import Finding, Pair, Severity, Side, is_chinese
from transreview.text.align.beads import unit_length
from transreview.text.analysis import PairAnalysis
from transreview.text.chinese import HAN_CLASS
from transreview.text.placeholders import code_spans
from transreview.text.segment import en_sentences_at_most, zh_sentences_at_least

#: Robust z-score (0.6745 · deviation / MAD) beyond which a ratio is out of line.
Z_LIMIT = 3.5
#: ... and the ratio must differ from the median by at least this factor.
MIN_FACTOR = 1.8
#: Fewer two-sided, long-enough pairs than this: use PRIOR_BAND.
MIN_PAIRS = 20
#: English/Chinese non-space characters expected without corpus statistics (wide on purpose).
PRIOR_BAND = (1.2, 6.0)
#: A pair is long enough to judge when its English side has this many non-space
#: characters, or its Chinese side this many.
MIN_EN_CHARS = 40
MIN_ZH_CHARS = 15
#: A length-ratio finding is major only when the ratio is this factor or more away from the
#: middle of the band; between the band's edge and this it is minor. On the Microsoft docs a
#: correct "A column of the descriptions for the row definition" → 行定义的描述列 sat 1.97×
#: from the median and "By default, (none) is selected." → 默认情况下，(无)处于选中状态。 1.85×:
#: function words and Chinese measure phrases swing a ratio that far, a lost clause more.
MAJOR_FACTOR = 2.5
#: Smallest MAD (of the natural-log ratio) used, so a uniform corpus does not flag noise.
MIN_MAD = 0.1

#: A source with fewer English words than this gets at most minor length/sentence findings.
SHORT_WORDS = 5

# A sentence end followed by more text: the only case the aligner is worth its cost.
_MAYBE_TWO = re.compile(r"[.!?。！？；…][\"'”’」』）)]*\s*\S")


class Merged(NamedTuple):
    """A many-to-one bead: its source sentences (start, end, length) and its target length."""

    src: tuple[tuple[int, int, int], ...]
    tgt_len: int


class Measure(NamedTuple):
    """What the judge needs of one pair: lengths, lost sentences and many-to-one beads."""

    src_len: int
    tgt_len: int
    lost: tuple[tuple[int, int], ...] = ()
    merged: tuple[Merged, ...] = ()


def _nonspace(text: str) -> int:
    # str.split() cuts at exactly the characters str.isspace() accepts; 5x faster than a loop.
    return sum(map(len, text.split()))


# A run of ASCII code characters holding at least one letter or code sign: @FiscalPeriod,
# %1$@, {name}, https://x.org/a, VAR_PLURAL. Pure numbers are left alone (they translate).
_CODE = re.compile(r"[!-~]*[A-Za-z@%$&{}<>_\\/=#][!-~]*")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LATIN = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(rf"[^\W\d_A-Za-z{HAN_CLASS}]")


def _whole_runs(text: str, tok: str) -> int:
    """How often ``tok`` stands in ``text`` with no printable ASCII character on either side."""
    count, end = 0, len(text)
    i = text.find(tok)
    while i >= 0:
        j = i + len(tok)
        if (i == 0 or not "!" <= text[i - 1] <= "~") and (j == end or not "!" <= text[j] <= "~"):
            count += 1
        i = text.find(tok, i + 1)
    return count


def _shared_code_len(pair: Pair) -> tuple[int, int]:
    """Characters of code tokens found on both sides, per side (left out of the lengths).

    Only on the Chinese side of an EN↔ZH pair does a Latin token stand out; on the English
    side the same token is removed too, so both lengths measure translated text only.
    """
    return _shared_code_len_of(pair.zh_side, pair.source, pair.target)


def _shared_code_len_of(zh: Side | None, source: str, target: str) -> tuple[int, int]:
    """:func:`_shared_code_len` of a pair whose Chinese side is ``zh``, with these texts."""
    if zh is None:
        return 0, 0
    zh_text, en_text = (target, source) if zh == "target" else (source, target)
    if not _LATIN.search(zh_text):
        return 0, 0
    zh_codes = _CODE.findall(zh_text)
    if not zh_codes:
        return 0, 0
    # A code token is a whole run of printable ASCII holding a letter or code sign (what
    # _CODE.findall gives: the greedy runs can only match whole), so a token of the Chinese
    # side is on the English side as often as it stands there as a whole run: counted with
    # str.find for the Chinese side's few tokens, not by reading every English word.
    n = 0
    for tok in set(zh_codes):
        en_n = _whole_runs(en_text, tok)
        if en_n:
            n += len(tok) * min(zh_codes.count(tok), en_n)
    return n, n


def _without_placeholders(text: str) -> str:
    """``text`` with its placeholders (``{amount}``, ``%1$s``) removed: they are not words."""
    spans = code_spans(text)
    if not spans:
        return text
    out, pos = [], 0
    for a, b in spans:
        out.append(text[pos:a])
        out.append(" ")
        pos = max(pos, b)
    out.append(text[pos:])
    return "".join(out)


def _lengths(pair: Pair) -> tuple[int, int]:
    """Non-space characters of each side, placeholders and code carried through unchanged
    left out.

    Inline-code tokens (XLIFF/TMX tags, :mod:`transreview.codes`) hold no text: a source that
    is only ``<x id="INTERPOLATION"/>`` is as empty as it was when codes were dropped."""
    source, target = pair.source, pair.target
    table = codes.table_of(pair.meta) if pair.meta else None
    if table:
        source, target = codes.strip(source, table), codes.strip(target, table)
    src_len, tgt_len = _nonspace(source), _nonspace(target)
    if not (src_len and tgt_len):
        return src_len, tgt_len
    if "%" in source or "%" in target or "{" in source or "{" in target:
        source, target = _without_placeholders(source), _without_placeholders(target)
        src_len, tgt_len = _nonspace(source), _nonspace(target)
    if not (src_len and tgt_len):
        return src_len, tgt_len
    a, b = _shared_code_len_of(pair.zh_side, source, target)
    return max(src_len - a, 1), max(tgt_len - b, 1)


def _is_copy(pair: Pair) -> bool:
    """The target is the source, verbatim but for spacing (the untranslated check's case).

    Sides whose first non-space characters differ (nearly every translation) are not
    joined word by word to tell."""
    source, target = pair.source, pair.target
    if source.lstrip()[:1] != target.lstrip()[:1]:
        return False
    return " ".join(source.split()) == " ".join(target.split())


def _not_english(text: str) -> bool:
    """More non-Latin, non-Han letters (Cyrillic, Greek…) than Latin ones."""
    if _OTHER_LETTER.search(text) is None:  # the common case: no such letter at all
        return False
    return len(_OTHER_LETTER.findall(text)) > len(_LATIN.findall(text))


_HAN_CHAR = re.compile(rf"[{HAN_CLASS}]")


def _clauses(text: str) -> list[str]:
    """Clauses of a Chinese text: cut at sentence ends and at 、，；."""
    return [c for c in re.split(r"[。！？；、，!?;]", text) if c.strip()]


def _sentences(text: str) -> list[str]:
    """Sentences of an English text, cut at . ! ? followed by a space or the end."""
    return [c for c in re.split(r"[.!?]+(?:\s+|$)", text) if c.strip()]


def _word_count(text: str, lang: str) -> int:
    """Words of ``text``; for Chinese, Han characters / 2 (a Chinese word averages ~1.7)."""
    if is_chinese(lang):
        return len(_HAN_CHAR.findall(text)) // 2
    return len(_WORD.findall(text))


def _short_or_code(text: str, lang: str) -> bool:
    """Fewer than SHORT_WORDS words, or words make up less than half the characters
    (placeholder names such as ``{accountNumber}`` are not words)."""
    text = _without_placeholders(text)
    if _word_count(text, lang) < SHORT_WORDS:
        return True
    if is_chinese(lang):
        return len(_HAN_CHAR.findall(text)) * 2 < _nonspace(text)
    return sum(map(len, _WORD.findall(text))) * 2 < _nonspace(text)


def _sentence_beads(pair: Pair, analysis: PairAnalysis) -> tuple[tuple[tuple[int, int], ...], tuple[Merged, ...]]:
    """Source sentences in 1-0 beads, and the many-to-one beads (judged against the run).

    Gale–Church with the pair's own length ratio prefers a 2-1 bead to a 1-0 bead plus a
    1-1 bead, so a dropped sentence usually hides in a 2-1 bead whose length ratio is out
    of line: those are kept for the judge, which knows the run's ratio.
    """
    if not _MAYBE_TWO.search(pair.source):
        return (), ()
    # English to Chinese: when the source's sentences can be no more than the target's,
    # neither side need be split to tell (the counts' bounds, counted without splitting)
    if (
        is_chinese(pair.tgt_lang)
        and not is_chinese(pair.src_lang)
        and en_sentences_at_most(pair.source) <= zh_sentences_at_least(pair.target)
    ):
        return (), ()
    if len(analysis.sentences("source")) <= len(analysis.sentences("target")):
        return (), ()
    alignment = analysis.alignment
    lost: list[tuple[int, int]] = []
    merged: list[Merged] = []
    for bead in alignment.beads:
        spans = [alignment.src_spans[i] for i in bead.src]
        if not bead.tgt:
            lost.extend((sp.start, sp.end) for sp in spans)
        elif len(spans) > len(bead.tgt):
            tgt_len = sum(unit_length(alignment.tgt_spans[j].of(pair.target)) for j in bead.tgt)
            src = tuple((sp.start, sp.end, unit_length(sp.of(pair.source))) for sp in spans)
            merged.append(Merged(src, tgt_len))
    return tuple(lost), tuple(merged)


# A Latin token of three or more characters (words, paths, codes): in the other language's
# text, such a token was carried over, not translated.
_LATIN_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9_/@%$#.\-]*[A-Za-z]{3}[A-Za-z0-9_/@%$#.\-]*")


def _beside(pair: Pair, merged: tuple[Merged, ...], start: int, end: int) -> Merged | None:
    """The many-to-one bead right before or right after the source sentence at
    ``start:end`` (only spaces between them), if there is one."""
    for bead in merged:
        if not bead.src:
            continue
        if not pair.source[bead.src[-1][1] : start].strip() and bead.src[-1][1] <= start:
            return bead
        if not pair.source[end : bead.src[0][0]].strip() and end <= bead.src[0][0]:
            return bead
    return None


def _kept_verbatim(pair: Pair, start: int, end: int) -> str | None:
    """A token of the source sentence at ``start:end`` that the target carries verbatim and
    no other part of the source has (quoted «so»), else None.

    Such a sentence is in the target, whatever its 1-0 bead says: the aligner's beads are
    contiguous, and a target that merges the first and third source sentences around a
    dropped second one cannot be aligned so (autowp: the link ``/donate`` of the third
    sentence is in the one Chinese sentence, and "Follow the instructions below." is what is
    missing)."""
    if is_chinese(pair.tgt_lang) == is_chinese(pair.src_lang):
        return None  # Latin text is carried over only into the other script
    sentence = pair.source[start:end]
    rest = pair.source[:start] + "\n" + pair.source[end:]
    for m in _LATIN_TOKEN.finditer(sentence):
        token = m.group(0).strip(".-")
        if len(token) < 3:
            continue
        bounded = re.compile(rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])")
        if bounded.search(pair.target) and not bounded.search(rest):
            return f"«{token}»"
    return None


def _median(counts: Counter[float]) -> float:
    """``statistics.median`` of the list holding each value ``counts[value]`` times."""
    n = counts.total()
    wanted = (n // 2,) if n % 2 else (n // 2 - 1, n // 2)
    found: list[float] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < len(wanted) and wanted[len(found)] < seen:
            found.append(value)
        if len(found) == len(wanted):
            break
    return found[0] if len(found) == 1 else (found[0] + found[1]) / 2


class _OmissionState(CorpusState):
    """The run's length statistics: a histogram of log ratios (distinct length pairs only).

    Memory grows with the number of distinct (English, Chinese) length pairs, which is
    bounded by the lengths of real sentences, not with the number of pairs.
    """

    def __init__(self, check: OmissionCheck) -> None:
        self.check = check
        self.usable: Counter[float] = Counter()
        self.band: tuple[float, float, str] | None = None

    def add(self, index: int, pair: Pair, collected: Measure) -> None:
        r = self.check._log_ratio(pair, collected.src_len, collected.tgt_len)
        if r is not None:
            self.usable[r] += 1

    def finish(self) -> None:
        self.band = self.check._band(self.usable, self.check)
        self.usable = Counter()

    def judge(self, index: int, pair: Pair, raw: Measure) -> list[Finding]:
        assert self.band is not None, "finish() first"
        return self.check._judge_one(pair, raw, self.check._log_ratio(pair, raw.src_len, raw.tgt_len), self.band)


def _lang_name(lang: str) -> str:
    return "Chinese" if is_chinese(lang) else "English" if lang.lower().startswith("en") else lang


@dataclass(frozen=True, kw_only=True)
class OmissionCheck(CorpusCheck):
    """Missing sides, missing sentences and lengths far out of line with the run."""

    name: ClassVar[str] = "omission"
    version: ClassVar[int] = 4
    category: ClassVar[str] = "Accuracy/Omission"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = "A side with no text, a sentence with no counterpart, or a length far out of line with the rest of the run."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Tian Xizhao, Special Representative, JHCGA", ""),)
    measures_in_judging: ClassVar[bool] = True

    z_limit: float = Z_LIMIT
    min_factor: float = MIN_FACTOR
    min_pairs: int = MIN_PAIRS
    prior_band: tuple[float, float] = PRIOR_BAND
    min_en_chars: int = MIN_EN_CHARS
    min_zh_chars: int = MIN_ZH_CHARS
    min_mad: float = MIN_MAD
    major_factor: float = MAJOR_FACTOR

    def __post_init__(self) -> None:
        object.__setattr__(self, "prior_band", tuple(self.prior_band))  # a list from a config file

    def measure(self, pair: Pair, analysis: PairAnalysis) -> Measure:
        src_len, tgt_len = _lengths(pair)
        if not (src_len and tgt_len) or _is_copy(pair):
            return Measure(src_len, tgt_len)
        return Measure(src_len, tgt_len, *_sentence_beads(pair, analysis))

    def collect(self, pair: Pair, analysis: PairAnalysis) -> Measure:
        """Pass one needs only the lengths (the sentence aligner runs on judged pairs only)."""
        return Measure(*_lengths(pair))

    def corpus_state(self) -> CorpusState:
        return _OmissionState(self)

    def _log_ratio(self, pair: Pair, src_len: int, tgt_len: int) -> float | None:
        """ln(English chars / Chinese chars), or None when not EN↔ZH or too short to judge."""
        zh = pair.zh_side
        if zh is None or not src_len or not tgt_len:
            return None
        zh_len, en_len = (tgt_len, src_len) if zh == "target" else (src_len, tgt_len)
        if en_len < self.min_en_chars and zh_len < self.min_zh_chars:
            return None
        return math.log(en_len / zh_len)

    @staticmethod
    def _band(usable: Counter[float], limits: OmissionCheck | None = None) -> tuple[float, float, str]:
        """(low, high) limits of the log ratio and how they were found.

        ``usable`` counts each log ratio; the medians are those of the expanded list
        (what ``statistics.median`` gives, to the bit), without ever building it.
        ``limits`` is the check whose parameters apply (default: the defaults).
        """
        p = limits if limits is not None else OmissionCheck()
        if usable.total() < p.min_pairs:
            lo, hi = p.prior_band
            return math.log(lo), math.log(hi), f"the expected {lo}–{hi}"
        med = _median(usable)
        deviations: Counter[float] = Counter()
        for r, n in usable.items():
            deviations[abs(r - med)] += n
        mad = max(_median(deviations), p.min_mad)
        half = max(p.z_limit * mad / 0.6745, math.log(p.min_factor))
        return med - half, med + half, f"this run's median {math.exp(med):.2f}"

    def _judge_merged(self, pair: Pair, bead: Merged, lo: float, hi: float, mid: float) -> list[Finding]:
        """A many-to-one bead out of line: which source sentence has no counterpart.

        If dropping one of its sentences brings the bead's ratio into the band, and clearly
        closer to the band's middle than dropping any other (half the distance), that
        sentence is the lost one; if several fit about equally, lengths cannot tell which,
        and the bead's whole source is spanned with a message that says so.
        """
        total = sum(n for _, _, n in bead.src)
        r = self._log_ratio(pair, total, bead.tgt_len)
        if r is None or lo <= r <= hi or (r < lo) == (pair.zh_side == "target"):
            return []  # in line, too short, or the target is the long side (no omission)
        en_zh = (total, bead.tgt_len) if pair.zh_side == "target" else (bead.tgt_len, total)
        fits = []
        for s, e, n in bead.src:
            rest = (en_zh[0] - n, en_zh[1]) if pair.zh_side == "target" else (en_zh[0], en_zh[1] - n)
            if min(rest) > 0 and lo <= (ri := math.log(rest[0] / rest[1])) <= hi:
                fits.append((abs(ri - mid), s, e))
        fits.sort()
        if len(fits) == 1 or (len(fits) > 1 and fits[0][0] < 0.5 * fits[1][0]):
            _, s, e = fits[0]
            return [self.finding(pair, "this source sentence has no counterpart in the target", side="source", start=s, end=e)]
        if fits:
            s, e = bead.src[0][0], bead.src[-1][1]
            return [
                self.finding(
                    pair,
                    f"one of these {len(bead.src)} source sentences has no counterpart in the target "
                    "(their lengths cannot tell which)",
                    side="source",
                    start=s,
                    end=e,
                )
            ]
        return []

    def _judge_one(self, pair: Pair, m: Measure, r: float | None, band: tuple[float, float, str]) -> list[Finding]:
        if not m.src_len and not m.tgt_len:
            return []
        if not m.tgt_len:
            missing = _lang_name(pair.tgt_lang)
            return [self.finding(pair, f"no {missing} counterpart (the target is empty)")]
        if not m.src_len:
            missing = _lang_name(pair.src_lang)
            return [self.finding(pair, f"no {missing} counterpart (the source is empty)", side="source")]
        if _is_copy(pair):
            return []  # untranslated, reported once by the untranslated check
        en_side = pair.en_side
        if en_side is not None and _not_english(pair.text(en_side)):
            return []  # neither the aligner nor the ratio can read this text
        lo, hi, basis = band
        lost = []
        respanned: set[Merged] = set()
        for s, e in m.lost:
            if pair.source[s:e].strip() in pair.target:
                continue  # copied, not lost
            bead = _beside(pair, m.merged, s, e)
            kept = _kept_verbatim(pair, s, e) if bead is not None and bead not in respanned else None
            if bead is None or kept is None:
                lost.append(
                    self.finding(pair, "this source sentence has no counterpart in the target", side="source", start=s, end=e)
                )
                continue
            # The sentence is there, merged out of order with the many-to-one bead beside it
            # (the aligner's beads are contiguous): the lost sentence is one of that bead's.
            respanned.add(bead)
            where = "the next" if s >= bead.src[-1][1] else "the previous"
            lost.append(
                self.finding(
                    pair,
                    f"one of these {len(bead.src)} source sentences has no counterpart in the target "
                    f"({where} one is there, merged out of order: the target has its {kept})",
                    side="source",
                    start=bead.src[0][0],
                    end=bead.src[-1][1],
                )
            )
        for bead in m.merged:
            if bead not in respanned:
                lost.extend(self._judge_merged(pair, bead, lo, hi, (lo + hi) / 2))
        if lost:
            return [self._soften(pair, f) for f in lost]
        if r is None:
            return []
        if lo <= r <= hi:
            return []
        en_per_zh = math.exp(r)
        target_short = (r > hi) == (pair.zh_side == "target")
        detail = f"{en_per_zh:.2f} English characters per Chinese character against {basis}"
        short = _short_or_code(pair.source, pair.src_lang)
        weak = abs(r - (lo + hi) / 2) < math.log(self.major_factor)
        severity = Severity.MINOR if short or weak else None
        if target_short:
            return [
                self.finding(
                    pair,
                    f"the target is much shorter than the source ({detail}): something may be left out",
                    severity=severity,
                )
            ]
        return [
            self.finding(
                pair,
                f"the target is much longer than the source ({detail}): something may be added",
                category="Accuracy/Addition",
                severity=severity,
            )
        ]

    def _soften(self, pair: Pair, f: Finding) -> Finding:
        """A lost sentence of a short source, a short lost sentence, or one of sentences the
        target merged into a list of clauses (、/，) as many as the source's, is at most minor
        (gallery: three English sentences → one Chinese sentence of three ，-clauses)."""
        text = f.text or ""
        merged = ("、" in pair.target or "，" in pair.target) and len(_clauses(pair.target)) >= len(_sentences(pair.source))
        if merged or _short_or_code(pair.source, pair.src_lang) or _word_count(text, pair.src_lang) < SHORT_WORDS - 1:
            return self.finding(pair, f.message, side=f.side, start=f.start, end=f.end, severity=Severity.MINOR)
        return f
