"""Countries and capital cities, by English and Chinese name: loaded once, two scanners.

The data (``data/gazetteer/world.tsv``) is generated at development time by
``scripts/build_world_places.py`` from Unicode CLDR territory names (the standard Chinese
names: 奥地利 Austria, 澳大利亚 Australia) and CC-CEDICT capitals ("Stockholm, capital of
Sweden"); nothing is downloaded at run time. China and its divisions are not in it: the
Chinese gazetteer (:mod:`transreview.text.gazetteer`) covers them.

English mentions are names as written, with their capitals, on word boundaries: "Austria"
is found in "Vienna, Austria" and not in "Austrian wine"; "turkey" (the bird) and "china"
(porcelain) are not names. Chinese mentions are found longest first, so 赤道几内亚 is
Equatorial Guinea and not Guinea, 罗马尼亚 Romania and not Rome; a few longer words that hold
a name without being that place (新墨西哥 New Mexico, 马里兰 Maryland) are read as what they
are and yield no mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from transreview.text.numbers.quantity import trie_pattern

COUNTRY, CAPITAL = "country", "capital"

#: Chinese words that contain a country's or capital's name and are another place.
NOT_PLACES = (
    "新墨西哥",  # New Mexico, not Mexico
    "马里兰",  # Maryland, not Mali
    "新几内亚",  # New Guinea (the island), not Guinea
    "新泽西",  # New Jersey
    "新喀里多尼亚岛",
    "印第安",  # Indian (American), not India
    "圣地亚哥-德孔波斯特拉",
)

#: Names that are often something else in English running text (Georgia the US state,
#: Jordan and Chad as given names, Hamilton, Victoria, Sofia; Cayenne pepper; Male): never
#: read as a mention, though a target that has them still counts as naming the place.
AMBIGUOUS_EN = frozenset(
    ("Georgia", "Jordan", "Chad", "Jersey", "Man", "Hamilton", "Victoria", "Kingston", "Sofia",
     "Cayenne", "Malé", "Nassau", "Georgetown", "Santiago", "San Juan", "Washington")
)  # fmt: skip

#: English names that contain a country's name and are another place.
NOT_PLACES_EN = ("New Mexico", "New Guinea", "New Jersey")


@dataclass(frozen=True, slots=True)
class WorldPlace:
    """A country or a capital city: ``code`` is the ISO 3166-1 code of the country."""

    kind: str
    code: str
    en: tuple[str, ...]
    zh: tuple[str, ...]

    @property
    def key(self) -> str:
        """Identity of the place: kind and code (a country has several capitals rarely)."""
        return f"{self.kind}:{self.code}:{self.en[0]}"

    @property
    def name(self) -> str:
        return self.en[0]


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a text: the places it may be (one, or two when a name is shared)."""

    start: int
    end: int
    places: tuple[int, ...]


class World:
    """Read-only scanners over the places; build it with :func:`load_world`."""

    def __init__(self, places: list[WorldPlace]) -> None:
        self.places = places
        en_index: dict[str, list[int]] = {}
        zh_index: dict[str, list[int]] = {}
        for i, p in enumerate(places):
            for n in p.en:
                en_index.setdefault(n, []).append(i)
            for n in p.zh:
                zh_index.setdefault(n, []).append(i)
        for n in NOT_PLACES:
            zh_index.setdefault(n, [])
        for n in NOT_PLACES_EN:
            en_index.setdefault(n, [])
        for n in AMBIGUOUS_EN:
            en_index[n] = []
        self.en_index = en_index
        self.zh_index = zh_index
        # Whole words: not "Austrian", not "en-US", not "Guinea" of "Guinea-Bissau". The names
        # as a trie (trie_pattern): at each position the longest name that ends a word, as
        # the alternation of all names longest first would find it, without trying every
        # name at every capital letter.
        self.en_rx = re.compile(r"(?<![\w\-])(?=[^\W\d_a-z])" + trie_pattern(list(en_index)) + r"(?![\w])(?!-\w)")
        # Chinese names longest first, left to right, as a trie too: at each position the
        # longest name there, and the scan goes on after it (a name of NOT_PLACES included).
        self.zh_rx = re.compile(trie_pattern(list(zh_index)))

    def english(self, text: str) -> list[Mention]:
        """Names in an English text (case as written)."""
        return [
            Mention(m.start(), m.end(), tuple(self.en_index[m.group()]))
            for m in self.en_rx.finditer(text)
            if self.en_index[m.group()]
        ]

    def chinese(self, simple: str) -> list[Mention]:
        """Names in a Chinese text in simplified characters, longest first, left to right."""
        index = self.zh_index
        return [
            Mention(m.start(), m.end(), tuple(index[m.group()]))
            for m in self.zh_rx.finditer(simple)
            if index[m.group()]
        ]


def _parse(text: str) -> list[WorldPlace]:
    places = []
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        kind, code, en, zh = line.split("\t")
        places.append(WorldPlace(kind, code, tuple(en.split("|")), tuple(zh.split("|"))))
    return places


@lru_cache(maxsize=1)
def load_world() -> World:
    """The countries and capitals, built once per process."""
    path = files("transreview") / "data" / "gazetteer" / "world.tsv"
    return World(_parse(path.read_text(encoding="utf-8")))


__all__ = ["CAPITAL", "COUNTRY", "Mention", "World", "WorldPlace", "load_world"]
