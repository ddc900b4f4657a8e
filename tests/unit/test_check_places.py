"""The places check: homophones, substitutions and missing places, both directions,
simplified and traditional; and the traps that must stay quiet."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.places import PlacesCheck
from transreview.model import Pair, Severity
from transreview.text.analysis import analyse
from transreview.text.chinese import to_simplified

ROOT = Path(__file__).resolve().parents[2]
CHECK = PlacesCheck()


CRIT, MAJ, MIN = Severity.CRITICAL, Severity.MAJOR, Severity.MINOR

# (pair, side, start, text, suggestion, severity, words the message must contain)
FIRES = [
    # (b) homophone, a real province for another: critical
    pytest.param(
        en_zh("Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。"),
        "target",
        3,
        "陕西",
        "山西",
        CRIT,
        ["'Shanxi' is 山西", "陕西 is Shaanxi"],
        id="shanxi-as-shaanxi",
    ),
    pytest.param(
        en_zh("Jincheng is a city in Shanxi.", "晉城是陝西的一個城市。"),
        "target",
        3,
        "陝西",
        "山西",
        CRIT,
        ["陝西 is Shaanxi"],
        id="shanxi-as-shaanxi-traditional",
    ),
    pytest.param(
        en_zh("Shaanxi is in the northwest.", "山西在西北。"),
        "target",
        0,
        "山西",
        "陕西",
        CRIT,
        ["'Shaanxi' is 陕西", "山西 is Shanxi"],
        id="shaanxi-as-shanxi",
    ),
    pytest.param(
        en_zh("the Shanxi Provincial Development Reform Commission", "陕西省发展改革委"),
        "target",
        0,
        "陕西",
        "山西",
        CRIT,
        ["陕西 is Shaanxi"],
        id="inside-full-name",
    ),
    # counts: two "Shanxi", one 山西 and one 陕西
    pytest.param(
        en_zh("Wyoming and Shanxi, and Shanxi officials.", "怀俄明州和山西，以及陕西官员。"),
        "target",
        10,
        "陕西",
        "山西",
        CRIT,
        ["陕西 is Shaanxi"],
        id="one-wrong-among-right",
    ),
    # (b) homophone that is no division: major
    pytest.param(
        en_zh("officials in Shanghai, Shenzhen, and Jincheng", "上海,深圳,金城高级官员"),
        "target",
        6,
        "金城",
        "晋城",
        MAJ,
        ["'Jincheng' is 晋城", "金城 only sounds like it"],
        id="jincheng-as-jincheng-homophone",
    ),
    pytest.param(
        en_zh("officials in Shanghai, Shenzhen, and Jincheng", "上海、深圳、金城高級官員"),
        "target",
        6,
        "金城",
        "晋城",
        MAJ,
        ["金城 only sounds like it"],
        id="jincheng-traditional",
    ),
    # Chinese source: the English is the homophone
    pytest.param(
        zh_en("晋城是陕西的一个城市。", "Jincheng is a city in Shanxi."),
        "target",
        22,
        "Shanxi",
        "Shaanxi",
        CRIT,
        ["'陕西' is Shaanxi", "'Shanxi' is 山西"],
        id="zh-en-shaanxi-as-shanxi",
    ),
    pytest.param(
        zh_en("晉城是陝西的一個城市。", "Jincheng is a city in Shanxi."),
        "target",
        22,
        "Shanxi",
        "Shaanxi",
        CRIT,
        ["'陝西' is Shaanxi"],
        id="zh-en-traditional",
    ),
    pytest.param(
        zh_en("山西在西北。", "Shaanxi is in the northwest."),
        "target",
        0,
        "Shaanxi",
        "Shanxi",
        CRIT,
        ["'山西' is Shanxi", "'Shaanxi' is 陕西"],
        id="zh-en-shanxi-as-shaanxi",
    ),
    pytest.param(
        zh_en("会议在呼和浩特举行。", "The meeting was held in Huhehaote."),
        "target",
        24,
        "Huhehaote",
        "Hohhot",
        MIN,
        ["plain pinyin"],
        id="zh-en-pinyin-not-official",
    ),
    # (c) substitution: one city for another
    pytest.param(
        en_zh("Xi'an is the capital of Shaanxi.", "西宁是陕西的省会。"),
        "target",
        0,
        "西宁",
        "西安",
        CRIT,
        ["'Xi'an' (西安) is missing", "西宁 is Xining"],
        id="xian-as-xining",
    ),
    pytest.param(
        en_zh("Xi'an is the capital of Shaanxi.", "西寧是陝西的省會。"),
        "target",
        0,
        "西寧",
        "西安",
        CRIT,
        ["西寧 is Xining"],
        id="xian-as-xining-traditional",
    ),
    pytest.param(
        en_zh("The meeting took place in Harbin.", "会议在北京举行。"),
        "target",
        3,
        "北京",
        "哈尔滨",
        CRIT,
        ["'Harbin' (哈尔滨) is missing", "北京 is Beijing"],
        id="harbin-as-beijing",
    ),
    pytest.param(
        zh_en("西宁是陕西的省会。", "Xi'an is the capital of Shaanxi."),
        "target",
        0,
        "Xi'an",
        "Xining",
        CRIT,
        ["'西宁' (Xining) is missing", "'Xi'an' is 西安"],
        id="zh-en-xining-as-xian",
    ),
    # a city rendered as a province it is not in: a substitution, but not like for like
    pytest.param(
        zh_en("他访问了陕西安康。", "He visited Xi'an."),
        "target",
        11,
        "Xi'an",
        "Shaanxi",
        MAJ,
        ["'陕西' (Shaanxi) is missing"],
        id="zh-en-xian-trap-translated",
    ),
    # (a) absent, nothing to blame: minor, on the source side
    pytest.param(
        en_zh("He visited Xi'an.", "他访问了陕西安康。"),
        "source",
        11,
        "Xi'an",
        "西安",
        MIN,
        ["'Xi'an' (西安) not found"],
        id="xian-not-inside-shaanxi-ankang",
    ),
    pytest.param(
        zh_en("代表团访问了忻州。", "The delegation visited the city."),
        "source",
        6,
        "忻州",
        "Xinzhou",
        MIN,
        ["'忻州' (Xinzhou) not found"],
        id="zh-en-missing",
    ),
]


@pytest.mark.parametrize(
    ("pair", "side", "start", "text", "suggestion", "severity", "words"), FIRES
)
def test_fires(pair, side, start, text, suggestion, severity, words) -> None:
    findings = CHECK.run(pair)
    assert len(findings) == 1, findings
    f = findings[0]
    assert (f.check, f.category) == ("places", "Terminology")
    assert (f.side, f.start, f.end, f.text) == (side, start, start + len(text), text)
    assert pair.text(side)[f.start : f.end] == text
    assert f.suggestion == suggestion
    assert f.severity is severity
    for w in words:
        assert w in f.message, f.message


QUIET = [
    # correct renderings
    en_zh("Shaanxi is in the northwest.", "陕西在西北。"),
    en_zh("Jincheng is a city in Shanxi.", "晋城是山西的一个城市。"),
    en_zh("Jincheng is a city in Shanxi.", "晉城是山西的一個城市。"),
    en_zh("Shanxi and Shaanxi are neighbours.", "山西和陕西是邻居。"),
    en_zh("Hohhot is the capital of Inner Mongolia.", "呼和浩特是内蒙古的首府。"),
    en_zh("We visited Hong Kong and Macao.", "我们访问了香港和澳门。"),
    en_zh("Xi'an is the capital of Shaanxi.", "西安是陕西的省会。"),
    zh_en("晋城是山西的一个城市。", "Jincheng is a city in Shanxi."),
    zh_en("陝西在西北。", "Shaanxi is in the northwest."),
    zh_en("呼和浩特是内蒙古的首府。", "Hohhot is the capital of Inner Mongolia."),
    # 西安 is not inside 陕西安康
    en_zh("He visited Ankang, Shaanxi.", "他访问了陕西安康。"),
    zh_en("他访问了陕西安康。", "He visited Ankang, Shaanxi."),
    # several places share one English name: any of them satisfies it
    en_zh("We went to Yulin.", "我们去了榆林。"),
    en_zh("We went to Yulin.", "我们去了玉林。"),
    zh_en("我们去了玉林。", "We went to Yulin."),
    en_zh("We went to Fuzhou and Taizhou.", "我们去了抚州和泰州。"),
    en_zh("We went to Fuzhou and Taizhou.", "我们去了福州和台州。"),
    en_zh("The delegation visited Tongren.", "代表团访问了同仁。"),
    en_zh("The delegation visited Tongren.", "代表团访问了铜仁市。"),
    # not Chinese places
    en_zh("Teton County, Wyoming and the Town of Jackson.", "怀俄明州提顿县和杰克逊镇。"),
    en_zh("Wyoming and Jackson.", "陕西。"),
    # acronyms and people, not places
    en_zh("The ABA met in Paris.", "美国律师协会在巴黎开会。"),
    en_zh("Changhua Wu met Jisheng Zhang.", "吴昌华会见了张吉生。"),
    en_zh("Director Zhang Xinzhou spoke.", "张新州主任讲话。"),
    # a county name counts only with its designation; landmarks are not divisions
    en_zh("The Wutai Shan partnership.", "五台山的合作伙伴关系。"),
    # places named in the target only, while no source place is missing
    en_zh("Taiyuan is a big city.", "山西太原是一个大城市。"),
    en_zh("He visited Xi'an.", "他访问了陕西西安。"),
    en_zh("Xi'an, Shaanxi", "陕西西安"),
    zh_en("他访问了陕西西安。", "He visited Xi'an."),
    zh_en("他访问了陕西省西安市。", "He visited Xi'an."),
    zh_en("欢迎各位来宾。", "Welcome, guests."),  # 来宾 (Laibin) is also "guest"
    zh_en("祝您安康。", "Good health to you."),  # 安康 (Ankang) is also "good health"
    # a province left out where its city is named
    en_zh("Xi'an, Shaanxi, is old.", "西安很古老。"),
    # empty sides and pairs with no Chinese side
    en_zh("Jincheng is a city in Shanxi.", ""),
    en_zh("", "晋城是陕西的一个城市。"),
    Pair("t", "Shanxi", "Shaanxi", src_lang="en", tgt_lang="en"),
]


@pytest.mark.parametrize("pair", QUIET, ids=lambda p: f"{p.source[:24]}|{p.target[:12]}")
def test_quiet(pair: Pair) -> None:
    assert CHECK.run(pair) == []


def test_measure_is_picklable_and_judge_is_separate() -> None:
    pair = en_zh("Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。")
    raw = pickle.loads(pickle.dumps(CHECK.measure(pair, analyse(pair))))
    assert [f.text for f in CHECK.judge(pair, raw)] == ["陕西"]


def test_signature() -> None:
    assert CHECK.signature() == "places@2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("晉城是陝西的一個城市", "晋城是陕西的一个城市"), ("山西", "山西"), ("", "")],
)
def test_to_simplified_keeps_length(text: str, expected: str) -> None:
    out = to_simplified(text)
    assert out == expected and len(out) == len(text)


def test_shanxi_page() -> None:
    """The seed page: exactly 陕西 (critical) and 金城 (major), nothing else."""
    from transreview.formats import read_inputs

    found = []
    for pair in read_inputs([ROOT / "corpora" / "jhcga-shanxi-2016.txt"]):
        for f in CHECK.run(pair):
            assert pair.text(f.side)[f.start : f.end] == f.text
            found.append((f.text, f.suggestion, f.severity))
    assert sorted(found) == sorted([("陕西", "山西", CRIT), ("金城", "晋城", MAJ)])


def test_ningxia_page_is_quiet() -> None:
    """No Chinese at all: nothing for this check (the omission check reports it)."""
    from transreview.formats import read_inputs

    pairs = list(read_inputs([ROOT / "corpora" / "climate-group-ningxia-2012.txt"]))
    assert pairs
    assert [f for p in pairs for f in CHECK.run(p)] == []


# --- lazy word boundaries are exactly jieba's whole-text cut ------------------------------

_BOUNDARY_TEXTS = [
    "晋城是陕西的一个城市。",
    "JHCGA前往山西太原,从9月3日至11日,作为陕西省发展改革委客人PDRC参加中国国际能源产业博览会。",
    "  菲尔·卡梅伦,节能工程的执行董事\r\n介绍了ECW的做法在会议上的“低碳城市”  ",
    "杰克逊 - 忻州市可持续能源伙伴关系。 JHCGA会见了市委领导",
    "",
    "...,,,",
    "陕西西安和山西太原 3.5% U.S. 𠀀西安",
]


def _eager_boundaries(z: str, gaz) -> tuple[set[int], dict[int, int]]:
    """The reference: cut the whole text with jieba at once (what the check used to do)."""
    from transreview.text.place_mentions import decompose
    from transreview.text.segment import project_tokenizer

    bounds: set[int] = set()
    word_end: dict[int, int] = {}
    for span in project_tokenizer().words(z):
        bounds.update((span.start, span.end))
        word_end[span.start] = span.end
        if span.end - span.start >= 3:
            bounds.update(span.start + k for k in decompose(z[span.start : span.end], gaz))
    return bounds, word_end


@pytest.mark.parametrize("text", _BOUNDARY_TEXTS)
def test_lazy_boundaries_equal_whole_text_cut(text):
    from transreview.text.gazetteer import load
    from transreview.text.place_mentions import WordBoundaries
    from transreview.text.segment import project_tokenizer

    gaz = load()
    bounds, word_end = _eager_boundaries(text, gaz)
    # asked position by position (in a scrambled order), then all at once
    lazy = WordBoundaries(text, gaz, project_tokenizer())
    for i in sorted(range(len(text) + 2), key=lambda k: (k * 7919) % (len(text) + 3)):
        assert (i in lazy) == (i in bounds), i
        assert lazy.word_end(i) == word_end.get(i, 0), i
    assert WordBoundaries(text, gaz, project_tokenizer()).all() == sorted(bounds)


# --- dense segments: thousands of names in one segment, checked in near-linear time ------
#
# Readers allow segments of up to 131,072 characters; a list of names that long used to
# cost minutes (every boundary of the target was tried against every claimed name, once
# per name missing its count). The bound below is generous: the check takes under 0.2 s
# for these segments; the quadratic code took about 9 s (en->zh blocks) and 10 s
# (distinct names).

DENSE_SECONDS = 2.0
_EN_BLOCK = "Taiyuan, Datong, Jincheng, Xinzhou, Shanxi, Jincheng, Shanxi. "
_ZH_BLOCK = "太原、大同、金城、忻州、陕西、晋城、山西。"


def _timed(pair: Pair):
    """Findings and the CPU seconds this process spent on them: CPU time, not wall time, so
    other load on the machine (a parallel build, CI neighbours) cannot fail the bound, which
    is there to catch quadratic work (424 s once, 0.3 s now)."""
    import time

    CHECK.run(en_zh("Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。"))  # warm up
    t0 = time.process_time()
    findings = CHECK.run(pair)
    return findings, time.process_time() - t0


def test_dense_block_small_by_hand() -> None:
    """One block: Jincheng twice but 晋城 once, so the sound-alike 金城 (chars 6-8) is the
    missing one; Shanxi twice but 山西 once, so 陕西 (chars 12-14) is. Groups are reported
    in the order the source first names them: Jincheng, then Shanxi."""
    assert len(_ZH_BLOCK) == 21
    findings = CHECK.run(en_zh(_EN_BLOCK.strip(), _ZH_BLOCK))
    assert [(f.start, f.end, f.text, f.suggestion, f.severity) for f in findings] == [
        (6, 8, "金城", "晋城", MAJ),
        (12, 14, "陕西", "山西", CRIT),
    ]


def test_dense_segment_en_zh_is_fast_and_exact() -> None:
    """1,000 blocks (7,000 names a side, 62,000 + 21,000 characters): per block the same
    two errors as above, at 6 and 12 past the block's start (blocks are 21 characters
    long); all the 金城 first (the Jincheng group), then all the 陕西 (the Shanxi group)."""
    k = 1000
    findings, seconds = _timed(en_zh(_EN_BLOCK * k, _ZH_BLOCK * k))
    assert seconds < DENSE_SECONDS, seconds
    spans = [(f.start, f.end, f.text) for f in findings]
    assert spans == [(21 * i + 6, 21 * i + 8, "金城") for i in range(k)] + [
        (21 * i + 12, 21 * i + 14, "陕西") for i in range(k)
    ]
    assert {f.severity for f in findings[:k]} == {MAJ}
    assert {f.severity for f in findings[k:]} == {CRIT}


def test_dense_segment_zh_en_is_fast_and_exact() -> None:
    """The other direction, traditional: each block's 陝西 is rendered "Shanxi", which is
    27 characters into each 44-character English block; nothing else is wrong."""
    k = 500
    en_block = "Taiyuan, Datong, Jincheng, Shanxi, Xinzhou. "
    assert len(en_block) == 44 and en_block.index("Shanxi") == 27
    findings, seconds = _timed(zh_en("太原、大同、晉城、陝西、忻州。" * k, en_block * k))
    assert seconds < DENSE_SECONDS, seconds
    assert [(f.side, f.start, f.end, f.text, f.suggestion) for f in findings] == [
        ("target", 44 * i + 27, 44 * i + 33, "Shanxi", "Shaanxi") for i in range(k)
    ]
    assert {f.severity for f in findings} == {CRIT}


def _distinct_cities():
    """Prefecture-level cities with one English name each and a Chinese short name
    (about 220 of them)."""
    from transreview.text.gazetteer import PREFECTURE, load

    gaz = load()
    out = [
        p
        for p in gaz.places
        if p.level == PREFECTURE and p.zh_short and not p.common and len(gaz.places_en(p.name)) == 1
    ]
    assert len(out) >= 200
    return out


def test_dense_distinct_names_short_are_fast_and_quiet() -> None:
    """Some 220 different cities, each named sixteen times in the source and eight times
    in the target (about 3,600 and 1,800 names): every name is short by eight, so each is
    searched for a sound-alike, but every Chinese name is one the source claims and the
    separators are not Chinese, so there is nothing to blame; and none is wholly missing.
    Both directions."""
    cities = _distinct_cities()
    en_list = ", ".join(p.name for p in cities) + ". "
    zh_list = "、".join(p.zh for p in cities) + "。"
    findings, seconds = _timed(en_zh(en_list * 16, zh_list * 8))
    assert findings == []
    assert seconds < DENSE_SECONDS, seconds

    findings, seconds = _timed(zh_en(zh_list * 16, en_list * 8))
    assert findings == []
    assert seconds < DENSE_SECONDS, seconds


def test_readings_index_agrees_with_sounds_like() -> None:
    """The sound-alike index reads each window once for all keys; it must answer exactly
    as ``Gazetteer.sounds_like`` does key by key (polyphonic 长/重/行, no reading for 、)."""
    from transreview.checks.places import _readings_among
    from transreview.text.gazetteer import load

    gaz = load()
    text = "金城陕西山西晋城新州忻州长治重庆行唐大通大同西宁西安、呼和浩特乌鲁木齐太原"
    assert gaz.sounds_like("金城", "jincheng") and not gaz.sounds_like("金城", "jinzhou")
    checked = 0
    for n in (2, 3, 4):
        keys = {p.key for p in gaz.places if p.key and len(p.zh) == n}
        prefixes = {k[:i] for k in keys for i in range(len(k) + 1)}
        for i in range(len(text) - n + 1):
            w = text[i : i + n]
            expected = {k for k in keys if gaz.sounds_like(w, k)}
            assert set(_readings_among(w, gaz.readings, keys, prefixes)) == expected, w
            checked += len(expected)
    # not only misses: at least the 13 two-character names (金城 as jincheng, 新州 as
    # xinzhou ...) and 呼和浩特, 乌鲁木齐 read as some key
    assert checked >= 15


# Swapped sound-alike names (issue 10): both present once, in the wrong places.
SWAPS = [
    pytest.param(en_zh("The governor of Shanxi met officials from Shaanxi.", "陕西省长会见了山西的官员。"),
                 [(0, "陕西", "'Shanxi' (山西)"), (7, "山西", "'Shaanxi' (陕西)")], id="simplified"),
    pytest.param(en_zh("The governor of Shanxi met officials from Shaanxi.", "陝西省長會見了山西的官員。"),
                 [(0, "陝西", "'Shanxi' (山西)"), (7, "山西", "'Shaanxi' (陝西)")], id="traditional"),
]  # fmt: skip


@pytest.mark.parametrize(("pair", "expected"), SWAPS)
def test_swapped_sound_alike_names_are_found_by_position(pair: Pair, expected: list) -> None:
    found = sorted(CHECK.run(pair), key=lambda f: f.start)
    assert [(f.start, f.text) for f in found] == [(s, t) for s, t, _ in expected]
    for f, (_, _, words) in zip(found, expected, strict=True):
        assert (f.side, f.severity, f.suggestion) == ("target", MAJ, None)
        assert words in f.message and "swapped" in f.message


SWAP_QUIET = [
    pytest.param(en_zh("The governor of Shanxi met officials from Shaanxi.", "山西省长会见了陕西的官员。"), id="right-order"),
    # Chinese puts the place of the meeting first: the order changes, the names do not.
    pytest.param(en_zh("He met officials from Shaanxi in Shanxi.", "他在山西会见了陕西官员。"), id="fronted-place-of-meeting"),
    pytest.param(en_zh("Shanxi signed an agreement. Officials from Shaanxi came too.",
                       "陕西的官员也来了。山西签署了协议。"), id="different-sentences"),
]  # fmt: skip


@pytest.mark.parametrize("pair", SWAP_QUIET)
def test_no_swap_when_names_keep_their_places(pair: Pair) -> None:
    assert [f for f in CHECK.run(pair) if "swapped" in f.message] == []


# zh→en false alarms seen on expert-annotated MT (issue 14); strings written for this test.
QUIET_ZH_EN_WORDS = [
    # 城区/郊区/矿区/东区: districts with no short name, and ordinary words for an area
    zh_en("我住在城区，不在郊区。", "I live in the town centre, not in the suburbs."),
    zh_en("老矿区已经关闭了。", "The old mining area has closed."),
    # 阿里 (Ngari) is also the name Ali and short for Alibaba
    zh_en("阿里是我的朋友。", "Ali is my friend."),
    zh_en("他在阿里工作了十年。", "He worked at Alibaba for ten years."),
    # an upper-case name is the name (a heading, a sign)
    zh_en("欢迎来到北京", "WELCOME TO BEIJING"),
    zh_en("我们去了北京。", "We went to BEIJING."),
    # a demonym names its place
    zh_en("他是台湾人。", "He is Taiwanese."),
    zh_en("上海话很难学。", "Shanghainese is hard to learn."),
]


@pytest.mark.parametrize("pair", QUIET_ZH_EN_WORDS, ids=lambda p: p.source)
def test_quiet_zh_en_words_and_forms(pair: Pair) -> None:
    assert CHECK.run(pair) == []


def test_upper_case_place_still_compared() -> None:
    """An upper-case English name is read as the name: another city in its place is still found."""
    (f,) = CHECK.run(zh_en("欢迎来到北京", "WELCOME TO SHANGHAI"))
    assert f.text == "SHANGHAI"
    assert "Beijing" in f.message
