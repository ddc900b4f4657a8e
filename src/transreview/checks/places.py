"""Place names: a division named on one side must be named on the other, correctly.

The canonical error is a homophone: the source says "Shanxi" (山西) and the translation
writes 陕西, which is Shaanxi, a different province; both are ``shanxi`` without tones, so
machine translation and careless typing confuse them. A metric does not notice (BLEU 70
for 晋城是陕西的一个城市 against 晋城是山西的一个城市). Three general mechanisms, both
directions, simplified and traditional:

(a) a place named in the source must appear in the target under one of its names;
(b) if it does not and the target holds a string that sounds like it without tones (陕西
    for "Shanxi", 金城 for "Jincheng", "Shanxi" for 陕西), that string is the error;
(c) if nothing sounds like it but the target names a place the source does not, that place
    is a substitution (西宁 for Xi'an).

A source place that is simply absent (a) is reported as minor on the source side: names
are legitimately paraphrased ("the province"), so absence alone is weak evidence.

False alarms are avoided by design rather than by lists: Chinese names are matched on
jieba word boundaries, never as bare substrings (西安 is not in 陕西安康); an English name
with several senses is satisfied by any of them (Yulin: 玉林 or 榆林); county-level names
count in English only with a designation ("Wutai County"), because bare two-syllable
pinyin is too often a given name; a name next to a Chinese surname ("Changhua Wu") is a
person; Chinese names that are also ordinary words (安康 "good health", 来宾 "guest") are
never required; counts are compared, so one 陕西 among four 山西 for five "Shanxi" is found.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from transreview.checks.base import Check
from transreview.gazetteer import PREFECTURE, Gazetteer, Place, en_key, load
from transreview.model import Finding, Pair, Severity, Side
from transreview.textnorm import analysis_view, is_han

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
_SUFFIX_PIECES = frozenset(
    "省 市 县 区 州 盟 旗 地区 自治区 自治州 自治县 自治旗 特别行政区 人 籍 话".split()
)
# A word of English text: letters, but not Chinese/Japanese/Korean ones, so that "山西Shanxi"
# (no space, common in bilingual labels) still holds the word "Shanxi".
_CJK = "\u2e80-\u2fff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
_WORD = re.compile(rf"[^\W\d_{_CJK}]+(?:'[^\W\d_{_CJK}]+)*")


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified view of ``text`` with the same length, so offsets carry over.

    OpenCC converts phrases, which can change the length; then fall back to converting
    character by character (place names do not need phrase context).
    """
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


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
            return True
        return any(p.level <= PREFECTURE and not p.common for p in self.places)


def scan_en(text: str, gaz: Gazetteer) -> list[EnMention]:
    """Gazetteer names in English text, longest match first, on word boundaries.

    Only capitalised words start a name, and never an all-capital one: "ABA" is an
    acronym, not Aba (阿坝)."""
    view = analysis_view(text)
    words: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(view):
        s, e, w = m.start(), m.end(), m.group(0)
        if w.endswith("'s") and len(w) > 3:
            e, w = e - 2, w[:-2]
        words.append((s, e, w))
    out: list[EnMention] = []
    i = 0
    n_words = len(words)
    while i < n_words:
        s, e, w = words[i]
        if not w[:1].isupper() or (w.isupper() and len(w) > 1) or en_key(w) not in gaz.en_first:
            i += 1
            continue
        found = None
        for n in range(min(gaz.en_max_words, n_words - i), 0, -1):
            toks = []
            ok = True
            for j in range(i, i + n):
                if j > i and (not _space_between(view, words[j - 1][1], words[j][0])):
                    ok = False
                    break
                if j > i and not words[j][2][:1].isupper():
                    ok = False
                    break
                toks.append(en_key(words[j][2]))
            if not ok:
                continue
            places = gaz.by_en.get(tuple(toks))
            if places:
                found = (n, tuple(toks), places)
                break
        if found is None:
            i += 1
            continue
        n, toks, places = found
        end = words[i + n - 1][1]
        nxt = words[i + n] if i + n < n_words else None
        prev = words[i - 1] if i > 0 else None
        designated = bool(
            nxt and _space_between(view, end, nxt[0]) and nxt[2].lower() in _DESIGNATIONS
        )
        person = not designated and (
            _is_surname(prev, view, s, before=True) or _is_surname(nxt, view, end, before=False)
        )
        out.append(EnMention(s, end, text[s:end], toks, places, designated, person))
        i += n
    return out


def _space_between(view: str, a: int, b: int) -> bool:
    gap = view[a:b]
    return 0 < len(gap) <= 2 and gap.isspace()


def _is_surname(word: tuple[int, int, str] | None, view: str, pos: int, before: bool) -> bool:
    if word is None:
        return False
    s, e, w = word
    if not w[:1].isupper() or en_key(w) not in _SURNAMES:
        return False
    return _space_between(view, e, pos) if before else _space_between(view, pos, s)


class _WordBoundaries:
    """Word boundaries of ``z`` (jieba), plus the inner boundaries of words made wholly of
    names and designations (山西太原 = 山西 + 太原, 陕西省 = 陕西 + 省).

    Cut lazily, one jieba run at a time (see :func:`transreview.segment.zh_words_in_run`):
    the scan asks only at positions where a name could start, so most of a long target is
    never cut. The answers are exactly those of cutting the whole text at once.
    """

    def __init__(self, z: str, gaz: Gazetteer) -> None:
        from transreview.segment import zh_runs

        self._z = z
        self._gaz = gaz
        pieces: list[tuple[int, int, bool]] = []  # (start, end, is a jieba run)
        pos = 0
        for a, b in zh_runs(z):
            if a > pos:
                pieces.append((pos, a, False))
            pieces.append((a, b, True))
            pos = b
        if pos < len(z):
            pieces.append((pos, len(z), False))
        self._pieces = pieces
        self._starts = [a for a, _, _ in pieces]
        self._done = [False] * len(pieces)
        self._bounds: set[int] = set()
        self._word_end: dict[int, int] = {}

    def _cut(self, k: int) -> None:
        if self._done[k]:
            return
        self._done[k] = True
        a, b, is_run = self._pieces[k]
        z = self._z
        if not is_run:  # jieba makes every other character a word; whitespace is dropped
            for i in range(a, b):
                if not z[i].isspace():
                    self._add(i, i + 1)
            return
        from transreview.segment import zh_words_in_run

        for span in zh_words_in_run(z, a, b):
            self._add(span.start, span.end)
            if span.end - span.start >= 3:
                inner = _decompose(z[span.start : span.end], self._gaz)
                self._bounds.update(span.start + c for c in inner)

    def _add(self, start: int, end: int) -> None:
        self._bounds.add(start)
        self._bounds.add(end)
        self._word_end[start] = end

    def _touch(self, i: int) -> None:
        """Cut the pieces that can hold boundary ``i``: the one containing it and, when
        ``i`` starts a piece, the one ending there."""
        k = bisect_right(self._starts, i) - 1
        if k >= 0:
            self._cut(k)
            if self._starts[k] == i and k > 0:
                self._cut(k - 1)
        elif self._pieces:
            self._cut(0)

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int):
            return False
        self._touch(i)
        return i in self._bounds

    def word_end(self, start: int) -> int:
        """End of the word starting at ``start`` (0 if none does)."""
        self._touch(start)
        return self._word_end.get(start, 0)

    def all(self) -> list[int]:
        """Every boundary, in order (cuts the whole text)."""
        for k in range(len(self._pieces)):
            self._cut(k)
        return sorted(self._bounds)


def _decompose(word: str, gaz: Gazetteer) -> list[int]:
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
            if piece in gaz.by_zh or piece in _SUFFIX_PIECES:
                back[j] = i
    if n not in back:
        return []
    cuts: list[int] = []
    k = back[n]
    while k > 0:
        cuts.append(k)
        k = back[k]
    return cuts


def scan_zh(z: str, gaz: Gazetteer, bounds: _WordBoundaries) -> list[ZhMention]:
    """Gazetteer names in simplified text ``z`` that start on a word boundary; at each
    start the longest name wins, and mentions do not overlap."""
    out: list[ZhMention] = []
    i = 0
    n = len(z)
    while i < n - 1:
        if z[i : i + 2] not in gaz.zh_first or i not in bounds:
            i += 1
            continue
        best: ZhMention | None = None
        for length in gaz.zh_lengths:
            name = z[i : i + length]
            if len(name) != length:
                continue
            places = gaz.by_zh.get(name)
            if not places:
                continue
            strict = (i + length) in bounds
            cand = ZhMention(i, i + length, name, places, strict, name == places[0].zh_full)
            if best is None or (strict and not best.strict):
                best = cand
            if strict:
                break
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best.end
    return out


def has_zh_candidate(z: str, gaz: Gazetteer) -> bool:
    """Cheap prefilter: does any name start anywhere in ``z`` (no jieba)?"""
    first = gaz.zh_first
    return any(z[i : i + 2] in first for i in range(len(z) - 1))


# --- measurements ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Issue:
    """One measured problem, before severity and wording are decided.

    ``kind`` is ``homophone``, ``pinyin`` (a non-official spelling of the right name),
    ``substitution`` or ``missing``. ``side``/``start``/``end`` locate the span;
    ``source_name`` is the source's words; ``expected`` the right names in the other
    language; ``found_as`` what the spanned string names instead ('' if no place);
    ``intended_level``/``found_level`` are ranks (1 province, 2 city, 3 county, 0 none).
    """

    kind: str
    side: Side
    start: int
    end: int
    source_name: str
    expected: tuple[str, ...]
    found_as: str
    intended_level: int
    found_level: int
    suggestion: str | None
    pairing: int = 1  # how many source places are missing / extra places found (c)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for it in items:
        if it:
            seen.setdefault(it, None)
    return tuple(seen)


def _ordered(places: Iterable[Place]) -> list[Place]:
    return sorted(set(places), key=lambda p: (p.level, p.code))


def _main_senses(places: Iterable[Place]) -> list[Place]:
    """The senses worth naming in a message: those of the highest level present
    ("Xinzhou" is 忻州 the city before 信州区 and 新洲区 the districts)."""
    ordered = _ordered(places)
    return [p for p in ordered if p.level == ordered[0].level] if ordered else []


class PlacesCheck(Check):
    """Chinese divisions named on one side must be named, correctly, on the other."""

    name: ClassVar[str] = "places"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Terminology"
    severity: ClassVar[Severity] = Severity.MAJOR

    def measure(self, pair: Pair) -> list[Issue]:
        zh_side, en_side = pair.zh_side, pair.en_side
        if zh_side is None or en_side is None:
            return []
        zh_text, en_text = pair.text(zh_side), pair.text(en_side)
        if not zh_text.strip() or not en_text.strip():
            return []  # a side with no counterpart is the omission check's business
        gaz = load()
        if en_side == "source":
            return self._en_to_zh(pair, gaz, en_text, zh_text, zh_side)
        return self._zh_to_en(pair, gaz, en_text, zh_text, en_side)

    # --- English source ----------------------------------------------------------------

    def _en_to_zh(
        self, pair: Pair, gaz: Gazetteer, en_text: str, zh_text: str, zh_side: Side
    ) -> list[Issue]:
        en_all = scan_en(en_text, gaz)
        required = [m for m in en_all if m.required]
        if not required:
            return []
        z = to_simplified(zh_text)
        bounds = _WordBoundaries(z, gaz)
        zh_all = scan_zh(z, gaz, bounds)

        groups: dict[tuple[str, ...], list[EnMention]] = {}
        for m in required:
            groups.setdefault(m.tokens, []).append(m)
        # every Chinese name the English side accounts for (claimed by some mention)
        claimed_names = {n for m in en_all for p in m.places for n in p.zh_names}
        en_codes = {p.code for m in en_all for p in m.places}

        issues: list[Issue] = []
        named_both: list[Place] = []  # senses of source places the target does name
        missing: list[tuple[EnMention, tuple[Place, ...]]] = []
        for mentions in groups.values():
            senses = mentions[0].places
            names = {n for p in senses for n in p.zh_names}
            count = sum(1 for o in zh_all if o.name in names)
            if count:
                named_both.extend(senses)
            deficit = len(mentions) - count
            if deficit <= 0:
                continue
            found = self._zh_homophones(
                z, gaz, senses, names, claimed_names, zh_all, bounds
            )
            for s, e, as_places in found:
                issues.append(
                    self._homophone_issue(
                        pair, zh_side, zh_text, z, mentions[0], senses, s, e, as_places
                    )
                )
            if not found and count == 0:
                missing.append((mentions[0], senses))
        if not missing:
            return issues

        en_places = [p for m in en_all for p in m.places]
        extras = [
            o
            for o in zh_all
            if o.detectable
            and not any(p.code in en_codes for p in o.places)
            and not any(_contains(gaz, p, q) for p in o.places for q in en_places)
        ]
        if extras:
            for o in extras:
                issues.append(
                    self._substitution_zh(pair, zh_side, zh_text, z, o, missing, len(extras))
                )
        else:
            for m, senses in _not_context(gaz, missing, named_both):
                zh_names = _unique(p.zh for p in _main_senses(senses))
                issues.append(
                    Issue("missing", _other(zh_side), m.start, m.end, m.text, zh_names, "",
                          min(_rank(p) for p in senses), 0, zh_names[0])
                )  # fmt: skip
        return issues

    def _zh_homophones(
        self,
        z: str,
        gaz: Gazetteer,
        senses: tuple[Place, ...],
        names: set[str],
        claimed: set[str],
        zh_all: list[ZhMention],
        bounds: _WordBoundaries,
    ) -> list[tuple[int, int, tuple[Place, ...]]]:
        """Strings of ``z`` that sound like a sense of the missing name but are not it.

        Windows of the name's length starting on a word boundary and either ending on one
        or inside the word they start (晋城市 style); not overlapping a name the English
        side accounts for; not a province written before its own city (陕西西安).
        """
        targets = {(len(p.zh), p.key) for p in senses if p.key}
        taken = [(o.start, o.end) for o in zh_all if o.name in claimed]
        out: list[tuple[int, int, tuple[Place, ...]]] = []
        for s in bounds.all():
            for n, key in targets:
                e = s + n
                w = z[s:e]
                if len(w) != n or w in names or not all(is_han(c) for c in w):
                    continue
                if e not in bounds and bounds.word_end(s) <= e:
                    continue
                if any(a < e and s < b for a, b in taken):
                    continue
                if not gaz.sounds_like(w, key):
                    continue
                as_places = tuple(p for p in gaz.by_zh.get(w, ()) if not p.common)
                if as_places and _names_own_child(gaz, z, as_places, zh_all, e):
                    continue
                if not any(a < e and s < b for a, b, _ in out):
                    out.append((s, e, as_places))
        return out

    def _homophone_issue(
        self, pair: Pair, zh_side: Side, zh_text: str, z: str, m: EnMention,
        senses: tuple[Place, ...], s: int, e: int, as_places: tuple[Place, ...],
    ) -> Issue:  # fmt: skip
        heard = z[s:e]
        ranked = sorted(_main_senses(senses), key=lambda p: (not gaz_sounds(p, heard), p.code))
        traditional = zh_text[s:e] != z[s:e]
        expected = _unique(_zh_form(p, traditional) for p in ranked)
        found_as = as_places[0].name if as_places else ""
        found_level = min((_rank(p) for p in as_places), default=0)
        return Issue("homophone", zh_side, s, e, m.text, expected, found_as,
                     min(_rank(p) for p in senses), found_level, expected[0])  # fmt: skip

    def _substitution_zh(
        self, pair: Pair, zh_side: Side, zh_text: str, z: str, o: ZhMention,
        missing: list[tuple[EnMention, tuple[Place, ...]]], n_extras: int,
    ) -> Issue:  # fmt: skip
        span_end = o.start + len(o.places[0].zh_short) if o.full and o.places[0].zh_short else o.end
        traditional = zh_text[o.start : span_end] != z[o.start : span_end]
        srcs = " and ".join(f"'{m.text}'" for m, _ in missing)
        expected = _unique(
            _zh_form(p, traditional) for _, senses in missing for p in _main_senses(senses)
        )
        intended = min(_rank(p) for _, senses in missing for p in senses)
        return Issue("substitution", zh_side, o.start, span_end, srcs, expected,
                     _ordered(o.places)[0].name, intended, min(_rank(p) for p in o.places),
                     expected[0] if len(missing) == 1 else None,
                     pairing=max(len(missing), n_extras))  # fmt: skip

    # --- Chinese source ----------------------------------------------------------------

    def _zh_to_en(
        self, pair: Pair, gaz: Gazetteer, en_text: str, zh_text: str, en_side: Side
    ) -> list[Issue]:
        z = to_simplified(zh_text)
        if not has_zh_candidate(z, gaz):
            return []
        bounds = _WordBoundaries(z, gaz)
        zh_all = scan_zh(z, gaz, bounds)
        required = [o for o in zh_all if o.detectable]
        if not required:
            return []
        en_all = scan_en(en_text, gaz)
        zh_side = _other(en_side)

        groups: dict[str, list[ZhMention]] = {}
        for o in required:
            key = o.places[0].zh_short or o.name
            groups.setdefault(key, []).append(o)
        zh_codes = {p.code for o in zh_all for p in o.places}

        issues: list[Issue] = []
        named_both: list[Place] = []
        missing: list[tuple[ZhMention, tuple[Place, ...]]] = []
        for key, mentions in groups.items():
            senses = tuple(
                {p.code: p for o in mentions for p in gaz.by_zh.get(key, o.places)}.values()
            )
            wanted = {p.code for p in senses}
            count = sum(1 for m in en_all if any(p.code in wanted for p in m.places))
            if count:
                named_both.extend(senses)
            if len(mentions) - count <= 0:
                continue
            found = self._en_homophones(en_text, gaz, senses, en_all, zh_codes)
            src = zh_text[mentions[0].start : mentions[0].start + len(key)]
            for s, e, _text, as_places in found:
                names = _unique(p.name for p in _main_senses(senses))
                kind = "homophone" if as_places else "pinyin"
                issues.append(
                    Issue(kind, en_side, s, e, src, names,
                          as_places[0].zh if as_places else "",
                          min(_rank(p) for p in senses),
                          min((_rank(p) for p in as_places), default=0), names[0])
                )  # fmt: skip
            if not found and count == 0:
                missing.append((mentions[0], senses))
        if not missing:
            return issues

        zh_places = [p for o in zh_all for p in o.places]
        extras = [
            m
            for m in en_all
            if m.required
            and not any(p.code in zh_codes for p in m.places)
            and not any(_contains(gaz, p, q) for p in m.places for q in zh_places)
        ]
        if extras:
            srcs = " and ".join(
                f"'{zh_text[o.start : o.start + len(o.places[0].zh or o.name)]}'"
                for o, _ in missing
            )
            expected = _unique(p.name for _, senses in missing for p in _main_senses(senses))
            intended = min(_rank(p) for _, senses in missing for p in senses)
            for m in extras:
                issues.append(
                    Issue("substitution", en_side, m.start, m.end, srcs, expected,
                          _ordered(m.places)[0].zh, intended, min(_rank(p) for p in m.places),
                          expected[0] if len(missing) == 1 else None,
                          pairing=max(len(missing), len(extras)))
                )  # fmt: skip
        else:
            for o, senses in _not_context(gaz, missing, named_both):
                names = _unique(p.name for p in _main_senses(senses))
                span_end = (
                    o.start + len(o.places[0].zh_short)
                    if o.full and o.places[0].zh_short
                    else o.end
                )
                issues.append(
                    Issue("missing", zh_side, o.start, span_end, zh_text[o.start : span_end],
                          names, "", min(_rank(p) for p in senses), 0, names[0])
                )  # fmt: skip
        return issues

    def _en_homophones(
        self, en_text: str, gaz: Gazetteer, senses: tuple[Place, ...],
        en_all: list[EnMention], zh_codes: set[str],
    ) -> list[tuple[int, int, str, tuple[Place, ...]]]:  # fmt: skip
        """English words that sound like the missing Chinese name but are another place
        ('Shanxi' for 陕西) or plain pinyin of it ('Huhehaote' for 呼和浩特)."""
        keys = {p.key for p in senses if p.key}
        wanted_en = {en_key(n) for p in senses for n in p.en}
        out: list[tuple[int, int, str, tuple[Place, ...]]] = []
        for m in en_all:
            if m.person or any(p.code in zh_codes for p in m.places):
                continue  # the Chinese side names that place too: not a confusion
            if en_key("".join(m.tokens)) in keys or any(p.key in keys for p in m.places):
                out.append((m.start, m.end, m.text, m.places))
        view = analysis_view(en_text)
        for mt in _WORD.finditer(view):
            k = en_key(mt.group(0))
            if k in keys and k not in wanted_en and mt.group(0)[:1].isupper():
                if not any(a < mt.end() and mt.start() < b for a, b, _, _ in out):
                    if not gaz.by_en.get((k,)):
                        out.append((mt.start(), mt.end(), en_text[mt.start() : mt.end()], ()))
        return out

    # --- judging -----------------------------------------------------------------------

    def judge(self, pair: Pair, raw: list[Issue]) -> list[Finding]:
        out: list[Finding] = []
        for it in raw:
            expected = " or ".join(it.expected)
            if it.kind == "homophone":
                real = it.found_level > 0
                sev = (
                    Severity.CRITICAL
                    if real and it.intended_level <= PREFECTURE
                    else Severity.MAJOR
                )
                found = _quote(pair, it)
                if real:
                    msg = f"source '{it.source_name}' is {expected}; {found} is {it.found_as}"
                else:
                    msg = f"source '{it.source_name}' is {expected}; {found} only sounds like it"
            elif it.kind == "pinyin":
                sev = Severity.MINOR
                msg = (f"source '{it.source_name}' is {expected} in English; "
                       f"{_quote(pair, it)} is its plain pinyin")  # fmt: skip
            elif it.kind == "substitution":
                # one province (or city) for another; not a city for a province, nor a guess
                # among several missing and extra places
                same = it.intended_level == it.found_level <= PREFECTURE
                sev = Severity.CRITICAL if same and it.pairing == 1 else Severity.MAJOR
                verb = "are" if " and " in it.source_name else "is"
                msg = (f"source {it.source_name} ({expected}) {verb} missing; "
                       f"{_quote(pair, it)} is {it.found_as}, which the source does not name")  # fmt: skip
            else:
                sev = Severity.MINOR
                msg = f"source '{it.source_name}' ({expected}) not found in the translation"
            out.append(
                self.finding(pair, msg, side=it.side, start=it.start, end=it.end,
                             suggestion=it.suggestion, severity=sev)
            )  # fmt: skip
        return out


# --- helpers ---------------------------------------------------------------------------


def _rank(p: Place) -> int:
    """1 province, 2 city (a municipality such as 北京 is a city), 3 county: what makes a
    substitution like for like ("Harbin" rendered 北京 is one city for another)."""
    if p.type == "直辖市":
        return PREFECTURE
    return p.level


def _other(side: Side) -> Side:
    return "target" if side == "source" else "source"


def _quote(pair: Pair, it: Issue) -> str:
    text = pair.text(it.side)[it.start : it.end]
    return text if any(is_han(c) for c in text) else f"'{text}'"


def _zh_form(p: Place, traditional: bool) -> str:
    if traditional:
        return p.zh_trad_short or p.zh_trad_full
    return p.zh


def gaz_sounds(p: Place, heard: str) -> bool:
    """Whether ``heard`` reads as this place's name (ranks the senses of a suggestion)."""
    return load().sounds_like(heard, p.key) if p.key else False


def _not_context(gaz: Gazetteer, missing: list, named_both: list[Place]) -> list:
    """Drop missing places that contain a place both sides name: leaving out the province
    of a city ("Xi'an, Shaanxi" -> 西安) is normal, not an omission worth a finding."""
    return [
        (m, senses)
        for m, senses in missing
        if not any(gaz.is_ancestor(p, q) for p in senses for q in named_both)
    ]


def _contains(gaz: Gazetteer, a: Place, b: Place) -> bool:
    """``a`` is ``b`` or contains it: a province added for context ("Taiyuan" -> 山西太原)."""
    return a.code == b.code or gaz.is_ancestor(a, b)


def _names_own_child(
    gaz: Gazetteer, z: str, as_places: tuple[Place, ...], zh_all: list[ZhMention], end: int
) -> bool:
    """陕西西安 / 陕西省西安市: the province is written right before one of its own cities."""
    for o in zh_all:
        gap = z[end : o.start]
        if o.start >= end and (not gap or gap in _SUFFIX_PIECES):
            for q in o.places:
                if any(gaz.is_ancestor(p, q) for p in as_places):
                    return True
    return False


__all__ = ["EnMention", "Issue", "PlacesCheck", "ZhMention", "scan_en", "scan_zh", "to_simplified"]
