"""The gazetteer: shipped data, indexes, homophone readings, and the build script's rules."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from transreview.text.gazetteer import PREFECTURE, PROVINCE, en_key, en_tokens, load

ROOT = Path(__file__).resolve().parents[2]


def _build_module():
    """The build script as a module (its pure helpers need none of the data packages)."""
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteer", mod)  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


BUILD = _build_module()


def codes(places) -> set[str]:
    return {p.code for p in places}


def test_loaded_once() -> None:
    assert load() is load()


def test_data_is_complete_and_consistent() -> None:
    gaz = load()
    levels = [p.level for p in gaz.places]
    assert levels.count(PROVINCE) == 34
    assert levels.count(PREFECTURE) == 333
    assert len(gaz.places) > 3000
    for p in gaz.places:
        assert p.en and all(p.en), p.code
        assert p.level in (1, 2, 3)
        assert (p.parent == "") == (p.level == PROVINCE), p.code
        assert p.parent == "" or p.parent in gaz.by_code, p.code
        assert p.key == en_key(p.pinyin), p.code
        assert len(p.zh_trad_full) == len(p.zh_full), p.code


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Shanxi", {"140000"}),
        ("Shaanxi", {"610000"}),  # override: not pinyin
        ("Yulin", {"450900", "610800"}),  # 玉林 (Guangxi) and 榆林 (Shaanxi)
        ("Fuzhou", {"350100", "361000"}),  # 福州 and 抚州
        ("Hohhot", {"150100"}),
        ("Ürümqi", {"650100"}),
        ("Urumqi", {"650100"}),
        ("Inner Mongolia", {"150000"}),
        ("Tibet", {"540000"}),
        ("Xizang", {"540000"}),
        ("Hong Kong", {"810000"}),
        ("Macao", {"820000"}),
        ("Macau", {"820000"}),
        ("Harbin", {"230100"}),
        ("Wyoming", set()),
        ("Jackson", set()),
        ("Huhehaote", set()),  # pinyin of Hohhot is not its English name
    ],
)
def test_english_index(english: str, expected: set[str]) -> None:
    found = codes(load().places_en(english))
    if expected:
        assert expected <= found
        assert all(load().by_code[c].level <= PREFECTURE for c in expected)
    else:
        assert found == set()


@pytest.mark.parametrize(
    ("english", "other_sense_level"),
    [("Jincheng", None), ("Xinzhou", 3), ("Tongren", 3)],
)
def test_english_multi_sense(english: str, other_sense_level: int | None) -> None:
    """Jincheng is only 晋城; Xinzhou is 忻州 and two districts; Tongren 铜仁 and 同仁."""
    places = load().places_en(english)
    assert min(p.level for p in places) == PREFECTURE
    levels = sorted(p.level for p in places)
    assert (levels[1:2] == [other_sense_level]) if other_sense_level else len(places) == 1


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("山西", "140000"),
        ("山西省", "140000"),
        ("陕西", "610000"),
        ("陝西", "610000"),  # traditional
        ("陝西省", "610000"),
        ("晋城", "140500"),
        ("晉城市", "140500"),
        ("宁夏", "640000"),
        ("內蒙古", "150000"),
    ],
)
def test_chinese_index(name: str, code: str) -> None:
    assert code in codes(load().places_zh(name))


@pytest.mark.parametrize("name", ["金城", "西安康", "中国", "怀俄明"])
def test_chinese_index_misses(name: str) -> None:
    assert load().places_zh(name) == ()


@pytest.mark.parametrize(
    ("key", "names"),
    [("shanxi", {"山西", "陕西"}), ("jincheng", {"晋城"}), ("yulin", {"玉林", "榆林"})],
)
def test_homophone_index(key: str, names: set[str]) -> None:
    assert names <= set(load().homophones(key))


@pytest.mark.parametrize(
    ("code", "pinyin", "english"),
    [
        ("140000", "Shānxī", "Shanxi"),
        ("610000", "Shǎnxī", "Shaanxi"),
        ("140500", "Jìnchéng", "Jincheng"),
        ("140400", "Chángzhì", "Changzhi"),  # pypinyin would say zhǎng
        ("610100", "Xī'ān", "Xi'an"),
    ],
)
def test_pinyin_and_english(code: str, pinyin: str, english: str) -> None:
    p = load().by_code[code]
    assert (p.pinyin, p.name) == (pinyin, english)


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("金城", "jincheng", True),  # not a division, sounds like 晋城
        ("进城", "jincheng", True),
        ("陕西", "shanxi", True),
        ("长治", "changzhi", True),  # polyphonic 长: every reading counts
        ("长治", "zhangzhi", True),
        ("西宁", "xian", False),
        ("山西", "shaanxi", False),
        ("晋城", "jinchen", False),  # the whole key must be used
        ("晋", "jincheng", False),
    ],
)
def test_sounds_like(text: str, key: str, expected: bool) -> None:
    assert load().sounds_like(text, key) is expected


def test_ancestors() -> None:
    gaz = load()
    wutai = gaz.places_zh("五台县")[0]
    assert [p.zh_short for p in gaz.ancestors(wutai)] == ["忻州", "山西"]
    assert gaz.province_of(wutai).code == "140000"


@pytest.mark.parametrize(
    ("name", "tokens"),
    [("Inner Mongolia", ("inner", "mongolia")), ("Xi’an", ("xian",)), ("Ürümqi", ("urumqi",))],
)
def test_en_tokens(name: str, tokens: tuple[str, ...]) -> None:
    assert en_tokens(name) == tokens


def test_names_registered_with_jieba() -> None:
    from transreview.text.segment import project_tokenizer

    load()
    text = "他们到了乌兰察布市"
    assert "乌兰察布市" in [s.of(text) for s in project_tokenizer().words(text)]


# --- the build script's pure rules --------------------------------------------------


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("山西省", "山西"),
        ("晋城市", "晋城"),
        ("宁夏回族自治区", "宁夏"),
        ("内蒙古自治区", "内蒙古"),  # 蒙古 here is not an ethnic suffix
        ("黔东南苗族侗族自治州", "黔东南"),
        ("伊犁哈萨克自治州", "伊犁"),
        ("鄂温克族自治旗", "鄂温克"),
        ("管城回族区", "管城"),
        ("香港特别行政区", "香港"),
        ("阿里地区", "阿里"),
        ("神农架林区", "神农架"),
        ("金林区", "金林"),  # 区, not 林区
        ("单县", ""),  # one character left: no short name
        ("城区", ""),
    ],
)
def test_short_name(full: str, short: str) -> None:
    assert BUILD.short_name(full) == short


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("Jin4", "Jìn"),
        ("cheng2", "chéng"),
        ("Shan3", "Shǎn"),
        ("lu:3", "lǚ"),
        ("zhou1", "zhōu"),
        ("de5", "de"),
    ],
)
def test_tone_mark(numbered: str, marked: str) -> None:
    assert BUILD.tone_mark(numbered) == marked


@pytest.mark.parametrize(
    ("gloss", "key", "names"),
    [
        ("Jincheng prefecture-level city in Shanxi 山西[Shan1 xi1]", "jincheng", ["Jincheng"]),
        ("Ürümqi or Urumqi, prefecture-level city and capital", "wulumuqi", ["Ürümqi", "Urumqi"]),
        ("Dali Bai autonomous prefecture 大理白族自治州 in Yunnan", "dali", ["Dali"]),
        ("Shanxi Province (Shansi) in north China", "shanxi", ["Shanxi"]),
        ("good health", "ankang", []),
    ],
)
def test_gloss_names(gloss: str, key: str, names: list[str]) -> None:
    assert BUILD.gloss_names(gloss, key) == names
