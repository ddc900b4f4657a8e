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


# What en_rx's look-ahead accepts as a name's first character, and where a name may end (its
# look-aheads after the name).
_EN_CAN_START = re.compile(r"[^\W\d_a-z]")
_EN_NAME_END = re.compile(r"(?![\w])(?!-\w)")


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
        names = sorted(en_index, key=len, reverse=True)
        # Whole words: not "Austrian", not "en-US", not "Guinea" of "Guinea-Bissau".
        self.en_rx = re.compile(r"(?<![\w\-])(?=[^\W\d_a-z])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])(?!-\w)")
        # The same search as a look-up (see english): the names by their first two characters
        # (every name has two or more), longest first.
        self.en_by_start: dict[str, list[str]] = {}
        for n in names:
            self.en_by_start.setdefault(n[:2], []).append(n)
        # Where en_rx may begin a name: a first character of a name that en_rx's look-ahead
        # accepts (a capital or a non-ASCII letter), and its look-behind; led by the
        # character class, so the engine skips to the few candidates.
        firsts = sorted({n[0] for n in names if _EN_CAN_START.fullmatch(n[0])})
        self.en_start = re.compile("[" + re.escape("".join(firsts)) + r"](?<![\w\-].)")
        self.zh_by_first: dict[str, list[str]] = {}
        for n in sorted(zh_index, key=len, reverse=True):
            self.zh_by_first.setdefault(n[0], []).append(n)
        # the characters a Chinese name begins with: the scan jumps from one to the next
        self.zh_first = re.compile("[" + re.escape("".join(sorted(self.zh_by_first))) + "]")

    def english(self, text: str) -> list[Mention]:
        """Names in an English text (case as written).

        What ``en_rx.finditer`` finds, found by looking up each word start's character
        among the names (by two characters) rather than trying the pattern's hundreds of branches there: at a
        word start (where en_rx's look-behind and look-ahead hold) the longest name that
        begins there and ends where a name may end; a match is passed over by the next.
        """
        found: list[Mention] = []
        end = 0
        by_start = self.en_by_start
        for m in self.en_start.finditer(text):
            p = m.start()
            if p < end:
                continue
            for n in by_start.get(text[p : p + 2], ()):
                if text.startswith(n, p) and _EN_NAME_END.match(text, p + len(n)):
                    end = p + len(n)
                    places = self.en_index[n]
                    if places:
                        found.append(Mention(p, end, tuple(places)))
                    break
        return found

    def chinese(self, simple: str) -> list[Mention]:
        """Names in a Chinese text in simplified characters, longest first, left to right."""
        found: list[Mention] = []
        by_first = self.zh_by_first
        search = self.zh_first.search
        at = search(simple)
        while at is not None:  # a position no name begins at is passed over, as by i += 1
            i = at.start()
            name = next((t for t in by_first[at.group()] if simple.startswith(t, i)), None)
            if name is None:
                at = search(simple, i + 1)
                continue
            places = self.zh_index[name]
            if places:
                found.append(Mention(i, i + len(name), tuple(places)))
            at = search(simple, i + len(name))
        return found


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
