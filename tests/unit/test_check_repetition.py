"""The repetition check: doubled words and characters, stray digits and letters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.repetition import RepetitionCheck
from transreview.model import Pair, Severity

ROOT = Path(__file__).resolve().parents[2]
CHECK = RepetitionCheck()




# (pair, [(start, text, suggestion)]) — all in the target
FIRES = [
    pytest.param(en_zh("my book", "我的的书"), [(1, "的的", "的")], id="de-de"),
    pytest.param(en_zh("He has gone.", "他走了了。"), [(2, "了了", "了")], id="le-le"),
    pytest.param(en_zh("the plan", "这个计划计划很好"), [(2, "计划计划", "计划")], id="word-twice"),
    pytest.param(en_zh("the plan", "這個計劃計劃很好"), [(2, "計劃計劃", "計劃")], id="traditional-word-twice"),
    pytest.param(en_zh("It is in Beijing.", "它在在北京。"), [(1, "在在", "在")], id="zai-zai"),
    pytest.param(zh_en("这是书。", "This is the the book."), [(8, "the the", "the")], id="en-the-the"),
    pytest.param(zh_en("这是书。", "The the book."), [(0, "The the", "The")], id="en-capital-function-word"),
    pytest.param(
        en_zh("addressing several hundred participants", "音箱1几百与会者"), [(2, "1", None)], id="stray-digit-seed"
    ),
    pytest.param(en_zh("we went", "我们2去了"), [(2, "2", None)], id="stray-digit-between-words"),
    pytest.param(en_zh("we went", "我们x去了"), [(2, "x", None)], id="stray-letter"),
]


@pytest.mark.parametrize(("pair", "expected"), FIRES)
def test_fires(pair: Pair, expected: list[tuple]) -> None:
    found = CHECK.run(pair)
    assert [(f.start, f.text, f.suggestion) for f in found] == expected
    for f in found:
        assert f.side == "target"
        assert f.severity is Severity.MINOR
        assert f.category == "Fluency"
        assert pair.target[f.start : f.end] == f.text


def test_stray_digit_message() -> None:
    (f,) = CHECK.run(en_zh("several hundred participants", "音箱1几百与会者"))
    assert "stray digit '1'" in f.message and "no counterpart" in f.message


QUIET = [
    pytest.param(en_zh("often", "他常常来"), id="changchang"),
    pytest.param(en_zh("slowly", "慢慢走"), id="manman"),
    pytest.param(en_zh("everyone", "人人都知道"), id="renren"),
    pytest.param(en_zh("thanks", "谢谢你"), id="xiexie"),
    pytest.param(en_zh("have a look", "看看吧"), id="kankan"),
    pytest.param(en_zh("every day", "天天锻炼"), id="tiantian"),
    pytest.param(en_zh("let us study it", "我们研究研究"), id="abab-verb"),
    pytest.param(en_zh("one by one", "一个一个地检查"), id="yi-x-yi-x"),
    pytest.param(en_zh("haha", "哈哈哈哈"), id="onomatopoeia"),
    pytest.param(en_zh("really", "实实在在"), id="aabb-zai"),
    pytest.param(en_zh("indeed", "的的确确"), id="aabb-de"),
    pytest.param(en_zh("to understand", "为了了解情况"), id="weile-liaojie"),
    pytest.param(en_zh("what he said is indeed true", "他说的的确是真的"), id="de-dique"),
    pytest.param(en_zh("let it drop", "不了了之"), id="idiom"),
    pytest.param(en_zh("A-shares and X-rays", "A股和X光"), id="letter-words"),
    pytest.param(en_zh("Plan B", "B计划"), id="letter-at-start"),
    pytest.param(en_zh("Plan B failed", "这个B计划失败了"), id="letter-in-source"),
    pytest.param(en_zh("3 people", "共3人"), id="digit-with-measure"),
    pytest.param(en_zh("floor 2", "我们2楼见"), id="digit-with-counterpart"),
    pytest.param(en_zh("in 2016", "在2016年"), id="year"),
    pytest.param(zh_en("他有。", "He had had enough."), id="had-had"),
    pytest.param(zh_en("他说。", "He said that that was fine."), id="that-that"),
    pytest.param(zh_en("瓦拉瓦拉", "Walla Walla is a city."), id="name"),
    pytest.param(en_zh("several hundred participants", ""), id="empty-target"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(pair: Pair) -> None:
    assert CHECK.run(pair) == []


def test_seed_page_stray_one_reported_once() -> None:
    """Paragraph 2 of the Shanxi page: the '1' of 1几百, by repetition only, and nothing else."""
    from transreview.checks.numbers import NumbersCheck
    from transreview.formats import read_inputs

    pairs = list(read_inputs([ROOT / "corpora" / "jhcga-shanxi-2016.txt"]))
    found = [(p.id, f.text, f.start) for p in pairs for f in CHECK.run(p)]
    (pair,) = [p for p in pairs if "1几百" in p.target]
    assert found == [(pair.id, "1", pair.target.index("1几百"))]
    assert NumbersCheck().run(pair) == []


# Repeated Han n-grams that are not reduplication (issue 14): strings written for this test.
NGRAM_FIRES = [
    pytest.param(en_zh("I am a student.", "我是是学生。"), [(1, "是是", "是")], id="shi-shi"),
    pytest.param(en_zh("There are many.", "有有很多。"), [(0, "有有", "有")], id="you-you"),
    pytest.param(en_zh("We must go.", "我们要我们要走了。"), [(0, "我们要我们要", "我们要")], id="three-words-twice"),
    pytest.param(en_zh("the Chinese people", "中国人民中国人民万岁"), [(0, "中国人民中国人民", "中国人民")], id="four-twice"),
]
NGRAM_QUIET = [
    en_zh("Thank you.", "谢谢你。"),
    en_zh("Take a look.", "你看看。"),
    en_zh("often", "他常常来。"),
    en_zh("slowly", "你会慢慢走出来的。"),
    en_zh("let us talk", "我们说说吧。"),  # a verb that reduplicates freely
    en_zh("every year", "年年如此。"),  # a measure word: every year
    en_zh("I dreamt", "我做梦梦见了大海。"),  # 做梦 + 梦见: one character, two words
    en_zh("a degree", "酒店管理学学位"),  # 管理学 + 学位
    en_zh("ticking", "钟声滴答滴答。"),  # onomatopoeia
    en_zh("Is he not coming?", "他是不是不想来？"),  # 是不 is not a unit
    en_zh("one by one", "一个一个地来。"),
    en_zh("study it", "我们研究研究。"),
    # real strings (the new rules' false alarms on ../shared/realfiles):
    # Microsoft Dynamics 365 docs, column-definitions-financial-reports (zh-cn), CC-BY-4.0:
    # 的 + 列 twice is two one-character words, not a repeated phrase
    en_zh("Double-click the Column Restrictions cell for the column to restrict.", "双击要限制的列的列限制单元格。"),
    # Tatoeba (via manythings.org), CC BY 2.0 FR: 爱谁谁 is an idiom, "who cares"
    en_zh("Who cares?", "爱谁谁。"),
]


@pytest.mark.parametrize(("pair", "expected"), NGRAM_FIRES)
def test_ngram_fires(pair: Pair, expected: list[tuple]) -> None:
    assert [(f.start, f.text, f.suggestion) for f in CHECK.run(pair)] == expected
    assert all(f.severity is Severity.MINOR for f in CHECK.run(pair))


@pytest.mark.parametrize("pair", NGRAM_QUIET, ids=lambda p: p.target)
def test_ngram_quiet(pair: Pair) -> None:
    assert CHECK.run(pair) == []


def test_ngram_parameters_in_signature() -> None:
    assert CHECK.signature() == "repetition@2"
    old = RepetitionCheck(any_char=False, max_unit=3)
    assert old.signature() == "repetition@2[max_unit=3,any_char=False]"
    assert old.run(en_zh("I am a student.", "我是是学生。"))  # 是 is a function character
    assert old.run(en_zh("There are many.", "有有很多。")) == []  # 有 is not
    assert old.run(en_zh("the Chinese people", "中国人民中国人民万岁")) == []  # longer than 3
    assert RepetitionCheck(max_unit=1).run(en_zh("We must go.", "我们要我们要走了。")) == []
