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
never required; counts are compared, so one 陕西 among four 山西 for five "Shanxi" is found; and two
sound-alike places of one sentence whose names changed places (陕西省长会见了山西的官员 for
"The governor of Shanxi met officials from Shaanxi") are found by their order in the
sentence alignment (major, no suggestion: see :func:`_swapped`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity, Side, Span
from transreview.text.analysis import PairAnalysis
from transreview.text.chinese import is_han
from transreview.text.gazetteer import PREFECTURE, Gazetteer, Place, en_key, load
from transreview.text.place_mentions import (
    EN_WORD,
    SUFFIX_PIECES,
    EnMention,
    ZhMention,
    has_zh_candidate,
    scan_en,
    scan_zh,
)
from transreview.text.place_mentions import WordBoundaries as _WordBoundaries
from transreview.text.textnorm import analysis_view

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
    version: ClassVar[int] = 2
    category: ClassVar[str] = "Terminology"
    severity: ClassVar[Severity] = Severity.MAJOR
    cuts_words: ClassVar[bool] = True
    catches: ClassVar[str] = "A Chinese place name written as a different division: a homophone (陕西 for Shanxi), a sound-alike, or a name missing on one side."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> list[Issue]:
        zh_side, en_side = pair.zh_side, pair.en_side
        if zh_side is None or en_side is None:
            return []
        zh_text, en_text = pair.text(zh_side), pair.text(en_side)
        if not zh_text.strip() or not en_text.strip():
            return []  # a side with no counterpart is the omission check's business
        gaz = load()
        if en_side == "source":
            return self._en_to_zh(pair, gaz, en_text, analysis, zh_side)
        return self._zh_to_en(pair, gaz, en_text, analysis, en_side)

    # --- English source ----------------------------------------------------------------

    def _en_to_zh(
        self, pair: Pair, gaz: Gazetteer, en_text: str, analysis: PairAnalysis, zh_side: Side
    ) -> list[Issue]:
        en_all = scan_en(en_text, gaz)
        required = [m for m in en_all if m.required]
        if not required:
            return []
        zh_text, z = pair.text(zh_side), analysis.simplified(zh_side)
        bounds = _WordBoundaries(z, gaz, analysis.tokenizer)
        zh_all = scan_zh(z, gaz, bounds)

        groups: dict[tuple[str, ...], list[EnMention]] = {}
        for m in required:
            groups.setdefault(m.tokens, []).append(m)
        # Counts first, so that the sound-alike index is built once, for every name that
        # is short, rather than once per name (a segment may hold thousands of names).
        name_count: dict[str, int] = {}
        for o in zh_all:
            name_count[o.name] = name_count.get(o.name, 0) + 1
        plan: list[tuple[list[EnMention], tuple[Place, ...], set[str], int]] = []
        for mentions in groups.values():
            senses = mentions[0].places
            names = {n for p in senses for n in p.zh_names}
            plan.append((mentions, senses, names, sum(name_count.get(n, 0) for n in names)))
        short = [p for mentions, senses, _, count in plan if len(mentions) > count for p in senses]
        sound_alikes = None
        if short:
            # every Chinese name the English side accounts for (claimed by some mention)
            claimed_names = {n for m in en_all for p in m.places for n in p.zh_names}
            sound_alikes = _ZhSoundAlikes(z, gaz, bounds, zh_all, claimed_names, short)

        issues: list[Issue] = _swapped(pair, analysis, zh_side, zh_text, z, required, zh_all)
        named_both: list[Place] = []  # senses of source places the target does name
        missing: list[tuple[EnMention, tuple[Place, ...]]] = []
        for mentions, senses, names, count in plan:
            if count:
                named_both.extend(senses)
            deficit = len(mentions) - count
            if deficit <= 0:
                continue
            assert sound_alikes is not None  # built for every name that is short
            found = sound_alikes.find(senses, names)
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

        # a place the target adds is no substitution if the source names it or a place
        # inside it (_contains); `covered` holds every code that is so
        covered = _codes_and_ancestors(gaz, [p for m in en_all for p in m.places])
        extras = [
            o for o in zh_all if o.detectable and not any(p.code in covered for p in o.places)
        ]
        if extras:
            sub = _SubstitutionZh(missing, len(extras))
            for o in extras:
                issues.append(sub.issue(zh_side, zh_text, z, o))
        else:
            for m, senses in _not_context(gaz, missing, named_both):
                zh_names = _unique(p.zh for p in _main_senses(senses))
                issues.append(
                    Issue("missing", _other(zh_side), m.start, m.end, m.text, zh_names, "",
                          min(_rank(p) for p in senses), 0, zh_names[0])
                )  # fmt: skip
        return issues

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

    # --- Chinese source ----------------------------------------------------------------

    def _zh_to_en(
        self, pair: Pair, gaz: Gazetteer, en_text: str, analysis: PairAnalysis, en_side: Side
    ) -> list[Issue]:
        zh_text, z = pair.text(_other(en_side)), analysis.simplified(_other(en_side))
        if not has_zh_candidate(z, gaz):
            return []
        bounds = _WordBoundaries(z, gaz, analysis.tokenizer)
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
        # which English mentions name a place: counted per code, not by rescanning
        en_by_code: dict[str, list[int]] = {}
        for i, m in enumerate(en_all):
            for code in {p.code for p in m.places}:
                en_by_code.setdefault(code, []).append(i)
        sound_alikes = _EnSoundAlikes(en_text, gaz, en_all, zh_codes)

        issues: list[Issue] = []
        named_both: list[Place] = []
        missing: list[tuple[ZhMention, tuple[Place, ...]]] = []
        for key, mentions in groups.items():
            senses = tuple(
                {p.code: p for o in mentions for p in gaz.by_zh.get(key, o.places)}.values()
            )
            wanted = {p.code for p in senses}
            count = len({i for c in wanted for i in en_by_code.get(c, ())})
            if count:
                named_both.extend(senses)
            if len(mentions) - count <= 0:
                continue
            found = sound_alikes.find(senses)
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

        covered = _codes_and_ancestors(gaz, [p for o in zh_all for p in o.places])
        extras = [m for m in en_all if m.required and not any(p.code in covered for p in m.places)]
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
            elif it.kind == "swap":
                sev = Severity.MAJOR
                msg = (f"sound-alike names swapped? the source's '{it.source_name}' ({expected}) stands here, "
                       f"but {_quote(pair, it)} is {it.found_as}, which the source names elsewhere in the sentence")
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


def _bead_of(spans: tuple[Span, ...], pos: int) -> int | None:
    return next((i for i, sp in enumerate(spans) if sp.start <= pos < sp.end), None)


def _swapped(
    pair: Pair, analysis: PairAnalysis, zh_side: Side, zh_text: str, z: str,
    required: list[EnMention], zh_all: list[ZhMention],
) -> list[Issue]:  # fmt: skip
    """Two sound-alike places of one source sentence whose Chinese names changed places.

    "The governor of Shanxi met officials from Shaanxi" → 陕西省长会见了山西的官员: both
    names are there, once each, so counts see nothing; only the order tells. Order alone
    is weak evidence (Chinese may reorder a sentence), so this is asked only of places that
    sound alike without tones (Shanxi/Shaanxi, the very pair that gets confused), each named
    once in the source sentence and once in the target sentence the alignment pairs with
    it, and it is major, with no suggestion: swapping back is the reviewer's call.
    """
    if len(required) < 2:
        return []  # a swap takes two places named once each
    with_key: dict[str, list[EnMention]] = {}
    for m in required:
        for key in {p.key for p in m.places if p.key}:
            with_key.setdefault(key, []).append(m)
    issues: list[Issue] = []
    for named in with_key.values():
        if len(named) != 2:
            continue  # one pair of sound-alike places, each named once
        groups: dict[tuple[str, ...], list[EnMention]] = {}
        for m in named:
            groups.setdefault(tuple(sorted(p.code for p in m.places)), []).append(m)
        if len(groups) != 2:
            continue
        (a,), (b,) = sorted(groups.values(), key=lambda ms: ms[0].start)
        a_codes, b_codes = {p.code for p in a.places}, {p.code for p in b.places}
        if a_codes & b_codes:
            continue
        za = [o for o in zh_all if a_codes & {p.code for p in o.places}]
        zb = [o for o in zh_all if b_codes & {p.code for p in o.places}]
        if len(za) != 1 or len(zb) != 1 or za[0].start < zb[0].start:
            continue  # not once each, or in the source's order
        (oa,), (ob,) = za, zb
        if z[max(0, ob.start - 1) : ob.start] in _FRONTED:
            continue  # 他在山西会见了陕西官员: "in Shanxi" moved to the front, as Chinese does
        if not _same_bead(pair, analysis, zh_side, (a.start, b.start), (oa.start, ob.start)):
            continue
        traditional = any(zh_text[o.start : o.end] != z[o.start : o.end] for o in (oa, ob))
        for m, here, other in ((a, ob, b), (b, oa, a)):
            expected = _unique(_zh_form(p, traditional) for p in _main_senses(m.places))
            short = here.places[0].zh_short
            end = here.start + len(short) if here.full and short else here.end
            issues.append(Issue("swap", zh_side, here.start, end, m.text, expected,
                                other.text, min(_rank(p) for p in m.places),
                                min(_rank(p) for p in here.places), None))  # fmt: skip
    return issues


# Prepositions that front a place in Chinese (在山西, 于陕西, 从太原): an order change then is grammar.
_FRONTED = frozenset("在于於从從")


def _same_bead(pair: Pair, analysis: PairAnalysis, zh_side: Side, en_pos: tuple[int, int],
               zh_pos: tuple[int, int]) -> bool:
    """Whether the two English and the two Chinese positions lie in one bead of the pair's
    sentence alignment (a pair of one sentence each needs no aligner)."""
    en_side = _other(zh_side)
    if len(analysis.sentences(en_side)) <= 1 and len(analysis.sentences(zh_side)) <= 1:
        return True
    try:
        alignment = analysis.alignment
    except Exception:  # noqa: BLE001 - no alignment, no claim about order
        return False
    src_pos, tgt_pos = (en_pos, zh_pos) if en_side == "source" else (zh_pos, en_pos)
    sb = {_bead_of(alignment.src_spans, p) for p in src_pos}
    tb = {_bead_of(alignment.tgt_spans, p) for p in tgt_pos}
    if len(sb) != 1 or len(tb) != 1 or None in sb | tb:
        return False
    (si,), (ti,) = sb, tb
    return any(si in bead.src and ti in bead.tgt for bead in alignment.beads)


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


class _ZhSoundAlikes:
    """Strings of ``z`` that sound like a sense of a missing name but are not it.

    Windows of the name's length starting on a word boundary and either ending on one
    or inside the word they start (晋城市 style); not overlapping a name the English
    side accounts for; not a province written before its own city (陕西西安).

    Built once per pair for every sense that may be asked about (``wanted``), because a
    segment can hold thousands of names: for each window length, the boundaries are walked
    once and each distinct window is read once (:func:`_readings_among`), giving an index
    from toneless key to window starts. :meth:`find` then touches only the windows that
    sound right, instead of every boundary for every name (quadratic in the names).
    """

    def __init__(
        self, z: str, gaz: Gazetteer, bounds: _WordBoundaries, zh_all: list[ZhMention],
        claimed: set[str], wanted: Iterable[Place],
    ) -> None:  # fmt: skip
        self._z = z
        self._gaz = gaz
        self._bounds = bounds
        # mentions do not overlap and come in order, so their ends are sorted too
        taken = [(o.start, o.end) for o in zh_all if o.name in claimed]
        self._taken_starts = [a for a, _ in taken]
        self._taken_ends = [b for _, b in taken]
        self._mention_at = {o.start: o for o in zh_all}
        self._keys: dict[int, set[str]] = {}
        for p in wanted:
            if p.key:
                self._keys.setdefault(len(p.zh), set()).add(p.key)
        self._index: dict[int, dict[str, list[int]]] = {}

    def find(
        self, senses: tuple[Place, ...], names: set[str]
    ) -> list[tuple[int, int, tuple[Place, ...]]]:
        """Sound-alikes of ``senses`` (which must be among ``wanted``), in text order, not
        overlapping each other; ``names`` are the right names, never blamed."""
        z, gaz = self._z, self._gaz
        # the same set, built the same way, as a boundary-by-boundary scan would iterate:
        # at one start, the first target that fits wins
        targets = {(len(p.zh), p.key) for p in senses if p.key}
        cands: list[tuple[int, int, int]] = []
        for t, (n, key) in enumerate(targets):
            for s in self._starts(n, key):
                if z[s : s + n] not in names:
                    cands.append((s, t, n))
        cands.sort()
        out: list[tuple[int, int, tuple[Place, ...]]] = []
        for s, _, n in cands:
            e = s + n
            if out and out[-1][1] > s:
                continue  # overlaps the last one kept (they are disjoint and in order)
            as_places = tuple(p for p in gaz.by_zh.get(z[s:e], ()) if not p.common)
            if as_places and self._names_own_child(as_places, e):
                continue
            out.append((s, e, as_places))
        return out

    def _starts(self, n: int, key: str) -> list[int]:
        index = self._index.get(n)
        if index is None:
            index = self._index[n] = self._build(n)
        return index.get(key, [])

    def _build(self, n: int) -> dict[str, list[int]]:
        """key -> starts of the admissible windows of length ``n`` that read as it.

        Only starts whose character can begin a key are visited (:func:`_key_starts`), in
        order, and only there is the text's word boundary asked for: the other windows read
        as no key, and the runs of jieba around them need not be cut.
        """
        keys = self._keys.get(n, set())
        prefixes = frozenset(k[:i] for k in keys for i in range(len(k) + 1))
        z, bounds, readings = self._z, self._bounds, self._gaz.readings
        heard: dict[str, tuple[str, ...]] = {}
        index: dict[str, list[int]] = {}
        last = len(z) - n
        for s in _key_starts(z, last, readings, prefixes):
            if s not in bounds:
                continue
            e = s + n
            w = z[s:e]
            ks = heard.get(w)
            if ks is None:
                ks = ()
                if all(is_han(c) for c in w):
                    ks = _readings_among(w, readings, keys, prefixes)
                heard[w] = ks
            if not ks:
                continue  # most windows: cheap to rule out, before the boundary tests
            if e not in bounds and bounds.word_end(s) <= e:
                continue
            if self._taken(s, e):
                continue
            for k in ks:
                index.setdefault(k, []).append(s)
        return index

    def _taken(self, s: int, e: int) -> bool:
        """Whether [s, e) overlaps a claimed mention (the last one starting before e)."""
        j = bisect_left(self._taken_starts, e) - 1
        return j >= 0 and self._taken_ends[j] > s

    def _names_own_child(self, as_places: tuple[Place, ...], end: int) -> bool:
        """陕西西安 / 陕西省西安市: the province is written right before one of its own cities
        (right at ``end``, or after a designation such as 省)."""
        gaz, z = self._gaz, self._z
        for gap in range(_MAX_SUFFIX + 1):
            o = self._mention_at.get(end + gap)
            if o is None or (gap and z[end : end + gap] not in SUFFIX_PIECES):
                continue
            for q in o.places:
                if any(gaz.is_ancestor(p, q) for p in as_places):
                    return True
        return False


_MAX_SUFFIX = max(len(s) for s in SUFFIX_PIECES)


def _key_starts(z: str, last: int, readings: dict[str, frozenset[str]], prefixes: frozenset[str]) -> list[int]:
    """Positions up to ``last``, in order, whose character is Han and has a reading that
    begins one of the keys (is in ``prefixes``): the only starts of a window
    :func:`_readings_among` can read as a key."""
    starting = _han_starting(readings, prefixes)
    starts: list[int] = []
    for ch in starting.intersection(z[: last + 1]):
        i = z.find(ch, 0, last + 1)
        while i >= 0:
            starts.append(i)
            i = z.find(ch, i + 1, last + 1)
    starts.sort()
    return starts


_starting: dict[frozenset[str], frozenset[str]] = {}
_STARTING_MAX = 4096
_by_reading: list[tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]] = []


def _han_starting(readings: dict[str, frozenset[str]], prefixes: frozenset[str]) -> frozenset[str]:
    """The Han characters with a reading in ``prefixes``, from ``readings`` turned round
    (reading -> characters, made once for the gazetteer's table); remembered, since the
    same few names' keys are asked about pair after pair."""
    if not _by_reading or _by_reading[0][0] is not readings:
        inverse: dict[str, list[str]] = {}
        for ch, rs in readings.items():
            if is_han(ch):
                for r in rs:
                    inverse.setdefault(r, []).append(ch)
        _by_reading[:] = [(readings, {r: tuple(chs) for r, chs in inverse.items()})]
        _starting.clear()
    found = _starting.get(prefixes)
    if found is None:
        if len(_starting) >= _STARTING_MAX:
            _starting.clear()
        by_reading = _by_reading[0][1]
        found = _starting[prefixes] = frozenset(ch for r in prefixes for ch in by_reading.get(r, ()))
    return found


def _readings_among(
    w: str, readings: dict[str, frozenset[str]], keys: set[str], prefixes: AbstractSet[str]
) -> tuple[str, ...]:
    """The ``keys`` that ``w`` can be read as, one reading per character: the same answer
    as :meth:`Gazetteer.sounds_like` for each key, for all keys at once (readings are
    joined only while they stay a prefix of some key)."""
    partial = {""}
    for ch in w:
        rs = readings.get(ch)
        if not rs:
            return ()
        partial = {p + r for p in partial for r in rs if p + r in prefixes}
        if not partial:
            return ()
    return tuple(k for k in partial if k in keys)


class _EnSoundAlikes:
    """English words that sound like a missing Chinese name but are another place
    ('Shanxi' for 陕西) or plain pinyin of it ('Huhehaote' for 呼和浩特).

    Indexed once per pair by toneless key (mentions and capitalised words), so that each
    missing name looks up its own keys instead of rescanning the whole English text.
    """

    def __init__(
        self, en_text: str, gaz: Gazetteer, en_all: list[EnMention], zh_codes: set[str]
    ) -> None:
        self._text = en_text
        self._gaz = gaz
        self._mentions = en_all
        self._zh_codes = zh_codes
        self._by_key: dict[str, list[int]] | None = None  # built on first use
        self._words: dict[str, list[tuple[int, int]]] = {}

    def _build(self) -> dict[str, list[int]]:
        by_key: dict[str, list[int]] = {}
        for i, m in enumerate(self._mentions):
            if m.person or any(p.code in self._zh_codes for p in m.places):
                continue  # the Chinese side names that place too: not a confusion
            for k in {en_key("".join(m.tokens)), *(p.key for p in m.places)}:
                by_key.setdefault(k, []).append(i)
        # capitalised words that are not a place's one-word English name, by key
        for mt in EN_WORD.finditer(analysis_view(self._text)):
            w = mt.group(0)
            if not w[:1].isupper():
                continue
            k = en_key(w)
            if not self._gaz.by_en.get((k,)):
                self._words.setdefault(k, []).append((mt.start(), mt.end()))
        self._by_key = by_key
        return by_key

    def find(self, senses: tuple[Place, ...]) -> list[tuple[int, int, str, tuple[Place, ...]]]:
        """Mentions that read as a sense (in order), then loose words that do (in order)
        and overlap none of those mentions."""
        keys = {p.key for p in senses if p.key}
        wanted_en = {en_key(n) for p in senses for n in p.en}
        by_key = self._by_key if self._by_key is not None else self._build()
        hits = sorted({i for k in keys for i in by_key.get(k, ())})
        out = [(m.start, m.end, m.text, m.places) for m in (self._mentions[i] for i in hits)]
        # mentions are disjoint and in order: the last one starting before a word's end is
        # the only one that can overlap it; words never overlap each other
        starts = [s for s, _, _, _ in out]
        ends = [e for _, e, _, _ in out]
        loose = sorted(span for k in keys - wanted_en for span in self._words.get(k, ()))
        for s, e in loose:
            j = bisect_left(starts, e) - 1
            if j >= 0 and ends[j] > s:
                continue
            out.append((s, e, self._text[s:e], ()))
        return out


class _SubstitutionZh:
    """Issues for places the Chinese target names instead of the missing source places;
    what they share (the missing names, the expected forms) is worked out once."""

    def __init__(self, missing: list[tuple[EnMention, tuple[Place, ...]]], n_extras: int) -> None:
        self._missing = missing
        self._srcs = " and ".join(f"'{m.text}'" for m, _ in missing)
        self._intended = min(_rank(p) for _, senses in missing for p in senses)
        self._pairing = max(len(missing), n_extras)
        self._expected: dict[bool, tuple[str, ...]] = {}

    def _expected_for(self, traditional: bool) -> tuple[str, ...]:
        if traditional not in self._expected:
            self._expected[traditional] = _unique(
                _zh_form(p, traditional) for _, senses in self._missing
                for p in _main_senses(senses)
            )  # fmt: skip
        return self._expected[traditional]

    def issue(self, zh_side: Side, zh_text: str, z: str, o: ZhMention) -> Issue:
        span_end = o.start + len(o.places[0].zh_short) if o.full and o.places[0].zh_short else o.end
        traditional = zh_text[o.start : span_end] != z[o.start : span_end]
        expected = self._expected_for(traditional)
        return Issue("substitution", zh_side, o.start, span_end, self._srcs, expected,
                     _ordered(o.places)[0].name, self._intended, min(_rank(p) for p in o.places),
                     expected[0] if len(self._missing) == 1 else None,
                     pairing=self._pairing)  # fmt: skip


def _codes_and_ancestors(gaz: Gazetteer, places: Iterable[Place]) -> set[str]:
    """Codes of ``places`` and of every division containing one: ``p`` contains some place
    of ``places`` (or is one) exactly when ``p.code`` is in this set."""
    out: set[str] = set()
    for q in {q.code: q for q in places}.values():
        out.add(q.code)
        out.update(a.code for a in gaz.ancestors(q))
    return out


def _not_context(gaz: Gazetteer, missing: list, named_both: list[Place]) -> list:
    """Drop missing places that contain a place both sides name: leaving out the province
    of a city ("Xi'an, Shaanxi" -> 西安) is normal, not an omission worth a finding."""
    around = {a.code for q in {q.code: q for q in named_both}.values() for a in gaz.ancestors(q)}
    return [(m, senses) for m, senses in missing if not any(p.code in around for p in senses)]


__all__ = ["Issue", "PlacesCheck"]
