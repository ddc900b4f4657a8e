"""Place names in running text: gazetteer mentions found on word boundaries.

The text side of the places check. English names are matched on capitalised words,
longest first, with designations ("Wutai County") and Chinese surnames next to them
("Changhua Wu" is a person) noted; Chinese names are matched only at jieba word boundaries
(西安 is not in 陕西安康), cut lazily with the project's tokenizer, and a word made wholly
of names and designations is split into them (山西太原 = 山西 + 太原).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from transreview.text.gazetteer import PREFECTURE, Gazetteer, Place, en_key
from transreview.text.jieba_cut import JIEBA_RUN
from transreview.text.textnorm import analysis_view

if TYPE_CHECKING:
    from transreview.text.segment import Tokenizer

V = TypeVar("V")

# English words that make a county-level name a place ("Wutai County").
_DESIGNATIONS = frozenset(
    "county district city banner prefecture league province region autonomous municipality".split()
)
# Pinyin surnames: a gazetteer name right next to one is taken for a person's name
# ("Changhua Wu", "Wu Changhua"), the usual false alarm of place-name matching.
_SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai
    du ye cheng su wei lu ding ren shen yao jin fu zhong cui tan fan wan qiu qin jia xue hou
    lei long duan hao kong shao shi mao chang gu lai qian yan yin niu bai geng kang ou yi
    meng xiong qi mo xing hong zou tao bao ning liao zhan jiao bi lv lyu ji dai fang""".split()
)
# Pieces a jieba word may be split into around a name: 山西省 = 山西 + 省, 山西人.
SUFFIX_PIECES = frozenset(
    "省 市 县 区 州 盟 旗 地区 自治区 自治州 自治县 自治旗 特别行政区 人 籍 话".split()
)
# A word of English text: letters, but not Chinese/Japanese/Korean ones, so that "山西Shanxi"
# (no space, common in bilingual labels) still holds the word "Shanxi". Deliberately wider
# than the Han range (chinese.HAN_CLASS): kana, Hangul, radicals and CJK punctuation are not
# English letters either.
_CJK = "\u2e80-\u2fff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
EN_WORD = re.compile(rf"[^\W\d_{_CJK}]+(?:'[^\W\d_{_CJK}]+)*")
# Endings that make a demonym or a language of a place name: Taiwanese, Shanghainese,
# Beijinger, Tibetan. A stem must be a whole one-word name of at least four letters.
_DEMONYM_ENDINGS = ("nese", "ese", "ers", "er", "ians", "ian", "ans", "an")
# An all-capital word this short is taken for an acronym ("ABA" is not Aba 阿坝); longer
# ones are names in a heading or on a sign ("WELCOME TO BEIJING").
_ACRONYM_MAX = 3


# --- mentions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EnMention:
    """A gazetteer name in English text."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    places: tuple[Place, ...]
    designated: bool  # followed by County, City, Province ...
    person: bool  # next to a Chinese surname: probably a person's name

    @property
    def required(self) -> bool:
        """Whether the other side must render it: not a person, and a province or city
        (or any division when designated: bare county names are too often given names)."""
        if self.person:
            return False
        return self.designated or any(p.level <= PREFECTURE for p in self.places)


@dataclass(frozen=True, slots=True)
class ZhMention:
    """A gazetteer name in (simplified) Chinese text, on a word boundary at its start."""

    start: int
    end: int
    name: str
    places: tuple[Place, ...]
    strict: bool  # also ends on a word boundary
    full: bool  # the full name with its designation (山西省)

    @property
    def detectable(self) -> bool:
        """Certain enough to be required or blamed: on both boundaries, and a province or
        city under a name that is not also a common word, or any division in full."""
        if not self.strict:
            return False
        if self.full:
            return not generic_area(self.name, self.places)
        return any(p.level <= PREFECTURE and not p.common for p in self.places)


def generic_area(name: str, places: tuple[Place, ...]) -> bool:
    """Whether ``name`` is a district named only by a kind of area (城区 "urban area", 郊区
    "suburbs", 矿区 "mining area", 东区): two characters ending in 区, with no short form.
    As a word it is far more often the common noun than the district, so it is never required."""
    return len(name) == 2 and name.endswith("区") and all(not p.zh_short for p in places)


def demonym_places(word: str, gaz: Gazetteer) -> tuple[Place, ...]:
    """The places whose people or speech ``word`` names (Taiwanese: Taiwan), or ()."""
    key = en_key(word)
    if not key.endswith(_DEMONYM_ENDINGS):  # most words: no ending to try
        return ()
    for ending in _DEMONYM_ENDINGS:
        stem = key[: -len(ending)]
        if key.endswith(ending) and len(stem) >= 4:
            places = gaz.by_en.get((stem,))
            if places:
                return places
    return ()


# A letter of EN_WORD, and a word of EN_WORD that begins with a letter other than a-z: a
# capitalised word is among them. The first letter is tested before looking back, so that
# the regular-expression engine passes quickly over the rest; a word starts where no letter
# comes before it, nor a letter and an apostrophe (EN_WORD joins "d'Artagnan").
_LETTER = re.compile(rf"[^\W\d_{_CJK}]")
_NOT_AZ_WORD = re.compile(
    rf"[^\W\d_a-z{_CJK}](?<![^\W\d_{_CJK}].)(?<![^\W\d_{_CJK}]'.)"
    rf"[^\W\d_{_CJK}]*(?:'[^\W\d_{_CJK}]+)*",
    re.DOTALL,
)
# What scan_en makes of a word that begins with a letter other than a-z (see _word_info).
_SKIP, _DEMONYM, _NAME = 0, 1, 2


def _trimmed(w: str) -> str:
    """A word as scan_en takes it: a possessive 's left out of a word of more than three."""
    return w[:-2] if w.endswith("'s") and len(w) > 3 else w


def _word_at(view: str, start: int) -> tuple[int, int, str]:
    """The word of EN_WORD starting at ``start`` (a word start) as (start, end, word),
    :func:`_trimmed`."""
    m = EN_WORD.match(view, start)
    assert m is not None
    w = _trimmed(m.group())
    return start, start + len(w), w


def _is_letter(ch: str) -> bool:
    return "a" <= ch <= "z" or "A" <= ch <= "Z" or (ch > "\x7f" and _LETTER.match(ch) is not None)


def _next_start(view: str, end: int) -> int:
    """Where the word after a word ending at ``end`` starts if one or two whitespace
    characters lie between them, else -1 (then no test on the next word can pass)."""
    if not view[end : end + 1].isspace():
        return -1
    if _is_letter(view[end + 1 : end + 2]):
        return end + 1
    if view[end + 1 : end + 2].isspace() and _is_letter(view[end + 2 : end + 3]):
        return end + 2
    return -1


def _surname_before(before: re.Match[str] | None, view: str, start: int) -> bool:
    """Whether the word before a word starting at ``start`` is a capitalised surname one
    or two whitespace characters away. ``before`` is the last word before ``start`` that
    begins with a letter other than a-z (from :data:`_NOT_AZ_WORD`): a capitalised word
    right before is that one, and any other has letters between it and ``start``."""
    if before is None:
        return False
    w = _trimmed(before.group())
    gap = view[before.start() + len(w) : start]
    return 0 < len(gap) <= 2 and gap.isspace() and w[:1].isupper() and en_key(w) in _SURNAMES


class _PerGazetteer(Generic[V]):
    """Answers remembered per string, worked out with one gazetteer: emptied when asked
    with another one, and when full (bounded, whatever the input holds)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._table: dict[str, V] = {}
        self._gaz: Gazetteer | None = None

    def table(self, gaz: Gazetteer) -> dict[str, V]:
        """The answers worked out with ``gaz`` (read it; add through :meth:`keep`)."""
        if self._gaz is not gaz:
            self._table.clear()
            self._gaz = gaz
        return self._table

    def keep(self, key: str, value: V) -> V:
        if len(self._table) >= self._limit:
            self._table.clear()
        self._table[key] = value
        return value


_info: _PerGazetteer[tuple[int, str, str, tuple[Place, ...]]] = _PerGazetteer(20_000)


def _word_info(w: str, gaz: Gazetteer) -> tuple[int, str, str, tuple[Place, ...]]:
    """(what scan_en makes of ``w``, the word :func:`_trimmed`, its key, its demonym's
    places): remembered per word (bounded; forgotten when the gazetteer changes), since
    the same capitalised words come back pair after pair. scan_en reads the table itself
    first and calls this for a word it does not hold."""
    found = _info.table(gaz).get(w)
    if found is None:
        t = _trimmed(w)
        kind, key = _SKIP, ""
        demonym: tuple[Place, ...] = ()
        if t[0].isupper() and not (t.isupper() and 1 < len(t) <= _ACRONYM_MAX):
            key = en_key(t)
            if key in gaz.en_first:
                kind = _NAME
            else:
                demonym = demonym_places(t, gaz)
                kind = _DEMONYM if demonym else _SKIP
        found = _info.keep(w, (kind, t, key, demonym))
    return found


def scan_en(text: str, gaz: Gazetteer) -> list[EnMention]:
    """Gazetteer names in English text, longest match first, on word boundaries.

    Only capitalised words start a name, and an all-capital one only when it is longer
    than an acronym: "ABA" is an acronym, not Aba (阿坝); "BEIJING" is Beijing. A
    capitalised demonym names its place ("Taiwanese").

    The words of the text are those of :data:`EN_WORD` (a possessive 's left out), but only
    those that begin with a letter other than a-z are visited (:data:`_NOT_AZ_WORD`), and a
    word's neighbours are read where they matter (the next words of a name, a designation or
    a surname next to it): the same mentions as walking every word, at a fraction of the
    cost on running text (tests/unit/test_places_fast_paths.py compares both).
    """
    view = analysis_view(text)
    out: list[EnMention] = []
    by_en, max_words = gaz.by_en, gaz.en_max_words
    done = 0  # words starting before this are part of a name found
    last: re.Match[str] | None = None
    info = _info.table(gaz)
    for m in _NOT_AZ_WORD.finditer(view):
        s = m.start()
        before, last = last, m  # the word visited before this one (see _surname_before)
        if s < done:
            continue
        raw = m.group()
        kind, w, first, demonym = info.get(raw) or _word_info(raw, gaz)
        if kind == _SKIP:
            continue
        e = s + len(w)
        if kind == _DEMONYM:
            out.append(EnMention(s, e, text[s:e], (first,), demonym, False, False))
            continue
        # the longest name over the capitalised words that follow, one space apart
        ends = [e]
        keys = [first]
        after = -2  # where the word after the last in ends starts (-1: none next to it; -2: not looked for)
        while len(keys) < max_words:
            after = _next_start(view, ends[-1])
            if after < 0 or not view[after].isupper():
                break
            _, b, nw = _word_at(view, after)
            ends.append(b)
            keys.append(en_key(nw))
            after = -2
        found: tuple[int, tuple[str, ...], tuple[Place, ...]] | None = None
        for n in range(len(keys), 0, -1):
            key = tuple(keys[:n])
            places = by_en.get(key)
            if places:
                found = (n, key, places)
                break
        if found is None:
            continue
        n, key, places = found
        end = ends[n - 1]
        if n < len(keys) or after == -2:
            after = _next_start(view, end)
        nxt = _word_at(view, after) if after >= 0 else None
        designated = nxt is not None and nxt[2].lower() in _DESIGNATIONS
        person = not designated and (_surname_before(before, view, s) or _is_surname(nxt))
        out.append(EnMention(s, end, text[s:end], key, places, designated, person))
        done = end
    return out


def _is_surname(word: tuple[int, int, str] | None) -> bool:
    """Whether ``word`` is a capitalised Chinese surname (a name next to it is a person's)."""
    return word is not None and word[2][:1].isupper() and en_key(word[2]) in _SURNAMES


class WordBoundaries:
    """Word boundaries of ``z`` (jieba), plus the inner boundaries of words made wholly of
    names and designations (山西太原 = 山西 + 太原, 陕西省 = 陕西 + 省).

    Answered lazily, one jieba run at a time (see :meth:`transreview.text.segment.Tokenizer.run_ends`):
    the scan asks only at positions where a name could start, so most of a long target is
    never cut. A run that is asked about is cut once and kept as the ends of its words; a
    position is then looked up among them (bisection), and only the word holding it is
    split into names. Outside the runs, jieba makes every character but whitespace a word.
    The answers are exactly those of cutting the whole text at once.
    """

    def __init__(self, z: str, gaz: Gazetteer, tokenizer: Tokenizer) -> None:
        self._z = z
        self._tokenizer = tokenizer
        self._gaz = gaz
        self._runs = [m.span() for m in JIEBA_RUN.finditer(z)]  # the runs of segment.zh_runs
        self._starts = [a for a, _ in self._runs]
        self._ends: dict[int, tuple[int, ...]] = {}  # run index -> its words' ends, from its start
        self._sorted: list[int] | None = None

    def _run_ends(self, k: int) -> tuple[int, ...]:
        ends = self._ends.get(k)
        if ends is None:
            a, b = self._runs[k]
            ends = self._ends[k] = self._tokenizer.run_ends(self._z[a:b])
        return ends

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int):
            return False
        k = bisect_right(self._starts, i) - 1
        if k >= 0:
            a, b = self._runs[k]
            if i <= b:  # in run k, or at its end
                if i == a or i == b:
                    return True
                r = i - a
                ends = self._run_ends(k)
                j = bisect_left(ends, r)
                if ends[j] == r:
                    return True
                ws = ends[j - 1] if j else 0
                we = ends[j]
                return we - ws >= 3 and (r - ws) in _decomposed(self._z[a + ws : a + we], self._gaz)
        # between runs (or before the first): a character that is not whitespace is a word
        z = self._z
        return (0 <= i < len(z) and not z[i].isspace()) or (0 < i <= len(z) and not z[i - 1].isspace())

    def word_end(self, start: int) -> int:
        """End of the word starting at ``start`` (0 if none does)."""
        k = bisect_right(self._starts, start) - 1
        if k >= 0:
            a, b = self._runs[k]
            if start < b:
                ends = self._run_ends(k)
                r = start - a
                if r == 0:
                    return a + ends[0]
                j = bisect_left(ends, r)
                return a + ends[j + 1] if ends[j] == r else 0
        z = self._z
        return start + 1 if 0 <= start < len(z) and not z[start].isspace() else 0

    def all(self) -> list[int]:
        """Every boundary, in order (cuts the whole text; sorted once, then kept: callers
        must not change the list)."""
        if self._sorted is None:
            z = self._z
            found: set[int] = set()
            for i, ch in enumerate(z):
                if not ch.isspace() and JIEBA_RUN.match(ch) is None:
                    found.update((i, i + 1))
            for k, (a, _) in enumerate(self._runs):
                found.add(a)
                ws = 0
                for we in self._run_ends(k):
                    found.add(a + we)
                    if we - ws >= 3:
                        found.update(a + ws + c for c in _decomposed(z[a + ws : a + we], self._gaz))
                    ws = we
            self._sorted = sorted(found)
        return self._sorted


_inner: _PerGazetteer[tuple[int, ...]] = _PerGazetteer(20_000)


def _decomposed(word: str, gaz: Gazetteer) -> tuple[int, ...]:
    """:func:`decompose`, remembered per word: the same words come back pair after pair,
    and most are no sequence of names (bounded; forgotten when the gazetteer changes)."""
    found = _inner.table(gaz).get(word)
    if found is None:
        found = _inner.keep(word, tuple(decompose(word, gaz)))
    return found


def decompose(word: str, gaz: Gazetteer) -> list[int]:
    """Inner cut points if ``word`` is a sequence of names and designations, else []."""
    n = len(word)
    back: dict[int, int] = {0: 0}
    for i in range(n):
        if i not in back:
            continue
        for j in range(n, i, -1):
            if j in back:
                continue
            piece = word[i:j]
            if piece in gaz.by_zh or piece in SUFFIX_PIECES:
                back[j] = i
    if n not in back:
        return []
    cuts: list[int] = []
    k = back[n]
    while k > 0:
        cuts.append(k)
        k = back[k]
    return cuts


def scan_zh(z: str, gaz: Gazetteer, bounds: WordBoundaries) -> list[ZhMention]:
    """Gazetteer names in simplified text ``z`` that start on a word boundary; at each
    start the longest name wins, and mentions do not overlap.

    Only the lengths of the names that begin with the position's two characters are looked
    up (:attr:`Gazetteer.zh_first_lengths`), longest first, as walking every length of the
    gazetteer would find them."""
    out: list[ZhMention] = []
    i = 0
    n = len(z)
    first_lengths, by_zh = gaz.zh_first_lengths, gaz.by_zh
    for start in gaz.zh_start.finditer(z):  # positions no name starts at are never asked about
        i_start = start.start()
        if i_start < i or i_start >= n - 1:
            continue  # inside the previous mention, or the last character
        i = i_start
        lengths = first_lengths.get(z[i : i + 2])
        if lengths is None or i not in bounds:
            continue
        best: ZhMention | None = None
        for length in lengths:
            name = z[i : i + length]
            if len(name) != length:
                continue
            places = by_zh.get(name)
            if not places:
                continue
            strict = (i + length) in bounds
            cand = ZhMention(i, i + length, name, places, strict, name == places[0].zh_full)
            if best is None or (strict and not best.strict):
                best = cand
            if strict:
                break
        if best is None:
            continue
        out.append(best)
        i = best.end
    return out


def has_zh_candidate(z: str, gaz: Gazetteer) -> bool:
    """Cheap prefilter: does any name start anywhere in ``z`` (no jieba)?"""
    first = gaz.zh_first
    return any(z[m.start() : m.start() + 2] in first for m in gaz.zh_start.finditer(z))


__all__ = [
    "EN_WORD",
    "SUFFIX_PIECES",
    "EnMention",
    "WordBoundaries",
    "ZhMention",
    "decompose",
    "has_zh_candidate",
    "scan_en",
    "scan_zh",
]
