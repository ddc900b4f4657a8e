"""The numeral-style check: Chinese and Arabic numerals mixed in one date or range."""

from __future__ import annotations

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.numeral_style import NumeralStyleCheck
from transreview.model import Severity

CHECK = NumeralStyleCheck()




# (target, [(start, text, suggestion)])
FIRES = [
    pytest.param("设置二〇一六年至2017年议程", [(2, "二〇一六年至2017年", "2016年至2017年")], id="seed-range"),
    pytest.param("2016年九月三日", [(0, "2016年九月三日", "2016年9月3日")], id="date-chain"),
    pytest.param("于二〇一六年9月", [(1, "二〇一六年9月", "2016年9月")], id="year-zh-month-arabic"),
    pytest.param("三至5个", [(0, "三至5", "3至5")], id="count-range"),
    pytest.param("2016-二〇一七年", [(0, "2016-二〇一七年", "2016-2017年")], id="dash-range"),
    pytest.param("五万至6万人", [(0, "五万至6万", "5万至6万")], id="wan-range"),
    pytest.param("十一至12月", [(0, "十一至12月", "11至12月")], id="months"),
    pytest.param("共3万五千人", [(1, "3万五千", None)], id="one-number-no-rewrite"),
    pytest.param("於二〇一六年至2017年", [(1, "二〇一六年至2017年", "2016年至2017年")], id="traditional"),
]


@pytest.mark.parametrize(("target", "expected"), FIRES)
def test_fires(target: str, expected: list[tuple]) -> None:
    pair = en_zh("source text", target)
    found = CHECK.run(pair)
    assert [(f.start, f.text, f.suggestion) for f in found] == expected
    for f in found:
        assert f.side == "target"
        assert f.severity is Severity.MINOR
        assert f.category == "Fluency/Inconsistency"
        assert pair.target[f.start : f.end] == f.text


QUIET = [
    "2016年至2017年",
    "二〇一六年至二〇一七年",
    "第一",
    "三个",
    "一家2016年成立的公司",
    "2016年一家公司成立",
    "从9月3日至11日",
    "350万人",
    "音箱1几百与会者",  # the stray digit is repetition's
    "作为议程的一部分 - 以促进2016年的合作",
    "统一2016年的标准",
]


@pytest.mark.parametrize("target", QUIET)
def test_quiet(target: str) -> None:
    assert CHECK.run(en_zh("source text", target)) == []


def test_english_target_and_chinese_source_are_not_checked() -> None:
    assert CHECK.run(zh_en("二〇一六年至2017年", "from 2016 to 2017")) == []
